import type { ColumnId } from './columns.js';

/** What a connection may do, decided by the token it presents. */
export type AccessRole = 'chair' | 'professional' | 'family';

export const ACCESS_ROLES: readonly AccessRole[] = ['chair', 'professional', 'family'];

/** Who wrote something: kept on each card so the record says who said what. */
export interface Author {
  /** A random id for this participant in this conference (not a person identifier). */
  id: string;
  /** The name the person gave when joining. */
  name: string;
  /** What the person is here as, e.g. "School", "Health visitor", "Mum". */
  roleLabel: string;
  /** Access role of the connection that wrote it. */
  role: AccessRole;
}

/** An item on the board: a read-only value taken from the document. */
export interface Card {
  id: string;
  column: ColumnId;
  /** Fractional index: cards in a column sort by rank, then by id. */
  rank: string;
  text: string;
  /** Who added it, as the server's directory of participants names them. */
  author: Author;
  addedAt: number;
  changedAt: number;
  /** The participant who changed it last (the author, or the chair). */
  changedBy: string;
  removed: boolean;
  /** Which children the item is about, by their index in the conference details (empty: all). */
  children: number[];
  /** Where an item prepared before the meeting came from ("from the school's report"); '' when not said. */
  source: string;
  /** A change the author asked for after the chair confirmed the item, waiting for the chair. */
  proposal: { text: string; by: string; at: number } | null;
}

export type Board = Readonly<Record<ColumnId, readonly Card[]>>;
