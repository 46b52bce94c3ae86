import type * as Y from 'yjs';
import { readDangerPairs } from './dangerStatements.js';
import { randomId } from './ids.js';
import { boardRoot, ENTERED_PREFIX } from './schema.js';
import type { AccessRole, Author } from './types.js';
import { cleanName, cleanRoleLabel, cleanText, LIMITS, ValidationError } from './validation.js';

/**
 * Scores on the safety scales (stage 4), one per person per danger statement, keyed
 * `${pairId}|${subject}`: the subject is the participant id of whoever gave it, or, for someone
 * without a device whose score the chair typed in, `entered-<random>` (marked as entered by the chair).
 * Open scoring writes scores into the board; hidden scores wait on the server until the chair
 * reveals them (see server/api/scores.ts).
 */
export interface Score {
  pairId: string;
  /** The key's second part: a participant id, or `entered-…` for a score the chair entered. */
  subject: string;
  participantId: string | null;
  name: string;
  roleLabel: string;
  role: AccessRole;
  value: number;
  /** What would move the score up one point. */
  nextStep: string;
  at: number;
  /** The chair, when the chair typed it in for someone without a device. */
  enteredBy: string | null;
}

/** Statistics of the scores given on one safety scale (0 to 10). */
export interface ScoreStats {
  count: number;
  min: number | null;
  max: number | null;
  /** Highest minus lowest. */
  spread: number | null;
  median: number | null;
}

export function scoreStats(values: readonly number[]): ScoreStats {
  if (values.length === 0) return { count: 0, min: null, max: null, spread: null, median: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  return { count: sorted.length, min, max, spread: max - min, median };
}

export function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10;
}

export const scoreKey = (pairId: string, subject: string): string => `${pairId}|${subject}`;
export const isEnteredSubject = (subject: string): boolean => subject.startsWith(ENTERED_PREFIX);
export const newEnteredSubject = (): string => `${ENTERED_PREFIX}${randomId(9)}`;

export function cleanScore(input: { pairId: string; value: number; nextStep: string }): { pairId: string; value: number; nextStep: string } {
  if (!isScore(input.value)) throw new ValidationError('value', 'bad-score');
  return {
    pairId: input.pairId,
    value: input.value,
    nextStep: cleanText('nextStep', 'what would move it up one point', input.nextStep, LIMITS.nextStep, false),
  };
}

/** Someone without a device, named by the chair. */
export function cleanNamedPerson(input: { name: unknown; roleLabel: unknown; role: unknown }): { name: string; roleLabel: string; role: AccessRole } {
  const role = input.role === 'family' ? 'family' : input.role === 'professional' ? 'professional' : null;
  if (!role) throw new ValidationError('role', 'choose-family-or-professional');
  return { name: cleanName(input.name), roleLabel: cleanRoleLabel(input.roleLabel), role };
}

function requirePair(doc: Y.Doc, pairId: string): void {
  if (!readDangerPairs(doc).some((p) => p.id === pairId)) throw new ValidationError('pairId', 'pair-gone');
}

/** Open scoring: a person's own score goes straight into the shared document. */
export function setOpenScore(doc: Y.Doc, input: { pairId: string; value: number; nextStep: string }, by: Author, now: number = Date.now()): void {
  const clean = cleanScore(input);
  requirePair(doc, clean.pairId);
  writeScores(doc, [
    { ...clean, subject: by.id, participantId: by.id, name: by.name, roleLabel: by.roleLabel, role: by.role, at: now, enteredBy: null },
  ]);
}

/** Open scoring: the chair types in the score of someone in the room without a device. */
export function enterScoreFor(
  doc: Y.Doc,
  input: { pairId: string; value: number; nextStep: string; name: string; roleLabel: string; role: AccessRole },
  chair: Author,
  now: number = Date.now(),
): void {
  const clean = cleanScore(input);
  const person = cleanNamedPerson(input);
  requirePair(doc, clean.pairId);
  writeScores(doc, [{ ...clean, ...person, subject: newEnteredSubject(), participantId: null, at: now, enteredBy: chair.id }]);
}

/** Writes scores (the server uses this when the chair reveals hidden scores). */
export function writeScores(doc: Y.Doc, scores: Score[]): void {
  doc.transact(() => {
    const map = boardRoot(doc, 'scores');
    for (const { subject, ...s } of scores) map.set(scoreKey(s.pairId, subject), { ...s });
  });
}

export function readScores(doc: Y.Doc): Score[] {
  const out: Score[] = [];
  boardRoot(doc, 'scores').forEach((v, key) => {
    const s = v as Partial<Score> | null;
    if (!s || typeof s !== 'object' || typeof s.pairId !== 'string' || !isScore(s.value)) return;
    const subject = key.slice(key.indexOf('|') + 1);
    out.push({
      pairId: s.pairId,
      subject,
      participantId: typeof s.participantId === 'string' ? s.participantId : null,
      name: typeof s.name === 'string' ? s.name : '',
      roleLabel: typeof s.roleLabel === 'string' ? s.roleLabel : '',
      role: s.role === 'chair' || s.role === 'family' ? s.role : 'professional',
      value: s.value,
      nextStep: typeof s.nextStep === 'string' ? s.nextStep : '',
      at: typeof s.at === 'number' ? s.at : 0,
      enteredBy: typeof s.enteredBy === 'string' ? s.enteredBy : null,
    });
  });
  // Family first, then in the order given.
  return out.sort((a, b) => Number(b.role === 'family') - Number(a.role === 'family') || a.at - b.at);
}
