import type * as Y from 'yjs';
import { boardRoot } from './schema.js';
import { ValidationError } from './validation.js';

/**
 * The kinds of conference: initial, review, and the Young Person's Safety conference for adolescents at
 * risk outside the home (a London borough's conference model; see docs/data-model.md).
 */
export const CONFERENCE_KINDS = ['initial', 'review', 'young-person'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];

export const CONFERENCE_KIND_LABELS: Record<ConferenceKind, string> = {
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
  'young-person': "Young person's safety conference",
};

export interface Child {
  /** First name or initials only. */
  name: string;
  age: number;
}

export interface ConferenceDetails {
  kind: ConferenceKind;
  /** The day of the conference, YYYY-MM-DD. */
  date: string;
  caseReference: string;
  chairName: string;
  children: Child[];
}

export const MAX_CHILDREN = 12;

function text(field: string, value: unknown, what: string, max: number, required = true): string {
  if (value === undefined || value === null) value = '';
  if (typeof value !== 'string') throw new ValidationError(field, 'not-text', { what });
  const trimmed = value.trim();
  if (required && trimmed.length === 0) throw new ValidationError(field, 'required', { what });
  if (trimmed.length > max) throw new ValidationError(field, 'too-long', { what, max });
  return trimmed;
}

function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Checks what the chair typed when creating a conference; throws a ValidationError that says what to fix. */
export function cleanConferenceDetails(input: unknown): ConferenceDetails {
  if (typeof input !== 'object' || input === null) throw new ValidationError('details', 'details-missing');
  const raw = input as Record<string, unknown>;
  if (!(CONFERENCE_KINDS as readonly unknown[]).includes(raw.kind)) {
    throw new ValidationError('kind', 'choose-kind');
  }
  const date = text('date', raw.date, 'the date', 10);
  if (!isRealDate(date)) throw new ValidationError('date', 'bad-date');
  const caseReference = text('caseReference', raw.caseReference, 'the case reference', 40);
  const chairName = text('chairName', raw.chairName, 'the chair’s name', 80);
  if (!Array.isArray(raw.children) || raw.children.length === 0) {
    throw new ValidationError('children', 'children-required');
  }
  if (raw.children.length > MAX_CHILDREN) throw new ValidationError('children', 'too-many-children', { max: MAX_CHILDREN });
  const children = raw.children.map((c: unknown, i: number): Child => {
    const child = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
    const name = text(`children.${i}.name`, child.name, `child ${i + 1}’s first name or initials`, 40);
    const age = typeof child.age === 'string' && child.age.trim() !== '' ? Number(child.age) : child.age;
    if (typeof age !== 'number' || !Number.isInteger(age) || age < 0 || age > 18) {
      throw new ValidationError(`children.${i}.age`, 'bad-age', { n: i + 1 });
    }
    return { name, age };
  });
  return { kind: raw.kind as ConferenceKind, date, caseReference, chairName, children };
}

function detailsMap(doc: Y.Doc): Y.Map<unknown> {
  return boardRoot(doc, 'details');
}

/** Written once by the server when the conference is created. */
export function writeConferenceDetails(doc: Y.Doc, details: ConferenceDetails): void {
  doc.transact(() => {
    const map = detailsMap(doc);
    map.set('kind', details.kind);
    map.set('date', details.date);
    map.set('caseReference', details.caseReference);
    map.set('chairName', details.chairName);
    map.set(
      'children',
      details.children.map((c) => ({ name: c.name, age: c.age })),
    );
  });
}

export function readConferenceDetails(doc: Y.Doc): ConferenceDetails | null {
  const map = detailsMap(doc);
  try {
    return cleanConferenceDetails({
      kind: map.get('kind'),
      date: map.get('date'),
      caseReference: map.get('caseReference'),
      chairName: map.get('chairName'),
      children: map.get('children'),
    });
  } catch {
    return null;
  }
}
