import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { COLUMN_IDS, isColumnId, type ColumnId } from './columns.js';
import { randomId } from './ids.js';
import { authorOf, readParticipants, type Participant } from './people.js';
import { changeRecord, createRecord, readNumbers, readProvenance, readString, requireRecord, type RecordMap } from './records.js';
import { boardRoot } from './schema.js';
import type { Author, Board, Card } from './types.js';
import { checkColumn, cleanCardText, cleanChildren, cleanText, LIMITS, ValidationError } from './validation.js';

/**
 * The items on the board, in the `cards` root: one Y.Map per item, keyed by id, with `column` and
 * a fractional `rank` (so two people moving the same item at once end with one item in one place).
 * Removal is soft: an item taken off stays in the document and can be put back.
 */
export interface NewCard {
  column: ColumnId;
  text: string;
  author: Author;
  /** Where an item prepared before the meeting came from ("from the school's report"). */
  source?: string;
  /** Put the new card just before this card (in the same column); at the end when absent. */
  beforeId?: string | null;
}

const GONE = 'item-gone';

export function cardsRoot(doc: Y.Doc): Y.Map<unknown> {
  return boardRoot(doc, 'cards');
}

/** Reads one card out of the document; a malformed entry reads as null. */
function readCard(id: string, map: unknown, people: ReadonlyMap<string, Participant>): Card | null {
  if (!(map instanceof Y.Map)) return null;
  const column = map.get('column');
  const rank = map.get('rank');
  const text = map.get('text');
  if (!isColumnId(column) || typeof rank !== 'string' || typeof text !== 'string') return null;
  const p = readProvenance(map);
  const proposedText = readString(map, 'proposedText');
  return {
    id,
    column,
    rank,
    text,
    author: authorOf(people, p.addedBy),
    addedAt: p.addedAt,
    changedAt: p.changedAt,
    changedBy: p.changedBy,
    removed: p.removed,
    children: readNumbers(map, 'children'),
    source: readString(map, 'source'),
    proposal: proposedText ? { text: proposedText, by: readString(map, 'proposedBy'), at: typeof map.get('proposedAt') === 'number' ? (map.get('proposedAt') as number) : 0 } : null,
  };
}

function compareCards(a: Card, b: Card): number {
  if (a.rank < b.rank) return -1;
  if (a.rank > b.rank) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every card, including removed ones, in board order. */
export function allCards(doc: Y.Doc): Card[] {
  const people = readParticipants(doc);
  const cards: Card[] = [];
  cardsRoot(doc).forEach((map, id) => {
    const card = readCard(id, map, people);
    if (card) cards.push(card);
  });
  return cards.sort(compareCards);
}

export function getCard(doc: Y.Doc, id: string): Card | null {
  return readCard(id, cardsRoot(doc).get(id), readParticipants(doc));
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

function requireCard(doc: Y.Doc, id: string): RecordMap {
  const map = requireRecord(cardsRoot(doc), id, GONE);
  if (!readCard(id, map, new Map())) throw new ValidationError('card', GONE);
  return map;
}

/**
 * A rank that places a card before `beforeId` in `column` (at the end when null), ignoring the
 * card being moved. It never renumbers other cards (people may change only their own items): when
 * two cards share a rank (two people inserted at the same place at once), the card goes just after
 * them instead.
 */
function rankFor(doc: Y.Doc, column: ColumnId, beforeId: string | null | undefined, movingId: string | null): string {
  const siblings = allCards(doc).filter((c) => c.column === column && c.id !== movingId);
  // A `beforeId` that is no longer in the column (someone moved it a moment ago) means the end.
  let index = beforeId ? siblings.findIndex((c) => c.id === beforeId) : -1;
  if (index === -1) index = siblings.length;
  const lower = siblings[index - 1]?.rank ?? null;
  let upper = siblings[index]?.rank ?? null;
  if (lower !== null && upper !== null && lower >= upper) upper = siblings.find((c) => c.rank > lower)?.rank ?? null;
  return generateKeyBetween(lower, upper);
}

export function addCard(doc: Y.Doc, input: NewCard, now: number = Date.now()): Card {
  const column = checkColumn(input.column);
  const text = cleanCardText(input.text);
  const source = cleanText('source', 'where it came from', input.source ?? '', LIMITS.source, false);
  const id = randomId(12);
  doc.transact(() => {
    const rank = rankFor(doc, column, input.beforeId, null);
    const fields = { column, rank, text, children: [], proposedText: '', proposedBy: '', proposedAt: 0, ...(source ? { source } : {}) };
    createRecord(cardsRoot(doc), id, fields, input.author, now);
  });
  const card = getCard(doc, id);
  if (!card) throw new Error('card vanished while being added');
  return card;
}

export function editCardText(doc: Y.Doc, id: string, text: string, by: Author, now: number = Date.now()): void {
  const clean = cleanCardText(text);
  const map = requireCard(doc, id);
  doc.transact(() => changeRecord(map, { text: clean }, by, now));
}

/** Moves a card to `column`, just before `beforeId` (at the end when null). Also reorders within a column. */
export function moveCard(doc: Y.Doc, id: string, column: ColumnId, beforeId: string | null, by: Author, now: number = Date.now()): void {
  const target = checkColumn(column);
  const map = requireCard(doc, id);
  if (beforeId === id) return;
  doc.transact(() => changeRecord(map, { column: target, rank: rankFor(doc, target, beforeId, id) }, by, now));
}

/** Moves a card one place up (-1) or down (+1) within its column: the button alternative to dragging. */
export function shiftCard(doc: Y.Doc, id: string, direction: -1 | 1, by: Author, now: number = Date.now()): void {
  const card = getCard(doc, id);
  if (!card) throw new ValidationError('card', GONE);
  const cards = columnCards(doc, card.column);
  const index = cards.findIndex((c) => c.id === id);
  if (direction === -1) {
    if (index <= 0) return;
    moveCard(doc, id, card.column, cards[index - 1]?.id ?? null, by, now);
  } else {
    if (index === -1 || index >= cards.length - 1) return;
    moveCard(doc, id, card.column, cards[index + 2]?.id ?? null, by, now);
  }
}

/** Takes a card off the board. Nothing is deleted: the card is marked removed and can be restored. */
export function removeCard(doc: Y.Doc, id: string, by: Author, now: number = Date.now()): void {
  const map = requireCard(doc, id);
  doc.transact(() => changeRecord(map, { removed: true }, by, now));
}

export function restoreCard(doc: Y.Doc, id: string, by: Author, now: number = Date.now()): void {
  const map = requireCard(doc, id);
  doc.transact(() => changeRecord(map, { removed: false }, by, now));
}

/** Which children an item is about, by their index in the conference details (none: all of them). */
export function setCardChildren(doc: Y.Doc, id: string, children: number[], by: Author, now: number = Date.now()): void {
  const map = requireCard(doc, id);
  doc.transact(() => changeRecord(map, { children: cleanChildren(children) }, by, now));
}

/**
 * The author of a confirmed item asks for it to say something else: the chair accepts (the text
 * changes, marked as changed by the chair) or declines. Until then the record says what was confirmed.
 */
export function proposeCardChange(doc: Y.Doc, id: string, text: string, by: Author, now: number = Date.now()): void {
  const clean = cleanCardText(text);
  const map = requireCard(doc, id);
  doc.transact(() => {
    map.set('proposedText', clean);
    map.set('proposedBy', by.id);
    map.set('proposedAt', now);
  });
}

/** The chair accepts the proposed change (the item takes its words) or declines it. */
export function settleCardProposal(doc: Y.Doc, id: string, accept: boolean, chair: Author, now: number = Date.now()): void {
  const map = requireCard(doc, id);
  const proposed = readString(map, 'proposedText');
  if (!proposed) throw new ValidationError('card', 'no-proposal');
  doc.transact(() => {
    if (accept) changeRecord(map, { text: proposed }, chair, now);
    map.set('proposedText', '');
    map.set('proposedBy', '');
    map.set('proposedAt', 0);
  });
}
