import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import { isConferenceId } from '../../shared/model/index.js';
import type { Config } from '../config.js';
import type { ConferenceStore } from '../store/store.js';
import { hashToken, roleForToken } from '../auth/tokens.js';
import { Rooms } from './rooms.js';
import type { ConnectionRights } from './room.js';

/** Close code sent to every client when the server shuts down; clients reconnect by themselves. */
export const CLOSE_SERVER_RESTARTING = 1012;

declare module 'fastify' {
  interface FastifyRequest {
    conferenceAccess?: { room: string; rights: ConnectionRights };
  }
}

/** Which conference a room name belongs to, or null when the name is not one of ours. */
export function conferenceOfRoom(room: string): string | null {
  return isConferenceId(room) ? room : null;
}

/**
 * The relay at /ws/<room>. The token (query `token`) is checked before the upgrade: a request
 * without a valid token for that conference gets a plain HTTP 401 or 404, never a websocket.
 */
export async function relayPlugin(app: FastifyInstance, opts: { config: Config; store: ConferenceStore }): Promise<void> {
  const { config, store } = opts;
  const rooms = new Rooms(store, config, app.log);

  await app.register(websocket, { options: { maxPayload: config.maxMessageBytes } });

  const checkAccess = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const params = request.params as Record<string, string | undefined>;
    const room = params['*'] ?? '';
    const conferenceId = conferenceOfRoom(room);
    const conference = conferenceId ? store.getConference(conferenceId) : null;
    if (!conferenceId || !conference) {
      await reply.code(404).send({ error: 'There is no conference here. Check the link you were given.' });
      return;
    }
    const query = request.query as Record<string, unknown>;
    const token = typeof query.token === 'string' ? query.token : '';
    const role = token ? roleForToken(token, store.tokensFor(conferenceId)) : null;
    if (!role) {
      app.log.info({ event: 'relay.refused', conferenceId, reason: 'bad token' });
      await reply.code(401).send({ error: 'This link is not valid for this conference.' });
      return;
    }
    request.conferenceAccess = { room, rights: { role, canWrite: true, identity: hashToken(token).toString('hex') } };
  };

  app.get('/ws/*', { websocket: true, preValidation: checkAccess }, (socket, request) => {
    const access = request.conferenceAccess;
    if (!access) {
      socket.close(4401, 'not authorised');
      return;
    }
    app.log.info({ event: 'relay.connected', room: access.room, role: access.rights.role });
    socket.on('close', () => app.log.info({ event: 'relay.disconnected', room: access.room, role: access.rights.role }));
    rooms.get(access.room).join(socket, access.rights);
  });

  app.addHook('preClose', async () => {
    rooms.closeAll(CLOSE_SERVER_RESTARTING, 'server restarting');
  });
}
