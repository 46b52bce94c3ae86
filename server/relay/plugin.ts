import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { Config } from '../config.js';
import type { ConferenceStore } from '../store/store.js';
import { mayWriteRoom } from '../../shared/model/index.js';
import { checkToken, parseRoomName } from '../auth/access.js';
import type { Rooms } from './rooms.js';
import type { ConnectionRights } from './room.js';

/** The subprotocol Conference Board's client asks for; the server answers with it. */
export const RELAY_PROTOCOL = 'conference-board';
/** Prefix of the subprotocol that carries the token: `cb-token.<token>`. */
export const TOKEN_PROTOCOL_PREFIX = 'cb-token.';

/**
 * The token of a websocket request: from the `Sec-WebSocket-Protocol` header
 * (`conference-board, cb-token.<token>`), which proxies do not write to their access logs, or else
 * from the query (`?token=…`), as stock y-websocket clients send it.
 */
function tokenOf(request: FastifyRequest): string {
  const header = request.headers['sec-websocket-protocol'];
  for (const protocol of (typeof header === 'string' ? header : '').split(',')) {
    const p = protocol.trim();
    if (p.startsWith(TOKEN_PROTOCOL_PREFIX)) return p.slice(TOKEN_PROTOCOL_PREFIX.length);
  }
  const query = request.query as Record<string, unknown>;
  return typeof query.token === 'string' ? query.token : '';
}

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
 * The relay at /ws/<room>. The token (see tokenOf) is checked before the upgrade: a request
 * without a valid token for that conference gets a plain HTTP 401, 403 or 404, never a websocket.
 * Rooms and who may read and write each are declared in shared/model/rooms.ts: `<id>` is the board,
 * writable by everyone let in (each update checked against the rules); `<id>/chair` is the chair's
 * document, readable by everyone let in and writable by the chair only.
 */
export async function relayPlugin(app: FastifyInstance, opts: { config: Config; store: ConferenceStore; rooms: Rooms }): Promise<void> {
  const { config, store, rooms } = opts;
  // A frame over MAX_MESSAGE_BYTES is refused by ws from its header, before its payload is read;
  // the connection closes it with 4413 "message too large" (see Connection).
  await app.register(websocket, {
    options: {
      maxPayload: config.maxMessageBytes,
      // A client that sends its token as a subprotocol (see tokenOf) is answered with this one.
      handleProtocols: (protocols: Set<string>) => (protocols.has(RELAY_PROTOCOL) ? RELAY_PROTOCOL : false),
    },
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
    const token = tokenOf(request);
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
        lead: credential.lead,
      },
      audit: { name: credential.name, roleLabel: credential.roleLabel },
    };
  };

  app.get('/ws/*', { websocket: true, preValidation: checkAccess, schema: { hide: true } }, (socket, request) => {
    const access = request.relayAccess;
    if (!access) {
      socket.close(4401, 'not authorised');
      return;
    }
    const { conferenceId, rights } = access;
    const onBoard = parseRoomName(access.room)?.kind === 'board';
    // Refused (too many connections for one person): closed already, and not worth an audit line.
    if (!rooms.get(access.room).join(socket, rights)) return;
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
    // In use: an unended conference expires only after days without anyone opening it.
    const touch = (): void => {
      store
        .touch(conferenceId, Date.now())
        .catch((err: unknown) => app.log.error({ event: 'store.touch_failed', conferenceId, code: (err as { code?: string }).code }));
    };
    touch();
    socket.on('close', () => {
      app.log.info({ event: 'relay.disconnected', conferenceId, room: onBoard ? 'board' : 'chair', role: rights.role });
      auditEvent('left');
      touch();
    });
  });
}
