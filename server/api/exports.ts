import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import { Type } from 'typebox';
import { conferenceSnapshot, recordExport, type ConferenceSnapshot, type ExportMeta } from '../../shared/model/index.js';
import { BEARER, ConferenceParams, REFUSALS } from '../../shared/api/schemas.js';
import { apiError } from '../../shared/api/errors.js';
import { checkToken } from '../auth/access.js';
import { bearerToken } from '../auth/tokens.js';
import type { Rooms } from '../relay/rooms.js';
import type { ConferenceStore } from '../store/store.js';
import { latestVersion, publishedVersions } from './versions.js';

/** The plan's columns in the CSV, in order. */
export const PLAN_CSV_COLUMNS = [
  'What will be done',
  'Who',
  'By when',
  'How we will know it worked',
  'Danger statement',
  'Children',
  'Part of the young person’s plan',
  'Progress',
  'How it went',
  'Agreed',
  'Carried from',
] as const;

/**
 * The record for the case system: `GET /api/conferences/:id/record.json` (the whole record of the
 * latest version; its shape is docs/record.schema.json) and `GET /api/conferences/:id/plan.csv`
 * (the plan, RFC 4180, UTF-8 with a byte order mark so spreadsheets read accents). A cell that
 * starts with = + - @ (or a tab or carriage return) is prefixed with ' so that no spreadsheet runs
 * it as a formula. The chair may take either at any time (before the meeting ends: the draft, marked
 * so); everyone let in may take them after the meeting. Both are made from the stored version, never
 * from documents the chair may be amending.
 */
export async function exportsApi(untyped: FastifyInstance, opts: { store: ConferenceStore; rooms: Rooms }): Promise<void> {
  const { store, rooms } = opts;
  const app = untyped.withTypeProvider<TypeBoxTypeProvider>();

  /** The record to export, or the refusal sent. */
  const recordFor = async (
    id: string,
    authorization: string | undefined,
    reply: FastifyReply,
  ): Promise<{ snapshot: ConferenceSnapshot; meta: ExportMeta } | null> => {
    const result = await checkToken(store, id, bearerToken(authorization), ['chair', 'participant']);
    if (!result.ok) {
      await reply.code(result.status).send(result.body);
      return null;
    }
    if (result.conference.lockedAt === null) {
      if (result.credential.kind !== 'chair') {
        await reply.code(409).send(apiError('record-after-meeting'));
        return null;
      }
      await rooms.catchUpConference(id);
      const snapshot = await rooms.readConference(id, conferenceSnapshot);
      return { snapshot, meta: { conferenceId: id, version: null, hash: null, sealedAt: null, versions: [] } };
    }
    const latest = await latestVersion(store, rooms, id);
    if (!latest) {
      await reply.code(409).send(apiError('record-not-ready'));
      return null;
    }
    const versions = await publishedVersions(store, rooms, id);
    const { version, hash, publishedAt } = latest.version;
    return { snapshot: latest.snapshot, meta: { conferenceId: id, version, hash, sealedAt: publishedAt, versions } };
  };

  const fileName = (s: ConferenceSnapshot, what: string, ext: string): string =>
    `conference-${what}-${s.details?.date ?? 'undated'}-${s.details?.kind ?? 'conference'}.${ext}`;

  app.get(
    '/api/conferences/:id/record.json',
    {
      schema: {
        summary: 'The whole record as JSON, for the case system (the chair; everyone let in after the meeting)',
        description: 'Its shape is docs/record.schema.json.',
        params: ConferenceParams,
        security: BEARER,
        response: {
          200: Type.Unsafe<Record<string, unknown>>({ type: 'object', description: 'See docs/record.schema.json' }),
          ...REFUSALS,
        },
      },
    },
    async (request, reply) => {
      const record = await recordFor(request.params.id, request.headers.authorization, reply);
      if (!record) return reply;
      // Serialised here: the schema above is a pointer to docs/record.schema.json, not a filter.
      return reply
        .type('application/json; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${fileName(record.snapshot, 'record', 'json')}"`)
        .serializer((body: unknown) => JSON.stringify(body, null, 2))
        .send(recordExport(record.snapshot, record.meta));
    },
  );

  app.get(
    '/api/conferences/:id/plan.csv',
    {
      schema: {
        summary: 'The plan as CSV (RFC 4180), for the case system (the chair; everyone let in after the meeting)',
        params: ConferenceParams,
        security: BEARER,
        response: { 200: Type.Unsafe<string>({ type: 'string', description: 'text/csv' }), ...REFUSALS },
      },
    },
    async (request, reply) => {
      const record = await recordFor(request.params.id, request.headers.authorization, reply);
      if (!record) return reply;
      const s = record.snapshot;
      const pairNumber = new Map(s.pairs.map((p, i) => [p.id, String(i + 1)]));
      const childName = (i: number): string => s.details?.children[i]?.name ?? '';
      const rows = s.actions.map((a) => [
        a.what,
        a.who,
        a.byWhen,
        a.measure,
        a.pairId ? (pairNumber.get(a.pairId) ?? '') : '',
        a.children.map(childName).join(', '),
        a.section ?? '',
        a.progress ?? '',
        a.progressNote,
        s.chair.agreed.has(`actions/${a.id}`) ? 'yes' : 'no',
        a.origin ? a.origin.date : '',
      ]);
      const csv = stringify([[...PLAN_CSV_COLUMNS], ...rows], { record_delimiter: 'windows', escape_formulas: true, bom: true });
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${fileName(s, 'plan', 'csv')}"`)
        .send(csv);
    },
  );
}
