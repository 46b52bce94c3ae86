import * as Y from 'yjs';
import { randomId } from './ids.js';
import { authorOf, readParticipants } from './people.js';
import { changeRecord, createRecord, readProvenance, readString, requireRecord } from './records.js';
import { boardRoot, SAFETY_PLAN_SECTIONS, type SafetyPlanSection } from './schema.js';
import type { Author } from './types.js';
import { cleanText, LIMITS, ValidationError } from './validation.js';

export { SAFETY_PLAN_SECTIONS, type SafetyPlanSection } from './schema.js';

/**
 * The Young Person's Safety Plan (a London borough's model for adolescents at risk outside the
 * home): in a young person's conference the plan stage is the young person's own plan, in their
 * words, written with them, in six parts. Each part holds entries (one line each: a worry, a person
 * and how to reach them, a place); each part can also have actions, as in the SMART plan (an
 * action's `section`). Entries are records like any other: their author and the chair change them.
 */
export interface SafetyPlanEntry {
  id: string;
  section: SafetyPlanSection;
  text: string;
  addedBy: Author;
  addedAt: number;
  changedBy: string;
  changedAt: number;
}

const GONE = 'plan-entry-gone';
const root = (doc: Y.Doc): Y.Map<unknown> => boardRoot(doc, 'safetyPlan');

export const isSafetyPlanSection = (v: unknown): v is SafetyPlanSection => (SAFETY_PLAN_SECTIONS as readonly unknown[]).includes(v);

const cleanEntry = (text: unknown): string => cleanText('entry', 'what you want to write', text, LIMITS.safetyPlanEntry);

export function addSafetyPlanEntry(
  doc: Y.Doc,
  input: { section: SafetyPlanSection; text: string },
  by: Author,
  now: number = Date.now(),
): string {
  if (!isSafetyPlanSection(input.section)) throw new ValidationError('section', 'choose-plan-part');
  const text = cleanEntry(input.text);
  const id = randomId(9);
  doc.transact(() => createRecord(root(doc), id, { section: input.section, text }, by, now));
  return id;
}

export function editSafetyPlanEntry(doc: Y.Doc, id: string, text: string, by: Author, now: number = Date.now()): void {
  const map = requireRecord(root(doc), id, GONE);
  const clean = cleanEntry(text);
  doc.transact(() => changeRecord(map, { text: clean }, by, now));
}

export function removeSafetyPlanEntry(doc: Y.Doc, id: string, by: Author, now: number = Date.now()): void {
  const map = requireRecord(root(doc), id, GONE);
  doc.transact(() => changeRecord(map, { removed: true }, by, now));
}

/** Every live entry, in the order of the parts, oldest first within a part. */
export function readSafetyPlan(doc: Y.Doc): SafetyPlanEntry[] {
  const people = readParticipants(doc);
  const out: SafetyPlanEntry[] = [];
  root(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const p = readProvenance(m);
    const section = m.get('section');
    const text = readString(m, 'text');
    if (p.removed || !isSafetyPlanSection(section) || !text) return;
    out.push({
      id,
      section,
      text,
      addedBy: authorOf(people, p.addedBy),
      addedAt: p.addedAt,
      changedBy: p.changedBy,
      changedAt: p.changedAt,
    });
  });
  const order = (s: SafetyPlanSection): number => SAFETY_PLAN_SECTIONS.indexOf(s);
  return out.sort((a, b) => order(a.section) - order(b.section) || a.addedAt - b.addedAt || a.id.localeCompare(b.id));
}
