import * as Y from 'yjs';
import { randomId } from './ids.js';
import { authorOf, readParticipants } from './people.js';
import { changeRecord, createRecord, readProvenance, readString, requireRecord } from './records.js';
import { boardRoot, type ViewTargetRoot } from './schema.js';
import type { Author } from './types.js';
import { cleanText, LIMITS } from './validation.js';

/**
 * A person's own view beside an item, a danger statement or an action ("This is not right
 * because…"): what the family says about what was prepared before the meeting. Nobody's draft is
 * changed by it; the view stands beside it in the record.
 */
export interface View {
  id: string;
  /** `cards/<id>`, `dangerPairs/<id>` or `actions/<id>`. */
  target: string;
  text: string;
  addedBy: Author;
  addedAt: number;
  changedAt: number;
}

const GONE = 'view-gone';
const root = (doc: Y.Doc): Y.Map<unknown> => boardRoot(doc, 'views');

export const viewTarget = (targetRoot: ViewTargetRoot, id: string): string => `${targetRoot}/${id}`;

export function addView(doc: Y.Doc, input: { target: string; text: string }, by: Author, now: number = Date.now()): string {
  const text = cleanText('view', 'your view', input.text, LIMITS.view);
  const id = randomId(9);
  doc.transact(() => createRecord(root(doc), id, { target: input.target, text }, by, now));
  return id;
}

export function editView(doc: Y.Doc, id: string, text: string, by: Author, now: number = Date.now()): void {
  const map = requireRecord(root(doc), id, GONE);
  const clean = cleanText('view', 'your view', text, LIMITS.view);
  doc.transact(() => changeRecord(map, { text: clean }, by, now));
}

export function removeView(doc: Y.Doc, id: string, by: Author, now: number = Date.now()): void {
  const map = requireRecord(root(doc), id, GONE);
  doc.transact(() => changeRecord(map, { removed: true }, by, now));
}

/** Every live view, by the record it stands beside, oldest first. */
export function readViews(doc: Y.Doc): Record<string, View[]> {
  const people = readParticipants(doc);
  const out: Record<string, View[]> = {};
  root(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const p = readProvenance(m);
    const target = readString(m, 'target');
    const text = readString(m, 'text');
    if (p.removed || !target || !text) return;
    (out[target] ??= []).push({ id, target, text, addedBy: authorOf(people, p.addedBy), addedAt: p.addedAt, changedAt: p.changedAt });
  });
  for (const list of Object.values(out)) list.sort((a, b) => a.addedAt - b.addedAt || a.id.localeCompare(b.id));
  return out;
}
