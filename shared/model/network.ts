import * as Y from 'yjs';
import { randomId } from './ids.js';
import { authorOf, readParticipants } from './people.js';
import { changeRecord, createRecord, markChanged, readOrigin, readProvenance, readString, requireRecord, type Origin } from './records.js';
import { boardRoot } from './schema.js';
import { setSharedText } from './text.js';
import type { Author } from './types.js';
import { cleanName, cleanText, LIMITS, ValidationError } from './validation.js';

/**
 * The family's network (stage 1), and the safety network among them (stage 5): the people who will
 * help keep the children safe, each with what they will do. "What they will do" is a Y.Text, so
 * the chair and the person who added them can write it at the same time and see each other's words.
 */
export interface NetworkPerson {
  id: string;
  name: string;
  relationship: string;
  inSafetyNetwork: boolean;
  willDo: string;
  addedBy: Author;
  addedAt: number;
  changedBy: string;
  changedAt: number;
  /** The conference they were carried from, in a review. */
  origin: Origin | null;
}

const GONE = 'person-gone';

const root = (doc: Y.Doc): Y.Map<unknown> => boardRoot(doc, 'network');

export function addNetworkPerson(
  doc: Y.Doc,
  input: { name: string; relationship: string; inSafetyNetwork: boolean; willDo?: string },
  by: Author,
  now: number = Date.now(),
): string {
  const name = cleanName(input.name);
  const relationship = cleanText('relationship', 'how they are connected to the family', input.relationship, LIMITS.relationship);
  const willDo = cleanText('willDo', 'what they will do', input.willDo ?? '', LIMITS.willDo, false);
  const id = randomId(9);
  doc.transact(() => {
    const text = new Y.Text();
    createRecord(root(doc), id, { name, relationship, inSafetyNetwork: input.inSafetyNetwork === true, willDo: text }, by, now);
    if (willDo) text.insert(0, willDo);
  });
  return id;
}

export function updateNetworkPerson(
  doc: Y.Doc,
  id: string,
  change: Partial<{ name: string; relationship: string; inSafetyNetwork: boolean }>,
  by: Author,
  now: number = Date.now(),
): void {
  const map = requireRecord(root(doc), id, GONE);
  const clean: Record<string, unknown> = {};
  if (change.name !== undefined) clean.name = cleanName(change.name);
  if (change.relationship !== undefined)
    clean.relationship = cleanText('relationship', 'how they are connected to the family', change.relationship, LIMITS.relationship);
  if (change.inSafetyNetwork !== undefined) clean.inSafetyNetwork = change.inSafetyNetwork === true;
  doc.transact(() => changeRecord(map, clean, by, now));
}

/** The live text of what a person in the network will do (null when it is not there). */
export function willDoText(doc: Y.Doc, id: string): Y.Text | null {
  const map = root(doc).get(id);
  const v = map instanceof Y.Map ? map.get('willDo') : null;
  return v instanceof Y.Text ? v : null;
}

/** Writes what someone typed into "what they will do" as the smallest edit, with who changed it. */
export function setWillDo(doc: Y.Doc, id: string, value: string, by: Author, now: number = Date.now()): void {
  const map = requireRecord(root(doc), id, GONE);
  const text = willDoText(doc, id);
  if (!text) throw new ValidationError('willDo', GONE);
  if (value.length > LIMITS.willDo) throw new ValidationError('willDo', 'too-long', { what: 'what they will do', max: LIMITS.willDo });
  doc.transact(() => {
    if (setSharedText(text, value)) markChanged(map, by, now);
  });
}

/** Takes someone off the list (they stay in the document, marked removed). */
export function removeNetworkPerson(doc: Y.Doc, id: string, by: Author, now: number = Date.now()): void {
  const map = requireRecord(root(doc), id, GONE);
  doc.transact(() => changeRecord(map, { removed: true }, by, now));
}

export function readNetwork(doc: Y.Doc): NetworkPerson[] {
  const people = readParticipants(doc);
  const out: NetworkPerson[] = [];
  root(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const name = m.get('name');
    const p = readProvenance(m);
    if (typeof name !== 'string' || p.removed) return;
    out.push({
      id,
      name,
      relationship: readString(m, 'relationship'),
      inSafetyNetwork: m.get('inSafetyNetwork') === true,
      willDo: readString(m, 'willDo'),
      addedBy: authorOf(people, p.addedBy),
      addedAt: p.addedAt,
      changedBy: p.changedBy,
      changedAt: p.changedAt,
      origin: readOrigin(m),
    });
  });
  return out.sort((a, b) => a.addedAt - b.addedAt || a.id.localeCompare(b.id));
}
