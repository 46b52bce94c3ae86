import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { Config } from '../config.js';
import type { ConferenceStore } from '../store/store.js';
import { mayWriteRoom } from '../../shared/model/index.js';
import { checkToken, parseRoomName } from '../auth/access.js';
import type { Rooms } from './rooms.js';
import type { ConnectionRights } from './room.js';

/** Close code sent to every client when the server shuts down; clients reconnect by themselves. */
export const CLOSE_SERVER_RESTARTING = 1012;

declare module 'fastify' {
  interface FastifyRequest {
    relayAccess?: {
      room: string;
      conferenceId: string;
      rights: ConnectionRights;
      audit: { name: string | null; roleLabel: string | null };
    };
  }
}

/**
 * The relay at /ws/<room>. The token (query `token`) is checked before the upgrade: a request
 * without a valid token for that conference gets a plain HTTP 401, 403 or 404, never a websocket.
 * Rooms and who may read and write each are declared in shared/model/rooms.ts: `<id>` is the board,
 * writable by everyone let in (each update checked against the rules); `<id>/chair` is the chair's
 * document, readable by everyone let in and writable by the chair only.
 */
export async function relayPlugin(
  app: FastifyInstance,
  opts: { config: Config; store: ConferenceStore; rooms: Rooms; rateLimit: object },
): Promise<void> {
  const { config, store, rooms } = opts;
  // The relay refuses messages over MAX_MESSAGE_BYTES itself, with a 44xx code the stock client
  // does not retry; ws's own hard cap (which closes with 1009) is set well above it.
  await app.register(websocket, {
    options: { maxPayload: config.maxMessageBytes * 4 },
    // On shutdown: every socket gets 1012 "server restarting" (clients come back by themselves),
    // then every room is stored and compacted.
    preClose: async () => {
      await rooms.closeAll(CLOSE_SERVER_RESTARTING, 'server restarting');
      for (const socket of app.websocketServer.clients) socket.terminate();
      await new Promise<void>((resolve) => app.websocketServer.close(() => resolve()));
    },
  });
  const checkAccess = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const room = (request.params as Record<string, string | undefined>)['*'] ?? '';
    const parsed = parseRoomName(room);
    if (!parsed) {
      await reply.code(404).send({ error: 'There is no conference here. Check the link you were given.' });
      return;
    }
    const query = request.query as Record<string, unknown>;
    const token = typeof query.token === 'string' ? query.token : '';
    const result = await checkToken(store, parsed.conferenceId, token, ['chair', 'participant']);
    if (!result.ok) {
      app.log.info({ event: 'relay.refused', conferenceId: parsed.conferenceId, status: result.status });
      await reply.code(result.status).send({ error: result.error });
      return;
    }
    const { credential } = result;
    request.relayAccess = {
      room,
      conferenceId: parsed.conferenceId,
      rights: {
        role: credential.role,
        identity: credential.participantId ?? 'unknown',
        name: credential.name ?? 'Unknown',
        roleLabel: credential.roleLabel ?? '',
        canWrite: mayWriteRoom(parsed.kind, credential.role),
      },
      audit: { name: credential.name, roleLabel: credential.roleLabel },
    };
  };

  app.get('/ws/*', { websocket: true, preValidation: checkAccess, config: { rateLimit: opts.rateLimit } }, (socket, request) => {
    const access = request.relayAccess;
    if (!access) {
      socket.close(4401, 'not authorised');
      return;
    }
    const { conferenceId, rights } = access;
    const onBoard = parseRoomName(access.room)?.kind === 'board';
    app.log.info({ event: 'relay.connected', conferenceId, room: onBoard ? 'board' : 'chair', role: rights.role });
    const auditEvent = (event: 'joined' | 'left'): void => {
      if (!onBoard) return;
      const at = Date.now();
      store
        .getConference(conferenceId)
        .then((conference) =>
          // After a purge there is nothing left to record against.
          conference
            ? store.audit(conferenceId, {
                at,
                event,
                participantId: rights.identity,
                name: access.audit.name,
                roleLabel: access.audit.roleLabel,
                role: rights.role,
              })
            : undefined,
        )
        .catch((err: unknown) =>
          app.log.error({ event: 'audit.write_failed', conferenceId, err: err instanceof Error ? err.message : String(err) }),
        );
    };
    auditEvent('joined');
    socket.on('close', () => {
      app.log.info({ event: 'relay.disconnected', conferenceId, room: onBoard ? 'board' : 'chair', role: rights.role });
      auditEvent('left');
    });
    rooms.get(access.room).join(socket, rights);
  });
}
