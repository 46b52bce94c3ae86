import { COLUMN_IDS } from './columns.js';
import type { ConferenceSnapshot } from './snapshot.js';

/**
 * The sealed record. When the chair ends the meeting, the server reads the final record out of the
 * two documents, writes it in one canonical form (the text below: the same record always gives the
 * same bytes) and keeps its SHA-256 in the chair's document and the audit trail. The summary PDF
 * prints the conference id and the start of the hash on every page, and
 * `GET /api/conferences/:id/record/verify?hash=…` says whether a copy's hash is the sealed one.
 *
 * What is in it: everything the record shows (details, who came, apologies, the items on the board
 * with who wrote them and whether the chair confirmed them, danger statements and goals, every
 * score, the plan, the network, the contingency plan, recommendations and dissent, the decision,
 * next steps, when the meeting ended and how many hidden scores were left out). Not in it: where
 * the chair's screen was (stage, timer) and the seal itself. A version after the first also holds its
 * number and what changed since the version before, and why, so each version has its own hash.
 */
export const RECORD_FORMAT = 'conference-record/2';

export function recordOf(s: ConferenceSnapshot): unknown {
  return {
    format: RECORD_FORMAT,
    details: s.details,
    attendees: s.attendees,
    apologies: s.apologies,
    board: COLUMN_IDS.map((column) => ({
      column,
      items: s.board[column].map((c) => ({
        id: c.id,
        text: c.text,
        author: c.author,
        children: c.children,
        confirmed: c.confirmed,
        disputed: c.disputed,
        addedAt: c.addedAt,
        changedAt: c.changedAt,
        changedBy: c.changedBy,
        changedByChairAfterAgreement: c.changedByChairAfterAgreement,
      })),
    })),
    dangerStatements: s.pairs.map((p) => ({ ...p, agreed: s.chair.agreed.has(`dangerPairs/${p.id}`) })),
    scaleWording: s.chair.settings.scaleWording,
    scores: s.scores,
    actions: s.actions.map((a) => ({ ...a, agreed: s.chair.agreed.has(`actions/${a.id}`) })),
    safetyPlan: s.safetyPlan,
    network: s.network.map((n) => ({ ...n, agreed: s.chair.agreed.has(`network/${n.id}`) })),
    contingency: { text: s.contingency, agreed: s.chair.agreed.has('contingency') },
    recommendations: s.recommendations,
    decision: s.chair.decision,
    nextSteps: s.nextSteps,
    proposedInRecord: s.chair.settings.proposedInRecord,
    changedAfterAgreement: [...s.changedAfterAgreement].sort(),
    lockedAt: s.chair.lockedAt,
    scoresLeftOut: s.chair.scoresLeftOut,
    version: s.chair.version,
    changes: s.chair.versionChanges,
  };
}

/** JSON with object keys in code-point order at every level: the canonical text of a value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The canonical text of the record whose SHA-256 is sealed. */
export function canonicalRecord(s: ConferenceSnapshot): string {
  return canonicalJson(recordOf(s));
}

/** How the PDF prints the hash: the first 16 hex digits, in groups of four. */
export function shortHash(hash: string): string {
  return (hash.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');
}
