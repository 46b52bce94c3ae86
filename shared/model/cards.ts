import * as Y from 'yjs';
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { COLUMN_IDS, isColumnId, type ColumnId } from './columns.js';
import { cardsMap, type CardFields, type CardMap } from './doc.js';
import { randomId } from './ids.js';
import type { Author, Board, Card, CardStatus } from './types.js';
import { checkColumn, cleanAuthor, cleanCardText, isAccessRole, ValidationError } from './validation.js';

export interface NewCard {
  column: ColumnId;
  text: string;
  author: Author;
  /** Put the new card just before this card (in the same column); at the end when absent. */
  beforeId?: string | null;
}

function setFields(map: CardMap, fields: Partial<CardFields>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) map.set(key, value as CardFields[keyof CardFields]);
  }
}

/** Reads one card out of the document; a malformed entry (a bad client wrote it) reads as null. */
function readCard(id: string, map: unknown): Card | null {
  if (!(map instanceof Y.Map)) return null;
  const column = map.get('column');
  const rank = map.get('rank');
  const text = map.get('text');
  const role = map.get('authorRole');
  if (!isColumnId(column) || typeof rank !== 'string' || typeof text !== 'string') return null;
  const str = (key: string): string => {
    const v = map.get(key);
    return typeof v === 'string' ? v : '';
  };
  const num = (key: string): number => {
    const v = map.get(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  const status: CardStatus = map.get('status') === 'confirmed' ? 'confirmed' : 'proposed';
  return {
    id,
    column,
    rank,
    text,
    author: {
      id: str('authorId'),
      name: str('authorName'),
      roleLabel: str('authorRoleLabel'),
      role: isAccessRole(role) ? role : 'professional',
    },
    createdAt: num('createdAt'),
    updatedAt: num('updatedAt'),
    status,
    removed: map.get('removed') === true,
    children: Array.isArray(map.get('children'))
      ? (map.get('children') as unknown[]).filter((c): c is number => typeof c === 'number')
      : [],
  };
}

function compareCards(a: Card, b: Card): number {
  if (a.rank < b.rank) return -1;
  if (a.rank > b.rank) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every card, including removed ones, in board order. */
export function allCards(doc: Y.Doc): Card[] {
  const cards: Card[] = [];
  cardsMap(doc).forEach((map, id) => {
    const card = readCard(id, map);
    if (card) cards.push(card);
  });
  return cards.sort(compareCards);
}

export function getCard(doc: Y.Doc, id: string): Card | null {
  return readCard(id, cardsMap(doc).get(id));
}

/** The live cards of one column, in order. */
export function columnCards(doc: Y.Doc, column: ColumnId): Card[] {
  return allCards(doc).filter((c) => c.column === column && !c.removed);
}

/** The board as the screens show it: the live cards of each column, in order. */
export function readBoard(doc: Y.Doc): Board {
  const board = Object.fromEntries(COLUMN_IDS.map((c) => [c, [] as Card[]])) as Record<ColumnId, Card[]>;
  for (const card of allCards(doc)) {
    if (!card.removed) board[card.column].push(card);
  }
  return board;
}

function requireCard(doc: Y.Doc, id: string): CardMap {
  const map = cardsMap(doc).get(id);
  if (!(map instanceof Y.Map) || !readCard(id, map)) {
    throw new ValidationError('card', 'That item is no longer on the board.');
  }
  return map;
}

/**
 * A rank that places a card before `beforeId` in `column` (at the end when null), ignoring the
 * card being moved. When two cards share a rank (two people inserted at the same place at the same
 * moment), the column is renumbered first, so the new rank always lands exactly where asked.
 */
function rankFor(doc: Y.Doc, column: ColumnId, beforeId: string | null | undefined, movingId: string | null): string {
  let siblings = allCards(doc).filter((c) => c.column === column && c.id !== movingId);
  // A `beforeId` that is no longer in the column (someone moved it a moment ago) means the end.
  let index = beforeId ? siblings.findIndex((c) => c.id === beforeId) : -1;
  if (index === -1) index = siblings.length;
  const lower = siblings[index - 1]?.rank ?? null;
  const upper = siblings[index]?.rank ?? null;
  if (lower !== null && upper !== null && lower >= upper) {
    const ranks = generateNKeysBetween(null, null, siblings.length);
    siblings.forEach((card, i) => {
      const map = cardsMap(doc).get(card.id);
      if (map) map.set('rank', ranks[i] as string);
    });
    siblings = siblings.map((card, i) => ({ ...card, rank: ranks[i] as string }));
    return generateKeyBetween(siblings[index - 1]?.rank ?? null, siblings[index]?.rank ?? null);
  }
  return generateKeyBetween(lower, upper);
}

export function addCard(doc: Y.Doc, input: NewCard, now: number = Date.now()): Card {
  const column = checkColumn(input.column);
  const text = cleanCardText(input.text);
  const author = cleanAuthor(input.author);
  const id = randomId(12);
  doc.transact(() => {
    const rank = rankFor(doc, column, input.beforeId, null);
    const map: CardMap = new Y.Map();
    cardsMap(doc).set(id, map);
    setFields(map, {
      id,
      column,
      rank,
      text,
      authorId: author.id,
      authorName: author.name,
      authorRoleLabel: author.roleLabel,
      authorRole: author.role,
      createdAt: now,
      updatedAt: now,
      status: 'proposed',
      removed: false,
    });
  });
  const card = getCard(doc, id);
  if (!card) throw new Error('card vanished while being added');
  return card;
}

export function editCardText(doc: Y.Doc, id: string, text: string, now: number = Date.now()): void {
  const clean = cleanCardText(text);
  const map = requireCard(doc, id);
  if (map.get('text') === clean) return;
  doc.transact(() => setFields(map, { text: clean, updatedAt: now }));
}

/** Moves a card to `column`, just before `beforeId` (at the end when null). Also reorders within a column. */
export function moveCard(doc: Y.Doc, id: string, column: ColumnId, beforeId: string | null = null, now: number = Date.now()): void {
  const target = checkColumn(column);
  const map = requireCard(doc, id);
  if (beforeId === id) return;
  doc.transact(() => {
    const rank = rankFor(doc, target, beforeId, id);
    setFields(map, { column: target, rank, updatedAt: now });
  });
}

/** Moves a card one place up (-1) or down (+1) within its column: the button alternative to dragging. */
export function shiftCard(doc: Y.Doc, id: string, direction: -1 | 1, now: number = Date.now()): void {
  const card = getCard(doc, id);
  if (!card) throw new ValidationError('card', 'That item is no longer on the board.');
  const cards = columnCards(doc, card.column);
  const index = cards.findIndex((c) => c.id === id);
  if (direction === -1) {
    if (index <= 0) return;
    moveCard(doc, id, card.column, cards[index - 1]?.id ?? null, now);
  } else {
    if (index === -1 || index >= cards.length - 1) return;
    moveCard(doc, id, card.column, cards[index + 2]?.id ?? null, now);
  }
}

/** Takes a card off the board. Nothing is deleted: the card is marked removed and can be restored. */
export function removeCard(doc: Y.Doc, id: string, now: number = Date.now()): void {
  const map = requireCard(doc, id);
  doc.transact(() => setFields(map, { removed: true, updatedAt: now }));
}

export function restoreCard(doc: Y.Doc, id: string, now: number = Date.now()): void {
  const map = requireCard(doc, id);
  doc.transact(() => setFields(map, { removed: false, updatedAt: now }));
}
