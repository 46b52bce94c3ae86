import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { initConferenceDoc, isConferenceId, randomId, type AccessRole } from '../../shared/model/index.js';
import { hashToken, newToken, roleForToken } from '../auth/tokens.js';
import type { ConferenceStore } from '../store/store.js';

export interface CreatedConference {
  id: string;
  chairToken: string;
  professionalToken: string;
  familyToken: string;
  /** Paths to open in a browser; the token travels in the fragment, so it never reaches a server log. */
  links: { chair: string; professional: string; family: string };
}

function link(id: string, token: string): string {
  return `/c/${id}#token=${token}`;
}

function bearer(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? '';
}

export async function conferencesApi(app: FastifyInstance, opts: { store: ConferenceStore }): Promise<void> {
  const { store } = opts;

  app.post('/api/conferences', async (_request, reply) => {
    const id = randomId(16);
    const createdAt = Date.now();
    const tokens: Record<AccessRole, string> = { chair: newToken(), professional: newToken(), family: newToken() };
    // The document's initial structure is written here, on the server, once.
    const doc = new Y.Doc();
    initConferenceDoc(doc, createdAt);
    store.createConference(
      { id, createdAt, lockedAt: null },
      (Object.entries(tokens) as Array<[AccessRole, string]>).map(([role, token]) => ({ role, hash: hashToken(token) })),
      id,
      Y.encodeStateAsUpdate(doc),
    );
    doc.destroy();
    app.log.info({ event: 'conference.created', conferenceId: id });
    const body: CreatedConference = {
      id,
      chairToken: tokens.chair,
      professionalToken: tokens.professional,
      familyToken: tokens.family,
      links: { chair: link(id, tokens.chair), professional: link(id, tokens.professional), family: link(id, tokens.family) },
    };
    return reply.code(201).send(body);
  });

  /** Tells a browser what its link lets it do, so it can say "this link is not valid" instead of retrying. */
  app.get<{ Params: { id: string } }>('/api/conferences/:id/access', async (request, reply) => {
    const { id } = request.params;
    if (!isConferenceId(id) || !store.getConference(id)) {
      return reply.code(404).send({ error: 'There is no conference here. Check the link you were given.' });
    }
    const token = bearer(request.headers.authorization);
    const role = token ? roleForToken(token, store.tokensFor(id)) : null;
    if (!role) return reply.code(401).send({ error: 'This link is not valid for this conference.' });
    return { conferenceId: id, role };
  });
}
