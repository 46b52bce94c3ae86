import * as Y from 'yjs';
import { checkContingency, checkEntries, checkFields, checkRecords, type RuleContext } from './rules.js';
import type { DocumentSchema, TextRoot } from './schema.js';
import { analyseUpdate, UpdateShapeError } from './updates.js';
import { describeWrites, Refused, type Refusal, type RootWrites, type ValueWrites } from './writes.js';

export type CheckResult =
  | {
      ok: true;
      /** Client ids that write new content, so the relay can check each belongs to the sender. */
      writers: ReadonlyMap<number, { from: number; to: number }>;
      /** The update writes nothing new (a sync reply that only repeats what the server has). */
      empty: boolean;
      /** The records it creates (`cards/<id>`), so the relay can limit how fast one person adds them. */
      created: string[];
      /**
       * Whether it may make the document bigger: it creates records or shared types, or writes more
       * than it replaces or deletes. An update that does not (taking items off, deleting text,
       * shortening it) is a clean-up, and passes even when the document or the sender's share is full.
       */
      grows: boolean;
    }
  | { ok: false; refusal: Refusal };

/**
 * Checks one update from a participant against the schema and the write rules, without applying
 * it: what it creates, changes and deletes (updates.ts), whether each write fits the schema
 * (writes.ts), and whether the sender may make it (rules.ts). Work is proportional to the update,
 * not to the document.
 */
export function checkUpdate(schema: DocumentSchema, doc: Y.Doc, update: Uint8Array, ctx: RuleContext): CheckResult {
  try {
    const { facts, writers } = analyseUpdate(doc, update);
    const roots = describeWrites(schema, facts);
    for (const w of roots.values()) {
      switch (w.spec.kind) {
        case 'records':
          checkRecords(w, w.spec, ctx);
          break;
        case 'entries':
          checkEntries(w, w.spec, ctx);
          break;
        case 'fields':
          if (w.spec.rule !== 'contingencyInfo') checkFields(w, w.spec, ctx);
          break;
        case 'text':
          break;
      }
    }
    const text = roots.get('contingency');
    const info = roots.get('contingencyInfo');
    if (text || info) checkContingency(text, info, (text?.spec ?? schema.contingency) as TextRoot, ctx);
    return { ok: true, writers, empty: facts.length === 0 && writers.size === 0, created: createdRecords(roots), grows: grows(roots, doc) };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, refusal: err.refusal };
    if (err instanceof UpdateShapeError)
      return { ok: false, refusal: { code: err.reason === 'does not decode' ? 'malformed' : 'shape', where: 'update', detail: err.reason } };
    throw err;
  }
}

function createdRecords(roots: ReadonlyMap<string, RootWrites>): string[] {
  const created: string[] = [];
  for (const w of roots.values()) for (const r of w.records.values()) if (r.created) created.push(`${w.root}/${r.id}`);
  return created;
}

/** About how many bytes a plain value takes in the document (its JSON); 0 for a shared type, whose size is not counted. */
function sizeOf(value: unknown): number {
  if (value === undefined || value instanceof Y.AbstractType) return 0;
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}

/** What a key's writes add: the new value's size, less the size of the value it replaces or deletes. */
function growthOf(w: ValueWrites, current: unknown): number {
  if (w.createdType) return Infinity;
  const written = w.values.length > 0 ? sizeOf(w.values[w.values.length - 1]) : 0;
  return written - (w.deleted ? sizeOf(current) : 0);
}

const mapOrNull = (v: unknown): Y.Map<unknown> | null => (v instanceof Y.Map ? (v as Y.Map<unknown>) : null);

/**
 * Whether an update may make the document bigger (see CheckResult.grows), from what it writes and
 * what the document holds now. Work is proportional to the update.
 */
function grows(roots: ReadonlyMap<string, RootWrites>, doc: Y.Doc): boolean {
  let growth = 0;
  for (const w of roots.values()) {
    if (w.spec.kind === 'text') {
      growth += (w.text?.inserted ?? 0) - (w.text?.deleted ?? 0);
      continue;
    }
    const root = doc.getMap<unknown>(w.root);
    for (const r of w.records.values()) {
      if (r.created) return true;
      const record = mapOrNull(root.get(r.id));
      for (const [key, v] of r.fields) growth += growthOf(v, record?.get(key));
      for (const t of r.text.values()) growth += t.inserted - t.deleted;
    }
    for (const [key, v] of w.entries) growth += growthOf(v, root.get(key));
    for (const [key, v] of w.fields) growth += growthOf(v, root.get(key));
    for (const [name, entries] of w.nested) {
      const nested = mapOrNull(root.get(name));
      for (const [key, v] of entries) growth += growthOf(v, nested?.get(key));
    }
    if (growth === Infinity) return true;
  }
  return growth > 0;
}

/** The reason sent with the 4403 close: `refused <code> <where>`, short enough for a close frame. */
export function refusalReason(refusal: Refusal): string {
  return `refused ${refusal.code} ${refusal.where}`.slice(0, 120);
}

/** The reason sent with the 4403 close of a person the chair removed (the client words it for the person). */
export const REMOVED_REASON = 'The chair removed you from this conference.';

/** Reads a refusal back out of a close reason (the client words it for the person). */
export function parseRefusalReason(reason: string): Refusal | null {
  const match = /^refused ([a-z-]+) (\S+)/.exec(reason);
  return match ? { code: match[1] as Refusal['code'], where: match[2] as string } : null;
}
