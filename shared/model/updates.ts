import * as Y from 'yjs';

/**
 * What a Yjs update would do to a document, worked out without applying it.
 *
 * A Yjs update is a list of new structs (items with content, or garbage-collected ranges) and a
 * delete set. An item names where it goes only partly: a map entry or a list element usually
 * names the item to its left (`origin`) and takes its parent from it, so finding out which shared
 * type and which key an item writes to means looking its neighbours up, in the document or in the
 * update itself. This module does that lookup, for every new item and every deleted one, and
 * reports each as a `Fact`: the container it touches (the root type and the map keys leading down
 * to it), the key within it (`null` for text and list positions), and what is written.
 *
 * It refuses, with an `UpdateShapeError`, anything it cannot account for: an update that refers to
 * content the document does not have (Yjs would hold it back and apply it later, unchecked), gaps,
 * a client listed twice, cycles, or more work than `MAX_VISITS`. It never changes the document.
 */

/** Where an item sits: a root type, the map keys that lead from it to the item's parent, and its own key. */
export interface Location {
  root: string;
  /** Map keys from the root down to the container (`null` where the step is a list position). */
  path: Array<string | null>;
  /** The item's key in a map, or `null` for a position in a text or list. */
  key: string | null;
}

export type Inserted =
  /** Values of a map entry or list elements (plain JSON-like data). */
  | { kind: 'values'; values: unknown[] }
  /** A new nested shared type. */
  | { kind: 'type'; type: 'map' | 'text' | 'array' | 'xml' }
  /** Characters in a Y.Text (`length` counts UTF-16 code units, as Yjs does). */
  | { kind: 'string'; text: string }
  /** Content that arrives already deleted. */
  | { kind: 'deleted' }
  /** Anything else Yjs can carry: formatting, embeds, binary, legacy JSON, sub-documents. */
  | { kind: 'other'; name: string };

export type Fact =
  | {
      kind: 'insert';
      at: Location;
      content: Inserted;
      /** Length in Yjs units (characters, list elements). */
      length: number;
      /** The new item's id, so that items written inside a new type can be told apart. */
      id: Y.ID;
      /** The update also deletes this item (it is written and removed in one go). */
      deletedHere: boolean;
    }
  | {
      kind: 'delete';
      at: Location;
      /** How many countable units are removed (characters, list elements; 1 for a map entry). */
      length: number;
      /** The item holds a shared type (a record, a nested map or text). */
      isType: boolean;
    };

export interface UpdateFacts {
  facts: Fact[];
  /** Client ids that write new content, with the first new clock of each. */
  writers: Map<number, { from: number; to: number }>;
}

/** The update is not one the server can check; the reason says why, for the log and the client. */
export class UpdateShapeError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UpdateShapeError';
  }
}

/** Upper bound on struct look-ups per update (a malicious delete set could ask for the whole document). */
export const MAX_VISITS = 200_000;
/** Nesting of shared types the schema allows (root → record → field text), with room to spare. */
const MAX_TYPE_DEPTH = 6;

type Struct = Y.Item | Y.GC | Y.Skip;
type Container = { root: string; path: Array<string | null> } | 'gc';
type Resolved = { container: Container; key: string | null };

function contentOf(item: Y.Item): Inserted {
  const c = item.content;
  if (c instanceof Y.ContentAny) return { kind: 'values', values: c.arr };
  if (c instanceof Y.ContentString) return { kind: 'string', text: c.str };
  if (c instanceof Y.ContentDeleted) return { kind: 'deleted' };
  if (c instanceof Y.ContentType) {
    const t = c.type;
    const type = t instanceof Y.Map ? 'map' : t instanceof Y.Text ? 'text' : t instanceof Y.Array ? 'array' : 'xml';
    return { kind: 'type', type };
  }
  return { kind: 'other', name: c.constructor.name };
}

/**
 * Works out what `update` would insert and delete in `doc`. Throws UpdateShapeError for updates
 * that cannot be accounted for, and lets decoding errors of a malformed update through.
 */
export function analyseUpdate(doc: Y.Doc, update: Uint8Array): UpdateFacts {
  let decoded: { structs: Struct[]; ds: { clients: Map<number, Array<{ clock: number; len: number }>> } };
  try {
    decoded = Y.decodeUpdate(update) as unknown as typeof decoded;
  } catch (err) {
    // A value nested deeper than the stack allows ends here, before anything is read from it.
    throw new UpdateShapeError(err instanceof RangeError ? 'too deeply nested' : 'does not decode');
  }
  const store = doc.store;
  const stateOf = (client: number): number => Y.getState(store, client);

  // The update's own structs, per client, in clock order.
  const own = new Map<number, Struct[]>();
  let lastClient: number | null = null;
  for (const s of decoded.structs) {
    if (s instanceof Y.Skip) throw new UpdateShapeError('has gaps');
    const client = s.id.client;
    if (client !== lastClient && own.has(client)) throw new UpdateShapeError('lists a client twice');
    lastClient = client;
    const list = own.get(client) ?? [];
    if (list.length === 0 && s.id.clock > stateOf(client)) throw new UpdateShapeError('refers to content the server does not have');
    list.push(s);
    own.set(client, list);
  }
  const ownStruct = (id: Y.ID): Struct | null => {
    const list = own.get(id.client);
    if (!list || list.length === 0) return null;
    const first = list[0] as Struct;
    const last = list[list.length - 1] as Struct;
    if (id.clock < first.id.clock || id.clock >= last.id.clock + last.length) return null;
    return list[Y.findIndexSS(list as Y.Item[], id.clock)] as Struct;
  };

  let visits = 0;
  const visit = (): void => {
    if (++visits > MAX_VISITS) throw new UpdateShapeError('is too large to check');
  };

  // Locations of types that already are in the document.
  const containerOfDocType = (type: Y.AbstractType<unknown>): Container => {
    const path: Array<string | null> = [];
    let t: Y.AbstractType<unknown> = type;
    for (let depth = 0; t._item !== null; depth++) {
      if (depth > MAX_TYPE_DEPTH) throw new UpdateShapeError('is nested too deeply');
      const item: Y.Item = t._item;
      path.unshift(item.parentSub);
      if (!(item.parent instanceof Y.AbstractType)) return 'gc';
      t = item.parent as Y.AbstractType<unknown>;
    }
    return { root: Y.findRootTypeKey(t), path };
  };
  const docItemAt = (id: Y.ID): Y.Item | Y.GC => {
    visit();
    return Y.getItem(store, id) as Y.Item | Y.GC;
  };
  const resolvedOfDocItem = (item: Y.Item | Y.GC): Resolved => {
    if (!(item instanceof Y.Item) || !(item.parent instanceof Y.AbstractType)) return { container: 'gc', key: null };
    return { container: containerOfDocType(item.parent as Y.AbstractType<unknown>), key: item.parentSub };
  };

  // Locations of the update's own items, resolved without recursion (an origin chain can be as
  // long as the text someone typed).
  const resolved = new Map<Struct, Resolved>();
  const known = (id: Y.ID): boolean => id.clock < stateOf(id.client);

  /** What a reference (origin, right origin) points at: a resolved location, or a struct of the update still to resolve. */
  const lookUp = (id: Y.ID): Resolved | Struct => {
    if (known(id)) return resolvedOfDocItem(docItemAt(id));
    const s = ownStruct(id);
    if (!s) throw new UpdateShapeError('refers to content the server does not have');
    if (!(s instanceof Y.Item)) return { container: 'gc', key: null };
    return resolved.get(s) ?? s;
  };
  /** The container a new item's explicit parent id names (a type created by that item). */
  const containerOfParentId = (id: Y.ID): Container | Struct => {
    if (known(id)) {
      const item = docItemAt(id);
      if (!(item instanceof Y.Item)) return 'gc';
      if (!(item.content instanceof Y.ContentType)) throw new UpdateShapeError('names a parent that is not a shared type');
      return containerOfDocType(item.content.type as Y.AbstractType<unknown>);
    }
    const s = ownStruct(id);
    if (!s) throw new UpdateShapeError('refers to content the server does not have');
    if (!(s instanceof Y.Item)) return 'gc';
    if (!(s.content instanceof Y.ContentType)) throw new UpdateShapeError('names a parent that is not a shared type');
    const r = resolved.get(s);
    return r ? childContainer(r) : s;
  };
  const childContainer = (r: Resolved): Container => {
    if (r.container === 'gc') return 'gc';
    if (r.container.path.length >= MAX_TYPE_DEPTH) throw new UpdateShapeError('is nested too deeply');
    return { root: r.container.root, path: [...r.container.path, r.key] };
  };

  /** One step of resolving `item`: its location, or the struct it waits for. */
  const step = (item: Y.Item): Resolved | Struct => {
    if (item.origin) return lookUp(item.origin);
    if (item.rightOrigin) return lookUp(item.rightOrigin);
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { container: { root: parent, path: [] }, key: item.parentSub };
    if (parent instanceof Y.ID) {
      const c = containerOfParentId(parent);
      if (c === 'gc' || (typeof c === 'object' && 'root' in c)) return { container: c, key: item.parentSub };
      return c;
    }
    throw new UpdateShapeError('has an item without a place');
  };
  const isStruct = (v: Resolved | Struct): v is Struct => v instanceof Y.Item || v instanceof Y.GC || v instanceof Y.Skip;

  const resolve = (item: Y.Item): Resolved => {
    const done = resolved.get(item);
    if (done) return done;
    const stack: Y.Item[] = [item];
    const onStack = new Set<Y.Item>([item]);
    while (stack.length > 0) {
      visit();
      const top = stack[stack.length - 1] as Y.Item;
      const next = step(top);
      if (isStruct(next)) {
        if (!(next instanceof Y.Item)) {
          resolved.set(top, { container: 'gc', key: null });
        } else if (resolved.has(next)) {
          continue;
        } else {
          if (onStack.has(next)) throw new UpdateShapeError('has a cycle');
          stack.push(next);
          onStack.add(next);
          continue;
        }
      } else {
        // A left or right neighbour's location is shared; an explicit parent gives its own key.
        resolved.set(top, next);
      }
      stack.pop();
      onStack.delete(top);
    }
    return resolved.get(item) as Resolved;
  };

  const facts: Fact[] = [];
  const writers = new Map<number, { from: number; to: number }>();
  const newItems: Array<{ item: Y.Item; offset: number }> = [];
  for (const [client, list] of own) {
    const state = stateOf(client);
    for (const s of list) {
      const end = s.id.clock + s.length;
      if (end <= state) continue; // already known: Yjs skips it
      const range = writers.get(client);
      writers.set(client, { from: range?.from ?? Math.max(s.id.clock, state), to: end });
      if (s instanceof Y.Item) newItems.push({ item: s, offset: Math.max(0, state - s.id.clock) });
    }
  }

  // The delete set: what each deleted item was, in the document or in the update.
  const deletedOwn = new Set<Y.Item>();
  for (const [client, ranges] of decoded.ds.clients) {
    const state = stateOf(client);
    const docStructs = store.clients.get(client) ?? [];
    for (const { clock, len } of ranges) {
      const end = clock + len;
      // The part the document has.
      if (clock < state && docStructs.length > 0) {
        let i = Y.findIndexSS(docStructs as Y.Item[], clock);
        for (; i < docStructs.length; i++) {
          visit();
          const s = docStructs[i] as Y.Item | Y.GC;
          if (s.id.clock >= end) break;
          if (!(s instanceof Y.Item) || s.deleted) continue;
          const from = Math.max(s.id.clock, clock);
          const to = Math.min(s.id.clock + s.length, end);
          const where = resolvedOfDocItem(s);
          if (where.container === 'gc') continue;
          facts.push({
            kind: 'delete',
            at: { root: where.container.root, path: where.container.path, key: where.key },
            length: s.countable ? to - from : 0,
            isType: s.content instanceof Y.ContentType,
          });
        }
      }
      // The part beyond: it must be content of this very update.
      if (end > state) {
        for (let c = Math.max(clock, state); c < end; ) {
          visit();
          const s = ownStruct(Y.createID(client, c));
          if (!s) throw new UpdateShapeError('deletes content the server does not have');
          if (s instanceof Y.Item) deletedOwn.add(s);
          c = s.id.clock + s.length;
        }
      }
    }
  }

  for (const { item, offset } of newItems) {
    const where = resolve(item);
    if (where.container === 'gc') continue; // Yjs turns it into a gap: no effect
    const content = contentOf(item);
    facts.push({
      kind: 'insert',
      at: { root: where.container.root, path: where.container.path, key: where.key },
      content: offset > 0 && content.kind === 'string' ? { kind: 'string', text: content.text.slice(offset) } : content,
      length: item.length - offset,
      id: item.id,
      deletedHere: deletedOwn.has(item),
    });
  }
  return { facts, writers };
}
