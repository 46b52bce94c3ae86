import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { BEARER, ConferenceParams, HiddenScores, NO_CONTENT, PairParams, REFUSALS, Revealed, ScoreRequest } from '../../shared/api/schemas.js';
import {
  chairRoomName,
  cleanScore,
  markRevealed,
  readChairState,
  readDangerPairs,
  ValidationError,
  writeScores,
  type Score,
} from '../../shared/model/index.js';
import { checkToken } from '../auth/access.js';
import { bearerToken } from '../auth/tokens.js';
import type { Rooms } from '../relay/rooms.js';
import type { ConferenceStore } from '../store/store.js';

/**
 * Hidden scoring. While the chair has scoring hidden, a score is sent here, not into the shared
 * document: every client receives every update of a document it syncs (and deleted Yjs content
 * lingers), so a document cannot hide anything. The server keeps hidden scores in its store and,
 * when the chair reveals a danger statement's scores, writes them all into the board at once.
 */
export async function scoresApi(untyped: FastifyInstance, opts: { store: ConferenceStore; rooms: Rooms; rateLimit: object }): Promise<void> {
  const { store, rooms } = opts;
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/conferences/:id/scores',
    {
      config: { rateLimit: opts.rateLimit },
      schema: { summary: 'Give a score', params: ConferenceParams, body: ScoreRequest, security: BEARER, response: { 204: NO_CONTENT, ...REFUSALS } },
    },
    async (request, reply) => {
      const result = await checkToken(store, request.params.id, bearerToken(request.headers.authorization), ['chair', 'participant']);
      if (!result.ok) return reply.code(result.status).send({ error: result.error });
      const { conference, credential } = result;
      if (conference.lockedAt !== null) return reply.code(409).send({ error: 'The meeting has ended.' });
      let clean;
      try {
        clean = cleanScore({
          pairId: typeof request.body?.pairId === 'string' ? request.body.pairId : '',
          value: typeof request.body?.value === 'number' ? request.body.value : NaN,
          nextStep: typeof request.body?.nextStep === 'string' ? request.body.nextStep : '',
        });
      } catch (err) {
        if (err instanceof ValidationError) return reply.code(400).send({ error: err.message, field: err.field });
        throw err;
      }
      const pairExists = await rooms.read(conference.id, (doc) => readDangerPairs(doc).some((p) => p.id === clean.pairId));
      if (!pairExists) return reply.code(404).send({ error: 'That danger statement is no longer there.' });
      const revealed = await rooms.read(chairRoomName(conference.id), (doc) => readChairState(doc).revealed.has(clean.pairId));
      const score: Score = {
        ...clean,
        participantId: credential.participantId ?? 'unknown',
        name: credential.name ?? '',
        roleLabel: credential.roleLabel ?? '',
        role: credential.role,
        at: Date.now(),
      };
      if (revealed) await rooms.change(conference.id, (doc) => writeScores(doc, [score]));
      else await store.saveHiddenScore(conference.id, score);
      return reply.code(204).send();
    },
  );

  /** Who has given a hidden score (names, never values), and one's own scores. */
  app.get('/api/conferences/:id/scores/hidden', { config: { rateLimit: opts.rateLimit }, schema: { summary: 'Who has given a hidden score, and one’s own', params: ConferenceParams, security: BEARER, response: { 200: HiddenScores, ...REFUSALS } } }, async (request, reply) => {
    const result = await checkToken(store, request.params.id, bearerToken(request.headers.authorization), ['chair', 'participant']);
    if (!result.ok) return reply.code(result.status).send({ error: result.error });
    const hidden = await store.hiddenScores(result.conference.id);
    const me = result.credential.participantId;
    return {
      scored: hidden.map((h) => ({ pairId: h.pairId, participantId: h.participantId, name: h.name, roleLabel: h.roleLabel, role: h.role })),
      mine: hidden.filter((h) => h.participantId === me).map((h) => ({ pairId: h.pairId, value: h.value, nextStep: h.nextStep })),
    };
  });

  app.post('/api/conferences/:id/scores/:pairId/reveal', { config: { rateLimit: opts.rateLimit }, schema: { summary: 'Reveal a danger statement’s scores (chair)', params: PairParams, security: BEARER, response: { 200: Revealed, ...REFUSALS } } }, async (request, reply) => {
    const result = await checkToken(store, request.params.id, bearerToken(request.headers.authorization), ['chair']);
    if (!result.ok)
      return reply.code(result.status).send({ error: result.status === 403 ? 'Only the chair can reveal the scores.' : result.error });
    const { conference, credential } = result;
    if (conference.lockedAt !== null) return reply.code(409).send({ error: 'The meeting has ended.' });
    const { pairId } = request.params;
    const hidden = (await store.hiddenScores(conference.id)).filter((h) => h.pairId === pairId);
    await rooms.change(conference.id, (doc) => writeScores(doc, hidden));
    await rooms.change(chairRoomName(conference.id), (doc) => markRevealed(doc, pairId, Date.now()));
    await store.deleteHiddenScores(conference.id, pairId);
    await store.audit(conference.id, {
      at: Date.now(),
      event: 'scores-revealed',
      participantId: credential.participantId,
      name: credential.name,
      roleLabel: credential.roleLabel,
      role: credential.role,
    });
    app.log.info({ event: 'scores.revealed', conferenceId: conference.id, count: hidden.length });
    return { revealed: hidden.length };
  });
}
