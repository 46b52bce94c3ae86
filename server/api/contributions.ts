import { apiError } from '../../shared/api/errors.js';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { chairRoomName, readChairState, removeContributions, type Author } from '../../shared/model/index.js';
import { BEARER, PersonParams, REFUSALS, RemovedContributions } from '../../shared/api/schemas.js';
import { checkToken } from '../auth/access.js';
import { bearerToken } from '../auth/tokens.js';
import type { Rooms } from '../relay/rooms.js';
import type { ConferenceStore } from '../store/store.js';

/**
 * `POST /api/conferences/:id/participants/:participantId/contributions/remove` (chair only): takes
 * off everything one person added that the chair has not confirmed or agreed (removeContributions
 * in shared/model), as the chair would by hand, one record at a time: marked removed, changed by the
 * chair, each can be put back. With "remove" (api/conferences.ts) the chair can take out someone who
 * floods the board, and what they flooded it with. The audit trail records who and how many, never
 * what. Refused once the meeting has ended (the record is sealed).
 */
export async function contributionsApi(untyped: FastifyInstance, opts: { store: ConferenceStore; rooms: Rooms }): Promise<void> {
  const { store, rooms } = opts;
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/conferences/:id/participants/:participantId/contributions/remove',
    {
      schema: {
        summary: 'Take off what one person added and the chair has not confirmed or agreed (chair)',
        params: PersonParams,
        security: BEARER,
        response: { 200: RemovedContributions, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const { id, participantId } = request.params;
      const result = await checkToken(store, id, bearerToken(request.headers.authorization), ['chair']);
      if (!result.ok) {
        return reply.code(result.status).send(result.status === 403 ? apiError('chair-only') : result.body);
      }
      const { conference, credential } = result;
      // The record is sealed once the meeting has ended.
      if (conference.lockedAt !== null) return reply.code(409).send(apiError('ended'));
      // Anyone who was ever let in, removed already or not (the chair may remove the person first).
      const who = (await store.credentialsFor(id)).find(
        (c) => c.participantId === participantId && (c.kind === 'participant' || c.kind === 'chair'),
      );
      if (!who) return reply.code(404).send(apiError('not-in-meeting'));
      const chair: Author = {
        id: credential.participantId ?? '',
        name: credential.name ?? 'Chair',
        roleLabel: credential.roleLabel ?? 'Chair',
        role: 'chair',
      };
      await rooms.catchUpConference(id);
      const settled = await rooms.read(chairRoomName(id), readChairState);
      let removed = 0;
      await rooms.change(id, (doc) => {
        removed = removeContributions(doc, settled, participantId, chair);
      });
      await store.audit(id, {
        at: Date.now(),
        event: 'contributions-removed',
        participantId: who.participantId,
        name: who.name,
        roleLabel: who.roleLabel,
        role: who.role,
        detail: String(removed),
      });
      app.log.info({ event: 'participant.contributions_removed', conferenceId: id, role: who.role, count: removed });
      return { removed };
    },
  );
}
