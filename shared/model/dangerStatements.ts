import * as Y from 'yjs';
import { randomId } from './ids.js';
import { authorOf, readParticipants } from './people.js';
import {
  changeRecord,
  createRecord,
  readHistory,
  readOrigin,
  readProvenance,
  readString,
  requireRecord,
  type HistoryPoint,
  type Origin,
} from './records.js';
import { boardRoot } from './schema.js';
import type { Author } from './types.js';
import { cleanText, LIMITS, ValidationError } from './validation.js';

/**
 * Danger statements, each paired with its safety goal (stage 3): at most four (South
 * Gloucestershire's practice standards). The server refuses a fifth.
 */
export const MAX_DANGER_PAIRS = 4;

export interface DangerPair {
  id: string;
  danger: string;
  goal: string;
  addedBy: Author;
  addedAt: number;
  changedBy: string;
  changedAt: number;
  /** The conference it was carried from, in a review. */
  origin: Origin | null;
  /** Its scores at earlier conferences of the chain, oldest first ("last time" is the last). */
  history: HistoryPoint[];
}

const GONE = 'pair-gone';

const root = (doc: Y.Doc): Y.Map<unknown> => boardRoot(doc, 'dangerPairs');

export function readDangerPairs(doc: Y.Doc): DangerPair[] {
  const people = readParticipants(doc);
  const out: DangerPair[] = [];
  root(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const p = readProvenance(m);
    const danger = m.get('danger');
    if (p.removed || typeof danger !== 'string') return;
    out.push({
      id,
      danger,
      goal: readString(m, 'goal'),
      addedBy: authorOf(people, p.addedBy),
      addedAt: p.addedAt,
      changedBy: p.changedBy,
      changedAt: p.changedAt,
      origin: readOrigin(m),
      history: readHistory(m),
    });
  });
  return out.sort((a, b) => a.addedAt - b.addedAt || a.id.localeCompare(b.id)).slice(0, MAX_DANGER_PAIRS);
}

const cleanPair = (input: { danger?: string; goal?: string }): { danger?: string; goal?: string } => ({
  ...(input.danger !== undefined ? { danger: cleanText('danger', 'the danger statement', input.danger, LIMITS.dangerStatement) } : {}),
  ...(input.goal !== undefined ? { goal: cleanText('goal', 'the safety goal', input.goal, LIMITS.safetyGoal) } : {}),
});

export function addDangerPair(doc: Y.Doc, input: { danger: string; goal: string }, by: Author, now: number = Date.now()): string {
  if (readDangerPairs(doc).length >= MAX_DANGER_PAIRS) {
    throw new ValidationError('dangerPairs', 'too-many-pairs', { max: MAX_DANGER_PAIRS });
  }
  const clean = cleanPair(input);
  if (clean.danger === undefined || clean.goal === undefined) throw new ValidationError('danger', 'required', { what: 'the danger statement' });
  const id = randomId(9);
  doc.transact(() => createRecord(root(doc), id, { danger: clean.danger, goal: clean.goal }, by, now));
  return id;
}

/** Changes only the parts given (a form passes only what its user changed). */
export function editDangerPair(doc: Y.Doc, id: string, input: { danger?: string; goal?: string }, by: Author, now: number = Date.now()): void {
  const map = requireRecord(root(doc), id, GONE);
  const clean = cleanPair(input);
  doc.transact(() => changeRecord(map, clean, by, now));
}

export function removeDangerPair(doc: Y.Doc, id: string, by: Author, now: number = Date.now()): void {
  const map = requireRecord(root(doc), id, GONE);
  doc.transact(() => changeRecord(map, { removed: true }, by, now));
}
