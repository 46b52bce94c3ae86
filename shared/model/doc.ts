import * as Y from 'yjs';

/**
 * The Y.Doc layout of a conference's main document. This file is the only place that names the
 * shared types; everything else reaches the document through the typed functions of this folder.
 *
 *   meta   : Y.Map   schemaVersion (number), createdAt (number, ms)
 *   details: Y.Map   the conference details the chair gave at creation (see details.ts)
 *   cards  : Y.Map   card id -> Y.Map of the card's fields (see cards.ts)
 *
 * Chair-only state lives in a second document (see chair.ts).
 */
export const SCHEMA_VERSION = 1;

export type CardFields = {
  id: string;
  column: string;
  rank: string;
  text: string;
  authorId: string;
  authorName: string;
  authorRoleLabel: string;
  authorRole: string;
  createdAt: number;
  updatedAt: number;
  status: string;
  removed: boolean;
  children: number[];
};

export type CardMap = Y.Map<CardFields[keyof CardFields]>;

export function cardsMap(doc: Y.Doc): Y.Map<CardMap> {
  return doc.getMap<CardMap>('cards');
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('meta');
}

/**
 * Writes the initial structure of a new conference. Only the server calls this, once, when the
 * conference is created: a client never seeds content before it has synced (two would duplicate it).
 */
export function initConferenceDoc(doc: Y.Doc, createdAt: number): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('createdAt', createdAt);
  });
}

export function isInitialised(doc: Y.Doc): boolean {
  return metaMap(doc).get('schemaVersion') !== undefined;
}
