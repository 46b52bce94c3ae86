import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { BEARER, ConferenceParams, HiddenScores, NO_CONTENT, PairParams, REFUSALS, Revealed, ScoreRequest } from '../../shared/api/schemas.js';
import {
  chairRoomName,
  cleanNamedPerson,
  cleanScore,
  isEnteredSubject,
  markRevealed,
  mayChangeScore,
  mayScoreNow,
  newEnteredSubject,
  readChairState,
  readDangerPairs,
  readScores,
  writeScores,
  type Score,
} from '../../shared/model/index.js';
import { apiError } from '../../shared/api/errors.js';
import { checkToken } from '../auth/access.js';
import { bearerToken } from '../auth/tokens.js';
import type { Rooms } from '../relay/rooms.js';
import type { ConferenceStore, HiddenScore } from '../store/store.js';

/** A hidden score as it goes into the record when revealed: scores the chair entered say so. */
function revealedScore(h: HiddenScore, chairId: string | null): Score {
  const entered = isEnteredSubject(h.participantId);
  return {
    pairId: h.pairId,
    subject: h.participantId,
    participantId: entered ? null : h.participantId,
    name: h.name,
    roleLabel: h.roleLabel,
    role: h.role,
    value: h.value,
    nextStep: h.nextStep,
    at: h.at,
    enteredBy: entered ? chairId : null,
  };
}

/**
 * Writes every hidden score of a danger statement into the board at once, marks it revealed and
 * forgets the hidden copies. Used by the reveal button and when the chair ends the meeting.
 */
export async function revealScores(store: ConferenceStore, rooms: Rooms, conferenceId: string, pairId: string, chairId: string | null): Promise<number> {
  const hidden = (await store.hiddenScores(conferenceId)).filter((h) => h.pairId === pairId);
  await rooms.change(conferenceId, (doc) => writeScores(doc, hidden.map((h) => revealedScore(h, chairId))));
  await rooms.change(chairRoomName(conferenceId), (doc) => markRevealed(doc, pairId, Date.now()));
  await store.deleteHiddenScores(conferenceId, pairId);
  return hidden.length;
}

/**
 * Scores given through the server. While the chair has scoring hidden, a score is sent here, not
 * into the shared document: every client receives every update of a document it syncs (and deleted
 * Yjs content lingers), so a document cannot hide anything. The server keeps hidden scores in its
 * store and, when the chair reveals a danger statement's scores, writes them all into the board at
 * once. The same rules hold as in the document: family first, one score per person, no change once
 * shown, and only the chair enters a score for someone without a device.
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
      if (!result.ok) return reply.code(result.status).send(result.body);
      const { conference, credential } = result;
      if (conference.lockedAt !== null) return reply.code(409).send(apiError('ended'));
      const body = request.body ?? {};
      const clean = cleanScore({
        pairId: typeof body.pairId === 'string' ? body.pairId : '',
        value: typeof body.value === 'number' ? body.value : NaN,
        nextStep: typeof body.nextStep === 'string' ? body.nextStep : '',
      });
      let person;
      if (body.for !== undefined) {
        if (credential.kind !== 'chair') return reply.code(403).send(apiError('not-yours'));
        const f = (typeof body.for === 'object' && body.for !== null ? body.for : {}) as Record<string, unknown>;
        person = cleanNamedPerson({ name: f.name, roleLabel: f.roleLabel, role: f.role });
      }
      const pairExists = await rooms.read(conference.id, (doc) => readDangerPairs(doc).some((p) => p.id === clean.pairId));
      if (!pairExists) return reply.code(404).send(apiError('pair-gone'));
      const chair = await rooms.read(chairRoomName(conference.id), readChairState);
      const role = person ? person.role : credential.role;
      if (!mayScoreNow(role, chair)) {
        return reply.code(403).send(apiError('family-first'));
      }
      const subject = person ? newEnteredSubject() : (credential.participantId ?? 'unknown');
      const revealed = chair.revealed.has(clean.pairId);
      if (!person && !mayChangeScore(clean.pairId, chair)) {
        const given = await rooms.read(conference.id, (doc) => readScores(doc).some((s) => s.pairId === clean.pairId && s.subject === subject));
        if (given)
          return reply.code(409).send(apiError('scores-shown'));
      }
      const hidden: HiddenScore = {
        ...clean,
        participantId: subject,
        name: person?.name ?? credential.name ?? '',
        roleLabel: person?.roleLabel ?? credential.roleLabel ?? '',
        role,
        at: Date.now(),
      };
      if (revealed || chair.settings.scoring === 'open') {
        await rooms.change(conference.id, (doc) => writeScores(doc, [revealedScore(hidden, credential.kind === 'chair' ? credential.participantId : null)]));
      } else await store.saveHiddenScore(conference.id, hidden);
      return reply.code(204).send();
    },
  );

  /** Who has given a hidden score (names, never values), and one's own scores. */
  app.get('/api/conferences/:id/scores/hidden', { config: { rateLimit: opts.rateLimit }, schema: { summary: 'Who has given a hidden score, and one’s own', params: ConferenceParams, security: BEARER, response: { 200: HiddenScores, ...REFUSALS } } }, async (request, reply) => {
    const result = await checkToken(store, request.params.id, bearerToken(request.headers.authorization), ['chair', 'participant']);
    if (!result.ok) return reply.code(result.status).send(result.body);
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
      return reply.code(result.status).send(result.status === 403 ? apiError('chair-only') : result.body);
    const { conference, credential } = result;
    if (conference.lockedAt !== null) return reply.code(409).send(apiError('ended'));
    const count = await revealScores(store, rooms, conference.id, request.params.pairId, credential.participantId);
    await store.audit(conference.id, {
      at: Date.now(),
      event: 'scores-revealed',
      participantId: credential.participantId,
      name: credential.name,
      roleLabel: credential.roleLabel,
      role: credential.role,
      detail: String(count),
    });
    app.log.info({ event: 'scores.revealed', conferenceId: conference.id, count });
    return { revealed: count };
  });
}
