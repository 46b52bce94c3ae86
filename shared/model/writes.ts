import type { Fact } from './updates.js';
import { isShallow, type DocumentSchema, type Field, type RootSpec } from './schema.js';

/**
 * What an update writes, in the schema's terms: per root, the records it creates and the fields
 * it sets, the entries it sets, the texts it edits, and what it deletes. Built from the facts
 * of updates.ts; anything the schema does not declare, or declares differently, is refused here.
 */
export interface ValueWrites {
  /** Values written, in the order the update lists them (the last one is what the key will hold). */
  values: unknown[];
  /** The value the key held is deleted (by itself a deletion; with a value, an overwrite). */
  deleted: boolean;
  /** A nested shared type written under the key. */
  createdType: 'map' | 'text' | 'array' | 'xml' | null;
}

export interface TextWrites {
  inserted: number;
  deleted: number;
}

export interface RecordWrites {
  id: string;
  /** A new record map is written under the id. */
  created: boolean;
  /** The record map itself is deleted. */
  deleted: boolean;
  fields: Map<string, ValueWrites>;
  text: Map<string, TextWrites>;
}

export interface RootWrites {
  root: string;
  spec: RootSpec;
  records: Map<string, RecordWrites>;
  entries: Map<string, ValueWrites>;
  fields: Map<string, ValueWrites>;
  /** Entries of nested maps and groups among the fields (the chair's confirmations, settings). */
  nested: Map<string, Map<string, ValueWrites>>;
  text: TextWrites | null;
}

export type RefusalCode =
  /** The update does not decode as a Yjs update at all. */
  | 'malformed'
  | 'shape'
  | 'unknown-root'
  | 'unknown-field'
  | 'bad-value'
  | 'too-deep'
  | 'too-long'
  | 'too-many'
  | 'incomplete'
  | 'server-only'
  | 'chair-only'
  | 'not-yours'
  | 'confirmed'
  | 'agreed'
  | 'as-someone-else'
  | 'unstamped'
  | 'bad-time'
  | 'immutable'
  | 'no-delete'
  | 'replace'
  | 'missing'
  | 'family-first'
  | 'hidden-scoring'
  | 'scores-shown'
  | 'not-allowed'
  | 'preparation'
  | 'foreign-client'
  /** The relay's limits (server/relay/limits.ts): the document is full, the sender's share of it is, or they add records too fast. */
  | 'document-full'
  | 'quota'
  | 'too-fast';

/** Why an update is refused: a code (worded for people by the client) and where (root/record.field). */
export interface Refusal {
  code: RefusalCode;
  where: string;
  /** For the log only: what the structure check found (never content). */
  detail?: string;
}

export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(`${refusal.code} ${refusal.where}`);
    this.name = 'Refused';
  }
}

export const refuse = (code: RefusalCode, where: string, detail?: string): never => {
  throw new Refused(detail === undefined ? { code, where } : { code, where, detail });
};

const emptyValue = (): ValueWrites => ({ values: [], deleted: false, createdType: null });
const getOr = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
};

/** Groups the facts of one update by root and record, refusing what the schema does not allow. */
export function describeWrites(schema: DocumentSchema, facts: readonly Fact[]): Map<string, RootWrites> {
  const roots = new Map<string, RootWrites>();
  const rootOf = (name: string): RootWrites => {
    const spec = Object.prototype.hasOwnProperty.call(schema, name) ? schema[name] : undefined;
    if (!spec) return refuse('unknown-root', name.slice(0, 40));
    return getOr(roots, name, () => ({
      root: name,
      spec,
      records: new Map(),
      entries: new Map(),
      fields: new Map(),
      nested: new Map(),
      text: null,
    }));
  };

  for (const fact of facts) {
    const { root, path, key } = fact.at;
    const rw = rootOf(root);
    const spec = rw.spec;
    const where = [root, ...path.map((p) => p ?? '#'), key ?? '#'].join('/').slice(0, 100);

    // What an inserted item writes under a map key: a value, a nested type, or nothing visible.
    const writeValue = (target: ValueWrites): void => {
      if (fact.kind === 'delete') {
        target.deleted = true;
        return;
      }
      const c = fact.content;
      if (c.kind === 'deleted') return;
      if (c.kind === 'type') {
        target.createdType = c.type;
        return;
      }
      if (c.kind !== 'values' || c.values.length !== 1) return refuse('shape', where, c.kind);
      const value = c.values[0];
      if (!isShallow(value)) return refuse('too-deep', where);
      target.values.push(value);
    };
    // Characters typed into (or deleted from) a text.
    const writeText = (target: TextWrites): void => {
      if (fact.kind === 'delete') {
        target.deleted += fact.length;
        return;
      }
      const c = fact.content;
      if (c.kind === 'deleted') return;
      if (c.kind !== 'string') return refuse('shape', where, c.kind);
      if (!fact.deletedHere) target.inserted += fact.length;
    };

    switch (spec.kind) {
      case 'records': {
        const id = path[0] ?? key;
        if (typeof id !== 'string' || !spec.id.test(id)) return refuse('shape', where, 'record id');
        const record = getOr(rw.records, id, () => ({ id, created: false, deleted: false, fields: new Map(), text: new Map() }));
        if (path.length === 0) {
          if (fact.kind === 'delete') {
            if (fact.isType) record.deleted = true;
            continue;
          }
          if (fact.content.kind === 'deleted') continue;
          if (fact.content.kind !== 'type' || fact.content.type !== 'map') return refuse('shape', where, 'record');
          record.created = true;
        } else if (path.length === 1 && key !== null) {
          const field = spec.fields[key];
          if (!field) return refuse('unknown-field', `${root}.${key}`.slice(0, 60));
          writeValue(getOr(record.fields, key, emptyValue));
        } else if (path.length === 2 && key === null && typeof path[1] === 'string') {
          const field = spec.fields[path[1]];
          if (!field || field.kind !== 'text') return refuse('shape', where, 'text');
          writeText(getOr(record.text, path[1], () => ({ inserted: 0, deleted: 0 })));
        } else return refuse('shape', where, 'depth');
        break;
      }
      case 'entries': {
        if (path.length !== 0 || key === null || !spec.key.test(key)) return refuse('shape', where, 'entry');
        writeValue(getOr(rw.entries, key, emptyValue));
        break;
      }
      case 'fields': {
        if (path.length === 0 && key !== null) {
          if (!spec.fields[key]) return refuse('unknown-field', `${root}.${key}`.slice(0, 60));
          writeValue(getOr(rw.fields, key, emptyValue));
        } else if (path.length === 1 && key !== null && typeof path[0] === 'string') {
          const field: Field | undefined = spec.fields[path[0]];
          if (!field || (field.kind !== 'map' && field.kind !== 'group')) return refuse('shape', where, 'nested');
          if (field.kind === 'map' ? !field.key.test(key) : !field.fields[key]) return refuse('unknown-field', where);
          writeValue(getOr(getOr(rw.nested, path[0], () => new Map<string, ValueWrites>()), key, emptyValue));
        } else return refuse('shape', where, 'depth');
        break;
      }
      case 'text': {
        if (path.length !== 0 || key !== null) return refuse('shape', where, 'text');
        rw.text ??= { inserted: 0, deleted: 0 };
        writeText(rw.text);
        break;
      }
    }
  }
  return roots;
}

/** The value a key will hold after the update (the last one written), or undefined. */
export const lastValue = (w: ValueWrites | undefined): unknown => (w && w.values.length > 0 ? w.values[w.values.length - 1] : undefined);
