import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isConferenceId } from '../../shared/model/index.js';
import { BEARER, ConferenceParams, REFUSALS, VersionParams, VersionState, Versions } from '../../shared/api/schemas.js';
import { apiError, type ApiErrorBody } from '../../shared/api/errors.js';
import { checkToken } from '../auth/access.js';
import { bearerToken } from '../auth/tokens.js';
import type { Rooms } from '../relay/rooms.js';
import type { ConferenceStore } from '../store/store.js';
import { publishedVersions } from './versions.js';

export { recordHash, sealRecord } from './versions.js';

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/**
 * The sealed record and its versions:
 * - `GET /api/conferences/:id/record/verify?hash=…`: whether a copy is one of the record's versions.
 *   The hash may be the whole SHA-256 or its start as the PDF prints it (at least 16 hex digits,
 *   spaces allowed). It answers match or no match, which version and when it was sealed; nothing else.
 * - `GET /api/conferences/:id/versions`: the published versions (everyone let in, after the meeting).
 * - `GET /api/conferences/:id/versions/:version`: one version's two documents, from which a
 *   screen makes that version's PDF (the same bytes every time).
 */
export async function recordApi(untyped: FastifyInstance, opts: { store: ConferenceStore; rooms: Rooms; rateLimit: object }): Promise<void> {
  const { store, rooms } = opts;
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();

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
      const versions = conference.lockedAt === null ? [] : await publishedVersions(store, rooms, conference.id);
      if (versions.length === 0) return reply.code(409).send(apiError('not-sealed'));
      // Every version is compared (in constant time each), so the time taken says nothing about which matched.
      let match: (typeof versions)[number] | null = null;
      for (const v of versions) {
        const expected = v.hash.slice(0, given.length);
        if (given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))) match ??= v;
      }
      const latest = versions[versions.length - 1];
      return match
        ? { matches: true, version: match.version, sealedAt: match.publishedAt, latest: match.version === latest?.version }
        : { matches: false, sealedAt: latest?.publishedAt ?? null };
    },
  );

  /** After the meeting: the chair and everyone let in. */
  const requireReader = async (id: string, authorization: string | undefined): Promise<{ status: number; body: ApiErrorBody } | null> => {
    const result = await checkToken(store, id, bearerToken(authorization), ['chair', 'participant']);
    if (!result.ok) return { status: result.status, body: result.body };
    if (result.conference.lockedAt === null) return { status: 409, body: apiError('no-version-yet') };
    return null;
  };

  app.get(
    '/api/conferences/:id/versions',
    { schema: { summary: 'The published versions of the record (after the meeting)', params: ConferenceParams, security: BEARER, response: { 200: Versions, ...REFUSALS } } },
    async (request, reply) => {
      const refused = await requireReader(request.params.id, request.headers.authorization);
      if (refused) return reply.code(refused.status).send(refused.body);
      return { versions: await publishedVersions(store, rooms, request.params.id) };
    },
  );

  app.get(
    '/api/conferences/:id/versions/:version',
    {
      schema: {
        summary: 'One published version of the record: both documents as they were (after the meeting)',
        params: VersionParams,
        security: BEARER,
        response: { 200: VersionState, ...REFUSALS },
      },
    },
    async (request, reply) => {
      const refused = await requireReader(request.params.id, request.headers.authorization);
      if (refused) return reply.code(refused.status).send(refused.body);
      const n = Number(request.params.version);
      await publishedVersions(store, rooms, request.params.id);
      const version = Number.isInteger(n) && n >= 1 ? await store.version(request.params.id, n) : null;
      if (!version) return reply.code(404).send(apiError('no-version'));
      return { version: version.version, hash: version.hash, publishedAt: version.publishedAt, board: base64(version.board), chair: base64(version.chair) };
    },
  );
}
