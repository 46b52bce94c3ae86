import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AMENDMENT_LIMITS,
  amendmentDeadline,
  chairRoomName,
  cleanAmendmentInput,
  cleanText,
  longDate,
  markAmending,
  mayAskForChanges,
  randomId,
  readChairState,
  recordParts,
  type AmendmentRequest,
  type AmendmentStatus,
} from '../../shared/model/index.js';
import {
  Amendment,
  AmendmentAnswer,
  AmendmentAsk,
  AmendmentParams,
  Amendments,
  BEARER,
  ConferenceParams,
  Publish,
  REFUSALS,
  Version,
} from '../../shared/api/schemas.js';
import { apiError } from '../../shared/api/errors.js';
import { checkToken } from '../auth/access.js';
import { bearerToken } from '../auth/tokens.js';
import type { Rooms } from '../relay/rooms.js';
import type { AuditEvent, ConferenceStore, StoredCredential } from '../store/store.js';
import { latestVersion, NothingChangedError, publishVersion } from './versions.js';

/** Requests one record keeps, from everyone together. */
const MAX_REQUESTS = 500;

/**
 * After the meeting: asking for changes to the record, answering, and publishing a new version.
 *
 * Anyone let in may ask, until the end of the fifth working day after the meeting ended (the
 * deadline the end screen and the PDF give); each request names a part of the latest version, says
 * what is wrong and what it should say, and is kept with who asked and when. The chair accepts a
 * request (and may then change the record: the relay lets the chair's screen write while amending)
 * or declines it with a reason the person reads. Publishing makes the next version (see
 * versions.ts). Each person sees their own requests and what became of them; the chair sees all.
 */
export async function amendmentsApi(
  untyped: FastifyInstance,
  opts: { store: ConferenceStore; rooms: Rooms; contact: string; rateLimit: object },
): Promise<void> {
  const { store, rooms } = opts;
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
  /** Publishing is one at a time per conference (a double click publishes once). */
  const publishing = new Map<string, Promise<unknown>>();

  const audit = (conferenceId: string, event: AuditEvent, who: StoredCredential, detail: string | null = null): Promise<void> =>
    store.audit(conferenceId, {
      at: Date.now(),
      event,
      participantId: who.participantId,
      name: who.name,
      roleLabel: who.roleLabel,
      role: who.role,
      detail,
    });

  /** The chair or someone let in, of an ended conference; otherwise the refusal is sent and null returned. */
  const requireEnded = async (
    id: string,
    authorization: string | undefined,
    reply: FastifyReply,
    kinds: ReadonlyArray<StoredCredential['kind']>,
  ): Promise<{ who: StoredCredential; lockedAt: number } | null> => {
    const result = await checkToken(store, id, bearerToken(authorization), kinds);
    if (!result.ok) {
      await reply.code(result.status).send(result.status === 403 && kinds.length === 1 ? apiError('chair-only') : result.body);
      return null;
    }
    if (result.conference.lockedAt === null) {
      await reply.code(409).send(apiError('not-ended'));
      return null;
    }
    return { who: result.credential, lockedAt: result.conference.lockedAt };
  };

  const chairName = async (id: string): Promise<string> =>
    (await rooms.read(id, (doc) => doc.getMap('details').get('chairName'))) as string;
  const writeTo = async (id: string): Promise<string> => opts.contact || `the chair, ${(await chairName(id)) || 'who ran the conference'}`;
  /** Asking is closed: until when it was open, and whom to write to (the contact set, or the chair by name). */
  const closed = async (id: string, deadline: string) => {
    const english = (contact: string) =>
      `The time to ask for changes to this record ended on ${longDate(deadline)}. To ask for a change now, write to ${contact}.`;
    if (opts.contact) return apiError('amendments-closed', { date: deadline, contact: opts.contact }, english(opts.contact));
    const chair = (await chairName(id)) || '';
    return apiError('amendments-closed-chair', { date: deadline, contact: chair }, english(await writeTo(id)));
  };

  app.get(
    '/api/conferences/:id/amendments',
    {
      schema: {
        summary:
          'Asking for changes after the meeting: the deadline, the parts of the record, and the requests (the chair sees all; others their own)',
        params: ConferenceParams,
        security: BEARER,
        response: { 200: Amendments, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const ended = await requireEnded(id, request.headers.authorization, reply, ['chair', 'participant']);
      if (!ended) return reply;
      const latest = await latestVersion(store, rooms, id);
      const chair = await rooms.read(chairRoomName(id), readChairState);
      const all = await store.amendments(id);
      const mine = ended.who.kind === 'chair' ? all : all.filter((a) => a.participantId === ended.who.participantId);
      const deadline = amendmentDeadline(ended.lockedAt);
      const open = mayAskForChanges(ended.lockedAt, Date.now());
      return {
        deadline,
        open,
        writeTo: await writeTo(id),
        ...(open ? {} : { closed: await closed(id, deadline) }),
        amending: chair.amending,
        parts: latest ? recordParts(latest.snapshot).filter((p) => p.text !== '' || p.key === 'decision') : [],
        requests: mine,
      };
    },
  );

  app.post(
    '/api/conferences/:id/amendments',
    {
      schema: {
        summary: 'Ask for a change to the record (anyone let in, until the deadline)',
        params: ConferenceParams,
        body: AmendmentAsk,
        security: BEARER,
        response: { 201: Amendment, ...REFUSALS },
      },
      config: { rateLimit: opts.rateLimit },
    },
    async (request, reply) => {
      const { id } = request.params;
      const ended = await requireEnded(id, request.headers.authorization, reply, ['chair', 'participant']);
      if (!ended) return reply;
      const deadline = amendmentDeadline(ended.lockedAt);
      if (!mayAskForChanges(ended.lockedAt, Date.now())) {
        return reply.code(410).send(await closed(id, deadline));
      }
      const latest = await latestVersion(store, rooms, id);
      if (!latest) return reply.code(409).send(apiError('record-not-ready'));
      const parts = recordParts(latest.snapshot);
      const input = cleanAmendmentInput(request.body, parts);
      if ((await store.amendments(id)).length >= MAX_REQUESTS) return reply.code(409).send(apiError('too-many-requests'));
      const part = parts.find((p) => p.key === input.part);
      const who = ended.who;
      const asked: AmendmentRequest = {
        id: randomId(16),
        part: input.part,
        kind: part?.kind ?? 'item',
        quoted: part?.text ?? '',
        wrong: input.wrong,
        shouldSay: input.shouldSay,
        participantId: who.participantId ?? 'chair',
        name: who.name ?? (await chairName(id)),
        roleLabel: who.roleLabel ?? 'Chair',
        askedAt: Date.now(),
        status: 'waiting',
        answer: '',
        answeredAt: null,
        publishedIn: null,
      };
      await store.addAmendment(id, asked);
      await audit(id, 'amendment-asked', who, asked.id);
      return reply.code(201).send(asked);
    },
  );

  /** Answers a request; refuses when it is gone or already answered (or published). */
  const answer = async (
    id: string,
    amendmentId: string,
    reply: FastifyReply,
    to: Exclude<AmendmentStatus, 'waiting'>,
    text: string,
    from: readonly AmendmentStatus[],
  ): Promise<AmendmentRequest | null> => {
    const request = (await store.amendments(id)).find((a) => a.id === amendmentId);
    if (!request) {
      await reply.code(404).send(apiError('no-request'));
      return null;
    }
    if (!from.includes(request.status) || request.publishedIn !== null) {
      await reply.code(409).send(apiError('answered'));
      return null;
    }
    const next: AmendmentRequest = { ...request, status: to, answer: text, answeredAt: Date.now() };
    if (!(await store.updateAmendment(id, next, request.status))) {
      await reply.code(409).send(apiError('answered'));
      return null;
    }
    return next;
  };

  app.post(
    '/api/conferences/:id/amendments/:amendmentId/accept',
    {
      schema: {
        summary: 'Accept a request for a change: the chair may then change the record until the next version is published (chair)',
        params: AmendmentParams,
        body: AmendmentAnswer,
        security: BEARER,
        response: { 200: Amendment, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const { id, amendmentId } = request.params;
      const ended = await requireEnded(id, request.headers.authorization, reply, ['chair']);
      if (!ended) return reply;
      const note = cleanText('answer', 'your note', request.body.answer ?? '', AMENDMENT_LIMITS.note, false);
      const accepted = await answer(id, amendmentId, reply, 'accepted', note, ['waiting']);
      if (!accepted) return reply;
      await rooms.change(chairRoomName(id), (doc) => markAmending(doc, true));
      await audit(id, 'amendment-accepted', ended.who, amendmentId);
      return accepted;
    },
  );

  app.post(
    '/api/conferences/:id/amendments/:amendmentId/decline',
    {
      schema: {
        summary: 'Decline a request for a change, with a reason the person reads (chair)',
        params: AmendmentParams,
        body: AmendmentAnswer,
        security: BEARER,
        response: { 200: Amendment, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const { id, amendmentId } = request.params;
      const ended = await requireEnded(id, request.headers.authorization, reply, ['chair']);
      if (!ended) return reply;
      const reason = cleanText('answer', 'why the record stays as it is', request.body.answer, AMENDMENT_LIMITS.reason);
      // An accepted request may still be declined, until the version carrying it is published.
      const declined = await answer(id, amendmentId, reply, 'declined', reason, ['waiting', 'accepted']);
      if (!declined) return reply;
      await audit(id, 'amendment-declined', ended.who, amendmentId);
      return declined;
    },
  );

  app.post(
    '/api/conferences/:id/versions',
    {
      schema: {
        summary: 'Publish the next version of the record, with what changed and why (chair)',
        params: ConferenceParams,
        body: Publish,
        security: BEARER,
        response: { 201: Version, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const ended = await requireEnded(id, request.headers.authorization, reply, ['chair']);
      if (!ended) return reply;
      const note = cleanText('note', 'why the record changed', request.body.note ?? '', AMENDMENT_LIMITS.note, false);
      const chair = await rooms.read(chairRoomName(id), readChairState);
      if (!chair.amending) {
        return reply.code(409).send(apiError('not-amending'));
      }
      const run = async (): Promise<{ status: number; body: unknown }> => {
        const accepted = (await store.amendments(id)).filter((a) => a.status === 'accepted' && a.publishedIn === null);
        try {
          const at = Date.now();
          const published = await publishVersion(store, rooms, id, accepted, note, at);
          for (const a of accepted) await store.updateAmendment(id, { ...a, publishedIn: published.version }, 'accepted');
          await audit(id, 'version-published', ended.who, `${published.version} ${published.hash}`);
          app.log.info({ event: 'record.version_published', conferenceId: id, version: published.version });
          return { status: 201, body: { version: published.version, hash: published.hash, publishedAt: at } };
        } catch (err) {
          if (err instanceof NothingChangedError)
            return { status: 409, body: apiError('nothing-changed') };
          throw err;
        }
      };
      const previous = publishing.get(id) ?? Promise.resolve();
      const current = previous.catch(() => undefined).then(run);
      publishing.set(id, current);
      try {
        const result = await current;
        return reply.code(result.status).send(result.body as never);
      } finally {
        if (publishing.get(id) === current) publishing.delete(id);
      }
    },
  );
}
