import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  canonicalRecord,
  chairRoomName,
  conferenceSnapshot,
  isConferenceId,
  markSealed,
  readChairState,
} from '../../shared/model/index.js';
import { apiError } from '../../shared/api/errors.js';
import type { Rooms } from '../relay/rooms.js';
import type { ConferenceStore } from '../store/store.js';

/** The SHA-256 (hex) of a record's canonical text. */
export function recordHash(canonical: string): string {
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Seals the record once the meeting has ended: reads the final record out of both documents (after
 * catching up with the store, where other instances may have written last changes), computes its
 * SHA-256, and writes it into the chair's document (so every PDF prints it) and the audit trail.
 */
export async function sealRecord(store: ConferenceStore, rooms: Rooms, conferenceId: string, at: number): Promise<string> {
  await rooms.catchUpConference(conferenceId);
  const hash = await rooms.readConference(conferenceId, (doc, chairDoc) => recordHash(canonicalRecord(conferenceSnapshot(doc, chairDoc))));
  await rooms.change(chairRoomName(conferenceId), (doc) => markSealed(doc, hash, at));
  await store.audit(conferenceId, { at, event: 'sealed', participantId: null, name: null, roleLabel: null, role: null, detail: hash });
  return hash;
}

/**
 * `GET /api/conferences/:id/record/verify?hash=…`: whether a copy of the record is the sealed one.
 * The hash may be the whole SHA-256 or its start as the PDF prints it (at least 16 hex digits,
 * spaces allowed). It answers match or no match, and when the record was sealed; nothing else.
 */
export async function recordApi(app: FastifyInstance, opts: { store: ConferenceStore; rooms: Rooms; rateLimit: object }): Promise<void> {
  const { store, rooms } = opts;
  app.get<{ Params: { id: string }; Querystring: { hash?: unknown } }>(
    '/api/conferences/:id/record/verify',
    { config: { rateLimit: opts.rateLimit } },
    async (request, reply) => {
      const given = typeof request.query.hash === 'string' ? request.query.hash.replace(/\s+/g, '').toLowerCase() : '';
      if (!/^[0-9a-f]{16,64}$/.test(given)) {
        return reply.code(400).send(apiError('bad-hash'));
      }
      const conference = isConferenceId(request.params.id) ? await store.getConference(request.params.id) : null;
      if (!conference) return reply.code(404).send(apiError('no-record'));
      const chair = await rooms.read(chairRoomName(conference.id), readChairState);
      if (!chair.sealedHash) return reply.code(409).send(apiError('not-sealed'));
      const expected = chair.sealedHash.slice(0, given.length);
      const matches = given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      return { matches, sealedAt: chair.sealedAt };
    },
  );
}
