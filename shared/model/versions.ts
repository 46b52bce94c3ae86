import { OUTCOMES } from './outcomes.js';
import type { ConferenceSnapshot } from './snapshot.js';

/**
 * Versions of the record. The meeting's end seals version 1; after an amendment the chair publishes
 * version 2, 3 … Each version is kept as it was (the server stores both documents of each), has its
 * own hash, and carries, in the chair's document, what changed since the version before and why.
 *
 * A record is made of parts a person can point at when asking for a change: an item, a danger
 * statement with its safety goal, an action, a person in the safety network, an entry of a young
 * person's safety plan, the contingency plan, the decision, the next steps and the apologies. Each
 * part has a key (`cards/<id>`, `dangerPairs/<id>` …, or a fixed name) and its words as one text.
 */
export const PART_KINDS = [
  'item',
  'danger-statement',
  'action',
  'network',
  'safety-plan',
  'contingency',
  'decision',
  'next-steps',
  'apologies',
] as const;
export type PartKind = (typeof PART_KINDS)[number];

export interface RecordPart {
  key: string;
  kind: PartKind;
  /** Its words, as one text (several fields on separate lines). */
  text: string;
}

/** Someone's request behind a change, as the new version prints it. */
export interface ChangeRequest {
  name: string;
  roleLabel: string;
  /** What they said was wrong. */
  wrong: string;
  askedAt: number;
}

/** One part that changed between a version and the one before it, and why. */
export interface VersionChange {
  part: string;
  kind: PartKind;
  /** Its words before ('' when it was added) and after ('' when it was taken out). */
  before: string;
  after: string;
  /** The requests the chair accepted for this part. */
  requests: ChangeRequest[];
  /** The chair's own words on why (when publishing, for a change nobody asked for). */
  note: string;
}

export const MAX_VERSION_CHANGES = 300;
const MAX_PART_TEXT = 6000;

const lines = (...texts: Array<string | null | undefined>): string =>
  texts
    .map((t) => (t ?? '').trim())
    .filter(Boolean)
    .join('\n');

/** Every part of a record, in the order the record shows them. */
export function recordParts(s: ConferenceSnapshot): RecordPart[] {
  const parts: RecordPart[] = [];
  for (const column of Object.values(s.board)) for (const c of column) parts.push({ key: `cards/${c.id}`, kind: 'item', text: c.text });
  for (const p of s.pairs) parts.push({ key: `dangerPairs/${p.id}`, kind: 'danger-statement', text: lines(p.danger, p.goal) });
  for (const a of s.actions) parts.push({ key: `actions/${a.id}`, kind: 'action', text: lines(a.what, a.who, a.byWhen, a.measure) });
  for (const n of s.network) parts.push({ key: `network/${n.id}`, kind: 'network', text: lines(n.name, n.relationship, n.willDo) });
  for (const e of s.safetyPlan) parts.push({ key: `safetyPlan/${e.id}`, kind: 'safety-plan', text: e.text });
  parts.push({ key: 'contingency', kind: 'contingency', text: s.contingency.trim() });
  const d = s.chair.decision;
  parts.push({
    key: 'decision',
    kind: 'decision',
    text: lines(d.outcome ? OUTCOMES[d.outcome] : '', d.categories.join(', '), d.rationale),
  });
  const n = s.nextSteps;
  parts.push({
    key: 'nextSteps',
    kind: 'next-steps',
    text: lines(n.coreGroup.join(', '), n.firstCoreGroup, n.visitEveryWorkingDays ? String(n.visitEveryWorkingDays) : '', n.review),
  });
  parts.push({ key: 'apologies', kind: 'apologies', text: s.apologies.join(', ') });
  return parts;
}

const clip = (text: string): string => (text.length > MAX_PART_TEXT ? `${text.slice(0, MAX_PART_TEXT - 1)}…` : text);

/** The parts that differ between two versions of a record (added, changed or taken out), in record order. */
export function partsChanged(before: ConferenceSnapshot, after: ConferenceSnapshot): Array<Omit<VersionChange, 'requests' | 'note'>> {
  const old = new Map(recordParts(before).map((p) => [p.key, p]));
  const now = recordParts(after);
  const out: Array<Omit<VersionChange, 'requests' | 'note'>> = [];
  for (const p of now) {
    const was = old.get(p.key);
    old.delete(p.key);
    if ((was?.text ?? '') !== p.text) out.push({ part: p.key, kind: p.kind, before: clip(was?.text ?? ''), after: clip(p.text) });
  }
  for (const p of old.values()) if (p.text !== '') out.push({ part: p.key, kind: p.kind, before: clip(p.text), after: '' });
  return out;
}

const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 8.64e15;
const isPartKind = (v: unknown): v is PartKind => (PART_KINDS as readonly unknown[]).includes(v);
const hasOnly = (v: Record<string, unknown>, keys: readonly string[]): boolean =>
  Object.keys(v).length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(v, k));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isChangeRequest(v: unknown): v is ChangeRequest {
  return (
    isObject(v) &&
    hasOnly(v, ['name', 'roleLabel', 'wrong', 'askedAt']) &&
    isString(v.name, 200) &&
    isString(v.roleLabel, 200) &&
    isString(v.wrong, 2000) &&
    isTime(v.askedAt)
  );
}

/** A stored list of changes exactly as the server writes it (the chair's document holds nothing else there). */
export function isVersionChanges(v: unknown): v is VersionChange[] {
  return (
    Array.isArray(v) &&
    v.length <= MAX_VERSION_CHANGES &&
    v.every(
      (c) =>
        isObject(c) &&
        hasOnly(c, ['part', 'kind', 'before', 'after', 'requests', 'note']) &&
        isString(c.part, 80) &&
        isPartKind(c.kind) &&
        isString(c.before, MAX_PART_TEXT) &&
        isString(c.after, MAX_PART_TEXT) &&
        Array.isArray(c.requests) &&
        c.requests.length <= 50 &&
        c.requests.every(isChangeRequest) &&
        isString(c.note, 2000),
    )
  );
}

export function readVersionChanges(v: unknown): VersionChange[] {
  return isVersionChanges(v) ? v : [];
}
