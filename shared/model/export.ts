import { COLUMNS } from './columns.js';
import { CONFERENCE_KIND_LABELS } from './details.js';
import { OUTCOMES } from './outcomes.js';
import type { Origin } from './records.js';
import { scoreStats } from './scores.js';
import type { ConferenceSnapshot } from './snapshot.js';
import type { VersionChange } from './versions.js';

/**
 * The record for a council's case system (Mosaic, Liquidlogic): the whole record of one version
 * as JSON, so nobody re-types it. Its shape is docs/record.schema.json (`schemaVersion` below); the
 * tests validate every export against that schema. Times are ISO 8601 (UTC), days YYYY-MM-DD.
 * Items follow the record's own rule: the ones the chair confirmed, and, when the chair chose to
 * mark them, the others with their status.
 */
export const RECORD_EXPORT_SCHEMA_VERSION = 1;

export interface ExportMeta {
  conferenceId: string;
  /** The version exported, its hash and when it was sealed; null for the chair's draft before the meeting ends. */
  version: number | null;
  hash: string | null;
  sealedAt: number | null;
  versions: ReadonlyArray<{ version: number; hash: string; publishedAt: number }>;
}

const iso = (ms: number | null | undefined): string | null => (typeof ms === 'number' && ms > 0 ? new Date(ms).toISOString() : null);
const person = (p: { name: string; roleLabel: string }): { name: string; roleLabel: string } => ({ name: p.name, roleLabel: p.roleLabel });
const carried = (o: Origin | null): { conferenceId: string; kind: string; date: string } | null =>
  o ? { conferenceId: o.conferenceId, kind: o.kind, date: o.date } : null;

export function recordExport(s: ConferenceSnapshot, meta: ExportMeta): Record<string, unknown> {
  const { chair } = s;
  const d = s.details;
  const childName = (i: number): string => d?.children[i]?.name ?? '';
  const pairNumber = new Map(s.pairs.map((p, i) => [p.id, i + 1]));
  const mark = chair.settings.proposedInRecord === 'mark';
  const changes: VersionChange[] = chair.versionChanges;
  return {
    schemaVersion: RECORD_EXPORT_SCHEMA_VERSION,
    conferenceId: meta.conferenceId,
    draft: meta.version === null,
    version: meta.version,
    hash: meta.hash,
    sealedAt: iso(meta.sealedAt),
    versions: meta.versions.map((v) => ({ version: v.version, hash: v.hash, publishedAt: iso(v.publishedAt) })),
    details: {
      kind: d?.kind ?? null,
      kindLabel: d ? CONFERENCE_KIND_LABELS[d.kind] : null,
      date: d?.date ?? null,
      caseReference: d?.caseReference ?? '',
      chair: d?.chairName ?? '',
      endedAt: iso(chair.lockedAt),
    },
    children: (d?.children ?? []).map((c) => ({ name: c.name, age: c.age })),
    attendance: s.attendees.map((a) => ({ ...person(a), role: a.role })),
    apologies: [...s.apologies],
    items: s.board
      ? COLUMNS.flatMap((column) =>
          s.board[column.id]
            .filter((c) => c.confirmed || mark)
            .map((c) => ({
              id: c.id,
              column: column.id,
              columnLabel: column.label,
              text: c.text,
              status: c.confirmed ? 'confirmed' : c.disputed ? 'disputed' : 'not-confirmed',
              children: c.children.map(childName),
              author: person(c.author),
              source: c.source,
              addedAt: iso(c.addedAt),
              changedByChairAfterAgreement: c.changedByChairAfterAgreement,
            })),
        )
      : [],
    scale: chair.settings.scaleWording,
    scoresLeftOut: chair.scoresLeftOut,
    dangerStatements: s.pairs.map((p, i) => {
      const scores = s.scores.filter((x) => x.pairId === p.id);
      return {
        id: p.id,
        number: i + 1,
        danger: p.danger,
        goal: p.goal,
        agreed: chair.agreed.has(`dangerPairs/${p.id}`),
        carriedFrom: carried(p.origin),
        scores: scores.map((x) => ({
          ...person(x),
          role: x.role,
          value: x.value,
          nextStep: x.nextStep,
          at: iso(x.at),
          enteredByChair: x.enteredBy !== null,
        })),
        summary: scoreStats(scores.map((x) => x.value)),
        earlier: p.history.map((h) => ({ date: h.date, kind: h.kind, count: h.count, median: h.median, min: h.min, max: h.max })),
      };
    }),
    plan: s.actions.map((a) => ({
      id: a.id,
      what: a.what,
      who: a.who,
      byWhen: a.byWhen || null,
      measure: a.measure,
      dangerStatement: a.pairId ? (pairNumber.get(a.pairId) ?? null) : null,
      children: a.children.map(childName),
      section: a.section,
      progress: a.progress,
      progressNote: a.progressNote,
      agreed: chair.agreed.has(`actions/${a.id}`),
      carriedFrom: carried(a.origin),
    })),
    safetyPlan: s.safetyPlan.map((e) => ({ id: e.id, section: e.section, text: e.text, author: person(e.addedBy) })),
    network: s.network.map((n) => ({
      name: n.name,
      relationship: n.relationship,
      inSafetyNetwork: n.inSafetyNetwork,
      willDo: n.willDo,
      agreed: chair.agreed.has(`network/${n.id}`),
    })),
    contingency: { text: s.contingency.trim(), agreed: chair.agreed.has('contingency') },
    recommendations: s.recommendations.map((r) => ({
      ...person(r),
      recommendation: r.recommendation,
      recommendationLabel: OUTCOMES[r.recommendation],
      reason: r.reason,
      dissent: r.dissent,
      enteredByChair: r.enteredBy !== null,
    })),
    decision: {
      outcome: chair.decision.outcome,
      outcomeLabel: chair.decision.outcome ? OUTCOMES[chair.decision.outcome] : null,
      categories: [...chair.decision.categories],
      rationale: chair.decision.rationale,
      decidedAt: iso(chair.decision.decidedAt),
    },
    nextSteps: {
      coreGroup: [...s.nextSteps.coreGroup],
      firstCoreGroup: s.nextSteps.firstCoreGroup || null,
      visitEveryWorkingDays: s.nextSteps.visitEveryWorkingDays,
      review: s.nextSteps.review || null,
    },
    changes: changes.map((c) => ({ ...c, requests: c.requests.map((r) => ({ ...r, askedAt: iso(r.askedAt) })) })),
  };
}
