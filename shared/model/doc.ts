import type * as Y from 'yjs';
import { boardRoot, SCHEMA_VERSION } from './schema.js';

/**
 * Writes the initial structure of a new conference. Only the server calls this, once, when the
 * conference is created: a client never seeds content before it has synced (two would duplicate it).
 */
export function initConferenceDoc(doc: Y.Doc, createdAt: number): void {
  doc.transact(() => {
    const meta = boardRoot(doc, 'meta');
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('createdAt', createdAt);
  });
}

export function isInitialised(doc: Y.Doc): boolean {
  return boardRoot(doc, 'meta').get('schemaVersion') !== undefined;
}

/** The layout version a stored document was written with (1 for documents from before versions were read). */
export function schemaVersionOf(doc: Y.Doc): number {
  const v = boardRoot(doc, 'meta').get('schemaVersion');
  return typeof v === 'number' && Number.isInteger(v) ? v : 1;
}
