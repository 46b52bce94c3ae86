import type * as Y from 'yjs';
import { checkContingency, checkEntries, checkFields, checkRecords, type RuleContext } from './rules.js';
import type { DocumentSchema, TextRoot } from './schema.js';
import { analyseUpdate, UpdateShapeError } from './updates.js';
import { describeWrites, Refused, type Refusal } from './writes.js';

export type CheckResult =
  | {
      ok: true;
      /** Client ids that write new content, so the relay can check each belongs to the sender. */
      writers: ReadonlyMap<number, { from: number; to: number }>;
      /** The update writes nothing new (a sync reply that only repeats what the server has). */
      empty: boolean;
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
    return { ok: true, writers, empty: facts.length === 0 && writers.size === 0 };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, refusal: err.refusal };
    if (err instanceof UpdateShapeError)
      return { ok: false, refusal: { code: err.reason === 'does not decode' ? 'malformed' : 'shape', where: 'update', detail: err.reason } };
    throw err;
  }
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
