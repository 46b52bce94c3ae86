import * as Y from 'yjs';
import { randomId } from './ids.js';
import { authorOf, readParticipants } from './people.js';
import { changeRecord, createRecord, readNumbers, readOrigin, readProvenance, readString, requireRecord, type Origin } from './records.js';
import { boardRoot, PROGRESS, SAFETY_PLAN_SECTIONS, type Progress, type SafetyPlanSection } from './schema.js';
import type { Author } from './types.js';
import { cleanChildren, cleanOptionalDate, cleanText, LIMITS, ValidationError } from './validation.js';

/** The SMART plan (stage 5): what will be done, by whom, by when, how everyone will know it worked. */
export interface Action {
  id: string;
  what: string;
  who: string;
  byWhen: string;
  measure: string;
  pairId: string | null;
  children: number[];
  addedBy: Author;
  addedAt: number;
  changedBy: string;
  changedAt: number;
  /** The conference it was carried from, in a review. */
  origin: Origin | null;
  /** In a review: how far it got since the last conference (null: not said yet). */
  progress: Progress | null;
  progressNote: string;
  /** In a young person's conference: the part of their safety plan it belongs to. */
  section: SafetyPlanSection | null;
}

export type ActionInput = Pick<Action, 'what' | 'who' | 'byWhen' | 'measure' | 'pairId' | 'children'> & { section?: SafetyPlanSection | null };

const GONE = 'action-gone';

const root = (doc: Y.Doc): Y.Map<unknown> => boardRoot(doc, 'actions');

/** Checks the parts of an action given; the same function checks what the server stores. */
export function cleanAction(input: Partial<ActionInput>): Partial<ActionInput> {
  const out: Partial<ActionInput> = {};
  if (input.what !== undefined) out.what = cleanText('what', 'what will be done', input.what, LIMITS.actionWhat);
  if (input.who !== undefined) out.who = cleanText('who', 'who will do it', input.who, LIMITS.actionWho, false);
  if (input.byWhen !== undefined) out.byWhen = cleanOptionalDate('byWhen', input.byWhen);
  if (input.measure !== undefined) out.measure = cleanText('measure', 'how everyone will know it worked', input.measure, LIMITS.actionMeasure, false);
  if (input.pairId !== undefined) out.pairId = typeof input.pairId === 'string' && input.pairId ? input.pairId : null;
  if (input.children !== undefined) out.children = cleanChildren(input.children);
  if (input.section !== undefined) {
    if (input.section !== null && !(SAFETY_PLAN_SECTIONS as readonly unknown[]).includes(input.section))
      throw new ValidationError('section', 'choose-plan-part');
    out.section = input.section;
  }
  return out;
}

export function addAction(doc: Y.Doc, input: ActionInput, by: Author, now: number = Date.now()): string {
  const clean = cleanAction({ ...input, what: input.what ?? '' }) as ActionInput;
  const id = randomId(9);
  doc.transact(() => createRecord(root(doc), id, { ...clean }, by, now));
  return id;
}

/** Changes only the parts given (a form passes only what its user changed). */
export function editAction(doc: Y.Doc, id: string, changes: Partial<ActionInput>, by: Author, now: number = Date.now()): void {
  const map = requireRecord(root(doc), id, GONE);
  const clean = cleanAction(changes);
  doc.transact(() => changeRecord(map, clean, by, now));
}

export function removeAction(doc: Y.Doc, id: string, by: Author, now: number = Date.now()): void {
  const map = requireRecord(root(doc), id, GONE);
  doc.transact(() => changeRecord(map, { removed: true }, by, now));
}

export function readActions(doc: Y.Doc): Action[] {
  const people = readParticipants(doc);
  const out: Action[] = [];
  root(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const p = readProvenance(m);
    const what = m.get('what');
    if (p.removed || typeof what !== 'string') return;
    const pairId = m.get('pairId');
    out.push({
      id,
      what,
      who: readString(m, 'who'),
      byWhen: readString(m, 'byWhen'),
      measure: readString(m, 'measure'),
      pairId: typeof pairId === 'string' ? pairId : null,
      children: readNumbers(m, 'children'),
      addedBy: authorOf(people, p.addedBy),
      addedAt: p.addedAt,
      changedBy: p.changedBy,
      changedAt: p.changedAt,
      origin: readOrigin(m),
      progress: (PROGRESS as readonly unknown[]).includes(m.get('progress')) ? (m.get('progress') as Progress) : null,
      progressNote: readString(m, 'progressNote'),
      section: (SAFETY_PLAN_SECTIONS as readonly unknown[]).includes(m.get('section')) ? (m.get('section') as SafetyPlanSection) : null,
    });
  });
  return out.sort((a, b) => a.addedAt - b.addedAt || a.id.localeCompare(b.id));
}

/** In a review: how far a carried action got, with a note. */
export function setActionProgress(
  doc: Y.Doc,
  id: string,
  progress: Progress | null,
  note: string,
  by: Author,
  now: number = Date.now(),
): void {
  if (progress !== null && !(PROGRESS as readonly string[]).includes(progress)) throw new ValidationError('progress', 'choose-progress');
  const map = requireRecord(root(doc), id, GONE);
  const progressNote = cleanText('progressNote', 'how it went', note, LIMITS.progressNote, false);
  doc.transact(() => changeRecord(map, { progress, progressNote }, by, now));
}
