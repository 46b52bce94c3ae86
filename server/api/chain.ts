import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  carryForward,
  chairRoomName,
  conferenceSnapshot,
  isIsoDate,
  markPreparing,
  readChainPlace,
  readChairState,
  readConferenceDetails,
  reviewDetails,
  setStage,
  ValidationError,
} from '../../shared/model/index.js';
import { BEARER, Chain, ConferenceParams, CreatedConference, NO_CONTENT, Opened, REFUSALS, ReviewDate } from '../../shared/api/schemas.js';
import { apiError, invalidInput, type ApiErrorBody } from '../../shared/api/errors.js';
import { checkToken } from '../auth/access.js';
import { bearerToken } from '../auth/tokens.js';
import type { Rooms } from '../relay/rooms.js';
import type { ConferenceStore, StoredCredential } from '../store/store.js';
import { purgeConference } from './conferences.js';
import { createConference } from './create.js';

/**
 * Across conferences: preparing one before the meeting ("no surprises"), opening it, and chains of
 * conferences (initial → review 1 → review 2 …). The link between conferences lives on the server
 * (`previousId`); a review's document is made here from the previous conference's final record,
 * never seeded by a client.
 */
export async function chainApi(untyped: FastifyInstance, opts: { store: ConferenceStore; rooms: Rooms }): Promise<void> {
  const { store, rooms } = opts;
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();

  const audit = (conferenceId: string, event: 'opened' | 'review-started', who: StoredCredential, detail: string | null = null): Promise<void> =>
    store.audit(conferenceId, {
      at: Date.now(),
      event,
      participantId: who.participantId,
      name: who.name,
      roleLabel: who.roleLabel,
      role: who.role,
      detail,
    });

  const requireChair = async (id: string, authorization: string | undefined, reply: FastifyReply): Promise<StoredCredential | null> => {
    const result = await checkToken(store, id, bearerToken(authorization), ['chair']);
    if (result.ok) return result.credential;
    await reply.code(result.status).send(result.status === 403 ? apiError('chair-only') : result.body);
    return null;
  };

  /** Every conference of the chain a conference is in, first to last. */
  const chainOf = async (id: string): Promise<string[]> => {
    const ids = [id];
    for (let c = await store.getConference(id); c?.previousId && ids.length < 100; c = await store.getConference(c.previousId)) {
      ids.unshift(c.previousId);
    }
    for (let next = await store.nextInChain(id); next && ids.length < 100; next = await store.nextInChain(next)) ids.push(next);
    return ids;
  };

  app.post(
    '/api/conferences/:id/open',
    { schema: { summary: 'Open the meeting of a prepared conference (chair)', params: ConferenceParams, security: BEARER, response: { 200: Opened, ...REFUSALS } } },
    async (request, reply) => {
      const chair = await requireChair(request.params.id, request.headers.authorization, reply);
      if (!chair) return reply;
      const { id } = request.params;
      const state = await rooms.read(chairRoomName(id), readChairState);
      if (state.lockedAt !== null) return reply.code(409).send(apiError('ended'));
      if (!state.preparing) return reply.code(409).send(apiError('already-open'));
      await rooms.change(chairRoomName(id), (doc) => {
        markPreparing(doc, false);
        setStage(doc, 'introductions');
      });
      await audit(id, 'opened', chair);
      app.log.info({ event: 'conference.opened', conferenceId: id });
      return { openedAt: Date.now() };
    },
  );

  app.put(
    '/api/conferences/:id/date',
    { schema: { summary: 'Change the date of a conference not yet held (chair)', params: ConferenceParams, body: ReviewDate, security: BEARER, response: { 204: NO_CONTENT, ...REFUSALS } } },
    async (request, reply) => {
      const chair = await requireChair(request.params.id, request.headers.authorization, reply);
      if (!chair) return reply;
      const { id } = request.params;
      if (!isIsoDate(request.body.date)) return reply.code(400).send(invalidInput(new ValidationError('date', 'bad-date')));
      const state = await rooms.read(chairRoomName(id), readChairState);
      if (state.lockedAt !== null) return reply.code(409).send(apiError('ended'));
      await rooms.change(id, (doc) => doc.getMap('details').set('date', request.body.date));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/conferences/:id/reviews',
    {
      schema: {
        summary: 'Start the review conference of an ended conference (chair)',
        description:
          'Dated by the timescale (3 months after an initial conference, then 6), working-day adjusted. Carries forward the children, the danger statements and safety goals (with their scores), the actions still open, the safety network, the contingency plan and the core group.',
        params: ConferenceParams,
        security: BEARER,
        response: { 201: CreatedConference, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const chair = await requireChair(request.params.id, request.headers.authorization, reply);
      if (!chair) return reply;
      const previousId = request.params.id;
      const previous = await store.getConference(previousId);
      if (!previous || previous.lockedAt === null)
        return reply.code(409).send(apiError('review-needs-end'));
      if (await store.nextInChain(previousId)) return reply.code(409).send(apiError('has-review'));
      const { snapshot, place } = await rooms.readConference(previousId, (doc, chairDoc) => ({
        snapshot: conferenceSnapshot(doc, chairDoc),
        place: readChainPlace(doc),
      }));
      if (!snapshot.details || !place) return reply.code(409).send(apiError('nothing-to-carry'));
      const next = reviewDetails(snapshot.details, place);
      const { body, chair: newChair } = await createConference(store, {
        details: next.details,
        autoAdmit: previous.autoAdmit,
        preparing: true,
        review: { previousId, place: next.place, carry: (doc, author, now) => carryForward(doc, snapshot, previousId, author, now) },
      });
      await audit(body.id, 'review-started', newChair, previousId);
      await audit(previousId, 'review-started', chair, body.id);
      app.log.info({ event: 'conference.review_created', conferenceId: body.id, previousId });
      return reply.code(201).send(body);
    },
  );

  /** The ids, kinds and dates of a chain: for the chair, or anyone let in to any conference of it. */
  app.get(
    '/api/conferences/:id/chain',
    { schema: { summary: 'The conferences of a chain, first to last', params: ConferenceParams, security: BEARER, response: { 200: Chain, ...REFUSALS } } },
    async (request, reply) => {
      const ids = await chainOf(request.params.id);
      const token = bearerToken(request.headers.authorization);
      let allowed = false;
      let refusal: { status: number; body: ApiErrorBody } = { status: 401, body: apiError('bad-link') };
      for (const id of ids) {
        const result = await checkToken(store, id, token, ['chair', 'participant']);
        if (result.ok) {
          allowed = true;
          break;
        }
        if (id === request.params.id) refusal = result;
      }
      if (!allowed) return reply.code(refusal.status).send(refusal.body);
      const conferences = [];
      for (const id of ids) {
        const record = await store.getConference(id);
        const { details, place } = await rooms.read(id, (doc) => ({ details: readConferenceDetails(doc), place: readChainPlace(doc) }));
        conferences.push({
          id,
          kind: details?.kind ?? 'initial',
          date: details?.date ?? '',
          reviewNumber: place?.reviewNumber ?? 0,
          ended: record?.lockedAt !== null && record?.lockedAt !== undefined,
        });
      }
      return { conferences };
    },
  );

  /** The chair deletes every conference of the chain (every stored byte of each). */
  app.delete(
    '/api/conferences/:id/chain',
    { schema: { summary: 'Delete the whole chain (chair)', params: ConferenceParams, security: BEARER, response: { 204: NO_CONTENT, ...REFUSALS } } },
    async (request, reply) => {
      const chair = await requireChair(request.params.id, request.headers.authorization, reply);
      if (!chair) return reply;
      const ids = await chainOf(request.params.id);
      for (const id of ids) {
        const c = await store.getConference(id);
        if (c && c.lockedAt === null && id !== ids[ids.length - 1])
          return reply.code(409).send(apiError('end-chain-before-delete'));
      }
      for (const id of ids.reverse()) await purgeConference(untyped, store, rooms, id, 'chair');
      return reply.code(204).send();
    },
  );
}

/** Every conference of the chain that ends with `lastId` (retention deletes a chain from its last). */
export async function chainEndingAt(store: ConferenceStore, lastId: string): Promise<string[]> {
  const ids = [lastId];
  for (let c = await store.getConference(lastId); c?.previousId && ids.length < 100; c = await store.getConference(c.previousId)) {
    ids.push(c.previousId);
  }
  return ids;
}
