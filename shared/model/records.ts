import * as Y from 'yjs';
import { sameValue } from './schema.js';
import type { ConferenceKind } from './details.js';
import type { Author } from './types.js';
import { cleanAuthor, ValidationError } from './validation.js';
import type { ValidationCode } from './errors.js';

/**
 * What every record (item, danger statement, action, person in the network) carries besides its
 * own fields: who added it and when, who changed it last and when, and whether it was taken off.
 * The server checks `addedBy` and `changedBy` against the credential of whoever sends the change.
 */
export interface Provenance {
  addedBy: string;
  addedAt: number;
  changedBy: string;
  changedAt: number;
  removed: boolean;
}

export type RecordMap = Y.Map<unknown>;

/** Reads a field without ever recursing into what a misbehaving client might have put there. */
export const readString = (map: RecordMap, key: string): string => {
  const v = map.get(key);
  return typeof v === 'string' ? v : v instanceof Y.Text ? v.toString() : '';
};
export const readNumber = (map: RecordMap, key: string): number => {
  const v = map.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};
export const readNumbers = (map: RecordMap, key: string): number[] => {
  const v = map.get(key);
  return Array.isArray(v) ? v.filter((c): c is number => typeof c === 'number' && Number.isInteger(c)).slice(0, 64) : [];
};

export function readProvenance(map: RecordMap): Provenance {
  return {
    addedBy: readString(map, 'addedBy'),
    addedAt: readNumber(map, 'addedAt'),
    changedBy: readString(map, 'changedBy'),
    changedAt: readNumber(map, 'changedAt'),
    removed: map.get('removed') === true,
  };
}

/** A live record map of `root`, or a ValidationError saying it is gone (`gone`: which kind of record). */
export function requireRecord(root: Y.Map<unknown>, id: string, gone: ValidationCode): RecordMap {
  const map = root.get(id);
  if (!(map instanceof Y.Map)) throw new ValidationError('record', gone);
  return map as RecordMap;
}

/**
 * Adds a record: its fields, then who added it. Shared types among the fields (a Y.Text) are
 * written as they are. Returns the new map.
 */
export function createRecord(root: Y.Map<unknown>, id: string, fields: Record<string, unknown>, by: Author, now: number): RecordMap {
  const author = cleanAuthor(by);
  const map = new Y.Map<unknown>();
  root.set(id, map);
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  map.set('addedBy', author.id);
  map.set('addedAt', now);
  map.set('changedBy', author.id);
  map.set('changedAt', now);
  map.set('removed', false);
  return map;
}

/**
 * Changes a record: writes only the fields whose value differs from what the document holds (so
 * a form never writes back a value its user did not change), and, when anything changed, who
 * changed it and when. Returns whether anything was written. Call inside a transaction.
 */
export function changeRecord(map: RecordMap, changes: Record<string, unknown>, by: Author, now: number): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || sameValue(map.get(key), value)) continue;
    map.set(key, value);
    changed = true;
  }
  if (changed) markChanged(map, by, now);
  return changed;
}

/** Records who changed a record and when (for changes written another way, such as live text). */
export function markChanged(map: RecordMap, by: Author, now: number): void {
  map.set('changedBy', by.id);
  map.set('changedAt', now);
}

/** Where a record carried into a review came from (written by the server when it made the review). */
export interface Origin {
  conferenceId: string;
  kind: ConferenceKind;
  /** The day of that conference, YYYY-MM-DD. */
  date: string;
}

/** A danger statement's scores at one earlier conference of the chain. */
export interface HistoryPoint extends Origin {
  count: number;
  median: number | null;
  min: number | null;
  max: number | null;
}

const isKind = (v: unknown): v is ConferenceKind => v === 'initial' || v === 'review' || v === 'young-person';

function toOrigin(v: unknown): Origin | null {
  const o = v as Partial<Origin> | null;
  if (!o || typeof o !== 'object' || typeof o.conferenceId !== 'string' || !isKind(o.kind) || typeof o.date !== 'string') return null;
  return { conferenceId: o.conferenceId, kind: o.kind, date: o.date };
}

export const readOrigin = (map: RecordMap): Origin | null => toOrigin(map.get('origin'));

export function readHistory(map: RecordMap): HistoryPoint[] {
  const v = map.get('history');
  if (!Array.isArray(v)) return [];
  const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  return v.slice(0, 20).flatMap((p: unknown) => {
    const origin = toOrigin(p);
    if (!origin) return [];
    const h = p as Record<string, unknown>;
    return [{ ...origin, count: num(h.count) ?? 0, median: num(h.median), min: num(h.min), max: num(h.max) }];
  });
}
