import * as Y from 'yjs';
import { missingChairMaps } from './chair.js';
import { schemaVersionOf } from './doc.js';
import { boardRoot, chairRoot, SCHEMA_VERSION } from './schema.js';

/**
 * Migrations of stored documents, keyed by the version they upgrade from. The server runs them when
 * it loads a room (in one transaction of its own, stored like any change), so every document it
 * serves has the current layout. A client never migrates.
 */
type Migration = (doc: Y.Doc, now: number) => void;

/** The participant id under which records from before version 2 that named no author are kept. */
export const LEGACY_AUTHOR = 'legacy-unknown';

const MIGRATIONS: Record<number, Migration> = {
  /**
   * Version 1 → 2: records say who added and changed them by participant id (`addedBy`,
   * `changedBy`), names come from the server's `participants` directory (which replaces the
   * `attendance` map browsers wrote themselves), "what they will do" becomes a live Y.Text, and
   * scores and recommendations say whether the chair entered them.
   */
  1: (doc, now) => {
    const participants = boardRoot(doc, 'participants');
    const addPerson = (id: string, name: string, roleLabel: string, role: unknown): void => {
      if (!participants.has(id))
        participants.set(id, {
          id,
          name: name || 'Unknown',
          roleLabel: roleLabel || '',
          role: role === 'chair' || role === 'family' ? role : 'professional',
          joinedAt: now,
        });
    };
    const attendance = doc.getMap<unknown>('attendance');
    attendance.forEach((v) => {
      const a = v as { id?: unknown; name?: unknown; roleLabel?: unknown; role?: unknown };
      if (typeof a?.id === 'string' && /^[A-Za-z0-9_-]{6,64}$/.test(a.id))
        addPerson(a.id, String(a.name ?? ''), String(a.roleLabel ?? ''), a.role);
    });
    for (const key of [...attendance.keys()]) attendance.delete(key);

    const str = (m: Y.Map<unknown>, key: string): string => (typeof m.get(key) === 'string' ? (m.get(key) as string) : '');
    const num = (m: Y.Map<unknown>, key: string): number => (typeof m.get(key) === 'number' ? (m.get(key) as number) : 0);
    let legacyUsed = false;
    const provenance = (m: Y.Map<unknown>, authorId: string): void => {
      const id = /^[A-Za-z0-9_-]{6,64}$/.test(authorId) ? authorId : LEGACY_AUTHOR;
      if (id === LEGACY_AUTHOR) legacyUsed = true;
      const added = num(m, 'createdAt');
      m.set('addedBy', id);
      m.set('addedAt', added);
      m.set('changedBy', id);
      m.set('changedAt', num(m, 'updatedAt') || added);
      if (m.get('removed') !== true) m.set('removed', false);
      m.delete('createdAt');
      m.delete('updatedAt');
    };

    boardRoot<Y.Map<unknown>>(doc, 'cards').forEach((m) => {
      if (!(m instanceof Y.Map)) return;
      const authorId = str(m, 'authorId');
      addPerson(authorId, str(m, 'authorName'), str(m, 'authorRoleLabel'), m.get('authorRole'));
      provenance(m, authorId);
      for (const key of ['id', 'authorId', 'authorName', 'authorRoleLabel', 'authorRole', 'status']) m.delete(key);
      if (!Array.isArray(m.get('children'))) m.set('children', []);
      m.set('proposedText', '');
      m.set('proposedBy', '');
      m.set('proposedAt', 0);
    });
    boardRoot<Y.Map<unknown>>(doc, 'network').forEach((m) => {
      if (!(m instanceof Y.Map)) return;
      const willDo = m.get('willDo');
      const text = new Y.Text();
      m.set('willDo', text);
      if (typeof willDo === 'string' && willDo) text.insert(0, willDo.slice(0, 500));
      provenance(m, '');
    });
    // Version 1 deleted people from the network outright; nothing to do for them.
    for (const root of ['dangerPairs', 'actions'] as const) {
      boardRoot<Y.Map<unknown>>(doc, root).forEach((m) => {
        if (m instanceof Y.Map) provenance(m, '');
      });
    }
    const addEnteredBy = (root: 'scores' | 'recommendations'): void => {
      const map = boardRoot(doc, root);
      map.forEach((v, key) => {
        if (v && typeof v === 'object' && !('enteredBy' in (v as object))) map.set(key, { ...(v as object), enteredBy: null });
      });
    };
    addEnteredBy('scores');
    addEnteredBy('recommendations');
    if (legacyUsed) addPerson(LEGACY_AUTHOR, 'Unknown', 'written before version 2', 'professional');
  },
  /** Version 2 → 3: the directory says who the lead social worker is (nobody, in older conferences). */
  2: (doc) => {
    const participants = boardRoot(doc, 'participants');
    participants.forEach((v, id) => {
      if (v && typeof v === 'object' && !('lead' in (v as object))) participants.set(id, { ...(v as object), lead: false });
    });
  },
};

/** Brings a board document to the current layout; returns whether it changed anything. */
export function migrateBoardDoc(doc: Y.Doc, now: number = Date.now()): boolean {
  let version = schemaVersionOf(doc);
  if (version >= SCHEMA_VERSION) return false;
  doc.transact(() => {
    for (; version < SCHEMA_VERSION; version++) {
      const migration = MIGRATIONS[version];
      if (!migration) throw new Error(`no migration from document version ${version}`);
      migration(doc, now);
    }
    boardRoot(doc, 'meta').set('schemaVersion', SCHEMA_VERSION);
  });
  return true;
}

/** Adds the nested maps a chair document made by an older version lacks; returns whether it changed anything. */
export function migrateChairDoc(doc: Y.Doc): boolean {
  const missing = missingChairMaps(doc);
  if (missing.length === 0) return false;
  doc.transact(() => {
    for (const key of missing) chairRoot(doc).set(key, new Y.Map<unknown>());
  });
  return true;
}
