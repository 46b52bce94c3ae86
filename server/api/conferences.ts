import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  chairRoomName,
  cleanConferenceDetails,
  cleanName,
  cleanRoleLabel,
  markLocked,
  randomId,
  REMOVED_REASON,
} from '../../shared/model/index.js';
import {
  AuditTrail,
  BEARER,
  ConferenceParams,
  CreatedConference,
  DeclinedAll,
  InvitationParams,
  Joined,
  JoinRequest,
  Lobby,
  Locked,
  Me,
  NewConference,
  NO_CONTENT,
  PersonParams,
  REFUSALS,
  Reissued,
  Settings,
  UnrevealedScores,
} from '../../shared/api/schemas.js';
import { apiError, type ApiErrorBody } from '../../shared/api/errors.js';
import { checkToken, roomsOf } from '../auth/access.js';
import { bearerToken, hashToken, newToken } from '../auth/tokens.js';
import { CLOSE_REMOVED, type Rooms } from '../relay/rooms.js';
import { createConference, invitation, link } from './create.js';
import { sealRecord } from './versions.js';
import { revealScores } from './scores.js';
import type { AuditEntry, ConferenceStore, StoredCredential } from '../store/store.js';

export interface ApiOptions {
  store: ConferenceStore;
  rooms: Rooms;
  rateLimits: { create: object; lobby: object };
  /** See Config: shown to the chair of a conference left unended. */
  unendedRetentionDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function conferencesApi(untyped: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { store, rooms, rateLimits } = opts;
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();

  const audit = (
    conferenceId: string,
    event: AuditEntry['event'],
    who?: Pick<StoredCredential, 'participantId' | 'name' | 'roleLabel' | 'role'>,
    detail?: string,
  ): Promise<void> =>
    store.audit(conferenceId, {
      at: Date.now(),
      event,
      participantId: who?.participantId ?? null,
      name: who?.name ?? null,
      roleLabel: who?.roleLabel ?? null,
      role: who?.role ?? null,
      detail: detail ?? null,
    });

  /** The chair's credential, or a reply with the reason it is refused. */
  const requireChair = async (
    // Any route's request and reply: only the conference id, the token and the refusal are used.
    request: { params: { id: string }; headers: { authorization?: string } },
    reply: { code(status: number): { send(body: ApiErrorBody): unknown } },
  ): Promise<StoredCredential | null> => {
    const result = await checkToken(store, request.params.id, bearerToken(request.headers.authorization), ['chair']);
    if (result.ok) return result.credential;
    await reply.code(result.status).send(result.status === 403 ? apiError('chair-only') : result.body);
    return null;
  };

  app.post(
    '/api/conferences',
    {
      config: { rateLimit: rateLimits.create },
      schema: {
        summary: 'Create a conference',
        description: 'Returns the chair’s token and the two invitations (professionals, family).',
        body: NewConference,
        response: { 201: CreatedConference, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const details = cleanConferenceDetails(request.body);
      const { body, chair } = await createConference(store, {
        details,
        autoAdmit: request.body.autoAdmit === true,
        preparing: request.body.preparation === true,
      });
      await audit(body.id, 'created', chair);
      app.log.info({ event: 'conference.created', conferenceId: body.id, preparing: request.body.preparation === true });
      return reply.code(201).send(body);
    },
  );

  /** What a token is: lets a browser show the right screen (join form, lobby, board, or a clear refusal). */
  app.get(
    '/api/conferences/:id/me',
    { schema: { summary: 'What a token is', params: ConferenceParams, security: BEARER, response: { 200: Me, ...REFUSALS } } },
    async (request, reply) => {
      const result = await checkToken(store, request.params.id, bearerToken(request.headers.authorization), [
        'chair',
        'invitation',
        'lobby',
        'participant',
        'declined',
      ]);
      if (!result.ok) return reply.code(result.status).send(result.body);
      const { credential: c, conference } = result;
      // The chair of a meeting left unended, unopened for half the time it is kept so, is warned
      // (this answer comes before the screen connects, which counts as opening it again).
      const idleDays = Math.floor((Date.now() - conference.activeAt) / DAY_MS);
      const warnExpiry = c.kind === 'chair' && conference.lockedAt === null && idleDays >= opts.unendedRetentionDays / 2;
      return {
        conferenceId: conference.id,
        kind: c.kind,
        role: c.role,
        participantId: c.participantId,
        name: c.name,
        roleLabel: c.roleLabel,
        lead: c.lead,
        locked: conference.lockedAt !== null,
        expiry: warnExpiry ? { idleDays, deletedAfterIdleDays: opts.unendedRetentionDays } : null,
      };
    },
  );

  /** A person with an invitation asks to join: they wait in the lobby until the chair lets them in. */
  app.post(
    '/api/conferences/:id/lobby',
    {
      // Per invitation: one link passed round (a QR code on the wall) cannot fill the lobby.
      config: { rateLimit: rateLimits.lobby },
      schema: {
        summary: 'Ask to join (with an invitation)',
        params: ConferenceParams,
        body: JoinRequest,
        security: BEARER,
        response: { 201: Joined, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const result = await checkToken(store, request.params.id, bearerToken(request.headers.authorization), ['invitation']);
      if (!result.ok) return reply.code(result.status).send(result.body);
      if (result.conference.lockedAt !== null) return reply.code(409).send(apiError('ended'));
      const name = cleanName(request.body.name);
      const roleLabel = cleanRoleLabel(request.body.roleLabel);
      const token = newToken();
      const credential: StoredCredential = {
        hash: hashToken(token),
        kind: result.conference.autoAdmit ? 'participant' : 'lobby',
        role: result.credential.role,
        participantId: randomId(12),
        name,
        roleLabel,
        createdAt: Date.now(),
        revokedAt: null,
        // Someone who joins through the lead social worker's invitation is the lead.
        lead: result.credential.lead,
      };
      await store.addCredential(result.conference.id, credential);
      await audit(result.conference.id, 'asked-to-join', credential);
      if (credential.kind === 'participant') await audit(result.conference.id, 'admitted', credential);
      app.log.info({
        event: 'lobby.request',
        conferenceId: result.conference.id,
        role: credential.role,
        admitted: credential.kind === 'participant',
      });
      return reply.code(201).send({ token, kind: credential.kind, participantId: credential.participantId ?? '' });
    },
  );

  app.get(
    '/api/conferences/:id/lobby',
    {
      schema: {
        summary: 'Who is waiting and who is in (chair)',
        params: ConferenceParams,
        security: BEARER,
        response: { 200: Lobby, ...REFUSALS },
      },
    },
    async (request, reply) => {
      if (!(await requireChair(request, reply))) return reply;
      const conference = await store.getConference(request.params.id);
      const credentials = (await store.credentialsFor(request.params.id)).sort((a, b) => a.createdAt - b.createdAt);
      const person = (c: StoredCredential) => ({
        participantId: c.participantId ?? '',
        name: c.name ?? '',
        roleLabel: c.roleLabel ?? '',
        role: c.role,
        since: c.createdAt,
      });
      const waiting = credentials.filter((c) => c.kind === 'lobby' && c.revokedAt === null).map(person);
      // Everyone the chair let in and has not removed: the chair can remove any of them.
      const admitted = credentials.filter((c) => c.kind === 'participant' && c.revokedAt === null).map(person);
      return { waiting, admitted, autoAdmit: conference?.autoAdmit ?? false };
    },
  );

  /** The chair declines everyone waiting at once (a lobby flooded through a shared link). */
  app.post(
    '/api/conferences/:id/lobby/decline-all',
    {
      schema: {
        summary: 'Decline everyone waiting (chair)',
        params: ConferenceParams,
        security: BEARER,
        response: { 200: DeclinedAll, ...REFUSALS },
      },
    },
    async (request, reply) => {
      if (!(await requireChair(request, reply))) return reply;
      const declined = await store.declineAllWaiting(request.params.id);
      for (const who of declined) await audit(request.params.id, 'declined', who);
      app.log.info({ event: 'lobby.decline_all', conferenceId: request.params.id, count: declined.length });
      return { declined: declined.length };
    },
  );

  /**
   * The chair removes someone already let in: their token stops working and their open screens are
   * closed with a message (on every instance). What they wrote stays on the board.
   */
  app.post(
    '/api/conferences/:id/participants/:participantId/remove',
    {
      schema: {
        summary: 'Remove someone let in (chair)',
        params: PersonParams,
        security: BEARER,
        response: { 204: NO_CONTENT, ...REFUSALS },
      },
    },
    async (request, reply) => {
      if (!(await requireChair(request, reply))) return reply;
      const { id, participantId } = request.params;
      const removed = await store.revokeParticipant(id, participantId, Date.now());
      if (!removed) return reply.code(404).send(apiError('not-in-meeting'));
      rooms.closeParticipant(id, participantId, CLOSE_REMOVED, REMOVED_REASON);
      await audit(id, 'removed', removed);
      app.log.info({ event: 'participant.removed', conferenceId: id, role: removed.role });
      return reply.code(204).send();
    },
  );

  for (const decision of ['admit', 'decline'] as const) {
    app.post(
      `/api/conferences/:id/lobby/:participantId/${decision}`,
      {
        schema: {
          summary: decision === 'admit' ? 'Let someone in (chair)' : 'Decline someone waiting (chair)',
          params: PersonParams,
          security: BEARER,
          response: { 204: NO_CONTENT, ...REFUSALS },
        },
      },
      async (request, reply) => {
        if (!(await requireChair(request, reply))) return reply;
        const { id, participantId } = request.params;
        const to = decision === 'admit' ? 'participant' : 'declined';
        if (!(await store.setCredentialKind(id, participantId, 'lobby', to))) {
          return reply.code(404).send(apiError('no-longer-waiting'));
        }
        const who = (await store.credentialsFor(id)).find((c) => c.participantId === participantId);
        await audit(id, decision === 'admit' ? 'admitted' : 'declined', who);
        app.log.info({ event: `lobby.${decision}`, conferenceId: id });
        return reply.code(204).send();
      },
    );
  }

  app.put(
    '/api/conferences/:id/settings',
    {
      schema: {
        summary: 'Let invited people in without asking (chair)',
        params: ConferenceParams,
        body: Settings,
        security: BEARER,
        response: { 204: NO_CONTENT, ...REFUSALS },
      },
    },
    async (request, reply) => {
      if (!(await requireChair(request, reply))) return reply;
      await store.setAutoAdmit(request.params.id, request.body.autoAdmit);
      return reply.code(204).send();
    },
  );

  for (const action of ['revoke', 'reissue'] as const) {
    app.post(
      `/api/conferences/:id/invitations/:role/${action}`,
      {
        schema: {
          summary: action === 'revoke' ? 'Turn an invitation off (chair)' : 'Make a new invitation; the old one stops (chair)',
          params: InvitationParams,
          security: BEARER,
          response: { 200: Reissued, 204: NO_CONTENT, ...REFUSALS },
        },
      },
      async (request, reply) => {
        const chair = await requireChair(request, reply);
        if (!chair) return reply;
        const { id, role } = request.params;
        if (role !== 'professional' && role !== 'family' && role !== 'lead')
          return reply.code(404).send(apiError('bad-invitation-role'));
        // The lead social worker's invitation is a professional's, with the right to draft before the meeting.
        const lead = role === 'lead';
        const invitedRole: 'professional' | 'family' = lead ? 'professional' : role;
        await store.revokeInvitations(id, invitedRole, Date.now(), lead);
        await audit(id, action === 'revoke' ? 'invitation-revoked' : 'invitation-reissued', { ...chair, role: invitedRole });
        if (action === 'revoke') return reply.code(204).send();
        const token = newToken();
        await store.addCredential(id, invitation(invitedRole, token, Date.now(), lead));
        return { role: lead ? ('lead' as const) : invitedRole, token, link: link(id, token) };
      },
    );
  }

  /**
   * The chair ends the meeting: the board becomes read-only for everyone, now and later, and the
   * record is sealed. Hidden scores not yet shown are never lost quietly: without `unrevealedScores`
   * the answer is 409 with how many there are, and the chair chooses to show them (`reveal`) or to
   * leave them out of the record (`leave-out`), which the record then says.
   */
  app.post(
    '/api/conferences/:id/lock',
    {
      schema: {
        summary: 'End the meeting (chair)',
        params: ConferenceParams,
        // The body is optional (an empty request ends a meeting without hidden scores): checked below.
        security: BEARER,
        response: { 200: Locked, ...REFUSALS, 409: UnrevealedScores },
      },
    },
    async (request, reply) => {
      const chair = await requireChair(request, reply);
      if (!chair) return reply;
      const { id } = request.params;
      const existing = await store.getConference(id);
      if (existing?.lockedAt != null) return { lockedAt: existing.lockedAt };
      const choice = (request.body as { unrevealedScores?: unknown } | undefined)?.unrevealedScores;
      if (choice !== undefined && choice !== 'reveal' && choice !== 'leave-out') {
        return reply.code(400).send(apiError('bad-unrevealed-choice'));
      }
      const hidden = await store.hiddenScores(id);
      if (hidden.length > 0 && choice === undefined) {
        return reply.code(409).send({ ...apiError('unrevealed-scores', { count: hidden.length }), count: hidden.length });
      }
      let leftOut = 0;
      if (hidden.length > 0 && choice === 'reveal') {
        for (const pairId of new Set(hidden.map((h) => h.pairId))) await revealScores(store, rooms, id, pairId, chair.participantId);
        await audit(id, 'scores-revealed', chair, String(hidden.length));
      } else if (hidden.length > 0) {
        leftOut = hidden.length;
        for (const pairId of new Set(hidden.map((h) => h.pairId))) await store.deleteHiddenScores(id, pairId);
        await audit(id, 'scores-left-out', chair, String(leftOut));
      }
      const at = Date.now();
      if (await store.lock(id, at)) {
        rooms.lock(id);
        await rooms.change(chairRoomName(id), (doc) => markLocked(doc, at, leftOut));
        await audit(id, 'locked', chair);
        await sealRecord(store, rooms, id, at);
        app.log.info({ event: 'conference.locked', conferenceId: id });
      }
      return { lockedAt: (await store.getConference(id))?.lockedAt ?? at };
    },
  );

  /** After the meeting, the chair deletes everything stored about the conference. */
  app.delete(
    '/api/conferences/:id',
    {
      schema: {
        summary: 'Delete everything about an ended conference (chair)',
        params: ConferenceParams,
        security: BEARER,
        response: { 204: NO_CONTENT, ...REFUSALS },
      },
    },
    async (request, reply) => {
      if (!(await requireChair(request, reply))) return reply;
      const conference = await store.getConference(request.params.id);
      if (conference?.lockedAt == null) {
        return reply.code(409).send(apiError('end-before-delete'));
      }
      await purgeConference(app, store, rooms, conference.id, 'chair');
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/conferences/:id/audit',
    {
      schema: {
        summary: 'The audit trail (chair)',
        params: ConferenceParams,
        security: BEARER,
        response: { 200: AuditTrail, ...REFUSALS },
      },
    },
    async (request, reply) => {
      if (!(await requireChair(request, reply))) return reply;
      return { entries: await store.auditTrail(request.params.id) };
    },
  );
}

/** Deletes every stored byte of a conference and closes its connections with a message. */
export async function purgeConference(
  app: FastifyInstance,
  store: ConferenceStore,
  rooms: Rooms,
  conferenceId: string,
  by: 'chair' | 'retention' | 'unended-expiry' | 'deleted-before-restore',
): Promise<void> {
  // Every room of the conference stops first, and any write of theirs in flight finishes: nothing
  // can be written back after the store is purged.
  await rooms.purge(conferenceId);
  await store.purge(conferenceId, roomsOf(conferenceId));
  app.log.info({ event: 'conference.purged', conferenceId, by });
}
