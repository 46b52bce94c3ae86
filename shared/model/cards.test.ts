import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  allCards,
  columnCards,
  editCardText,
  initConferenceDoc,
  moveCard,
  readBoard,
  removeCard,
  restoreCard,
  shiftCard,
  ValidationError,
  type Author,
  type ColumnId,
} from './index.js';

const chair: Author = { id: 'chair-1', name: 'Ruth', roleLabel: 'Chair', role: 'chair' };
const school: Author = { id: 'school-1', name: 'Mr Patel', roleLabel: 'School', role: 'professional' };

function newDoc(): Y.Doc {
  const doc = new Y.Doc();
  initConferenceDoc(doc, 1);
  return doc;
}

/** A second replica that starts from the same state as `doc`. */
function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Exchanges every missing update both ways, as the relay would. */
function merge(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const texts = (doc: Y.Doc, column: ColumnId): string[] => columnCards(doc, column).map((c) => c.text);

describe('cards', () => {
  it('adds cards to the end of a column, or before a given card', () => {
    const doc = newDoc();
    const a = addCard(doc, { column: 'danger', text: 'First', author: chair });
    addCard(doc, { column: 'danger', text: 'Second', author: school });
    addCard(doc, { column: 'danger', text: 'Before first', author: school, beforeId: a.id });
    expect(texts(doc, 'danger')).toEqual(['Before first', 'First', 'Second']);
    // Without the server's directory of participants, the author shows by id only.
    expect(columnCards(doc, 'danger')[1]).toMatchObject({ author: { id: chair.id }, removed: false, proposal: null });
  });

  it('edits, moves, reorders, removes softly and restores', () => {
    const doc = newDoc();
    const a = addCard(doc, { column: 'strengths', text: 'Mum walks them to school', author: chair });
    const b = addCard(doc, { column: 'strengths', text: 'Gran visits weekly', author: chair });
    editCardText(doc, a.id, '  Mum walks them to school every day ', chair);
    expect(texts(doc, 'strengths')).toEqual(['Mum walks them to school every day', 'Gran visits weekly']);
    shiftCard(doc, b.id, -1, chair);
    expect(texts(doc, 'strengths')).toEqual(['Gran visits weekly', 'Mum walks them to school every day']);
    shiftCard(doc, b.id, 1, chair);
    expect(texts(doc, 'strengths')).toEqual(['Mum walks them to school every day', 'Gran visits weekly']);
    moveCard(doc, b.id, 'safety', null, chair);
    expect(texts(doc, 'safety')).toEqual(['Gran visits weekly']);
    expect(texts(doc, 'strengths')).toEqual(['Mum walks them to school every day']);
    removeCard(doc, a.id, chair);
    expect(readBoard(doc).strengths).toHaveLength(0);
    expect(allCards(doc).find((c) => c.id === a.id)?.removed).toBe(true);
    restoreCard(doc, a.id, chair);
    expect(texts(doc, 'strengths')).toEqual(['Mum walks them to school every day']);
  });

  it('converges when two people move the same card to different columns at once', () => {
    const doc1 = newDoc();
    const card = addCard(doc1, { column: 'grey', text: 'Who was at the house?', author: school });
    addCard(doc1, { column: 'danger', text: 'Existing danger item', author: school });
    const doc2 = replicaOf(doc1);
    moveCard(doc1, card.id, 'danger', null, school);
    moveCard(doc2, card.id, 'safety', null, chair);
    merge(doc1, doc2);
    const all1 = allCards(doc1).filter((c) => c.id === card.id);
    expect(all1).toHaveLength(1);
    expect(allCards(doc1)).toHaveLength(2);
    expect(readBoard(doc1)).toEqual(readBoard(doc2));
    const where = all1[0]?.column;
    expect(['danger', 'safety']).toContain(where);
    const elsewhere = (['danger', 'safety', 'grey'] as const).filter((c) => c !== where);
    for (const col of elsewhere) expect(columnCards(doc1, col).some((c) => c.id === card.id)).toBe(false);
  });

  it('converges when two people insert at the same place; a later insert there lands just after both', () => {
    const doc1 = newDoc();
    const first = addCard(doc1, { column: 'danger', text: 'A', author: chair });
    const last = addCard(doc1, { column: 'danger', text: 'Z', author: chair });
    const doc2 = replicaOf(doc1);
    addCard(doc1, { column: 'danger', text: 'from one', author: chair, beforeId: last.id });
    addCard(doc2, { column: 'danger', text: 'from two', author: school, beforeId: last.id });
    merge(doc1, doc2);
    expect(texts(doc1, 'danger')).toEqual(texts(doc2, 'danger'));
    const middle = texts(doc1, 'danger').slice(1, 3);
    expect(middle.sort()).toEqual(['from one', 'from two']);
    // Both new cards share a rank. Nobody may renumber other people's items, so an insert between
    // them goes just after both, and before the next item.
    const second = columnCards(doc1, 'danger')[2];
    const ranksBefore = allCards(doc1).map((c) => [c.id, c.rank]);
    addCard(doc1, { column: 'danger', text: 'between', author: chair, beforeId: second?.id ?? null });
    const order = texts(doc1, 'danger');
    expect(order[0]).toBe('A');
    expect(order[3]).toBe('between');
    expect(order[4]).toBe('Z');
    expect(order).toHaveLength(5);
    for (const [id, rank] of ranksBefore) expect(allCards(doc1).find((c) => c.id === id)?.rank).toBe(rank);
    expect(first.id).toBeTruthy();
  });

  it('converges when one person edits a card while another removes it', () => {
    const doc1 = newDoc();
    const card = addCard(doc1, { column: 'complicating', text: 'Dad works nights', author: school });
    const doc2 = replicaOf(doc1);
    editCardText(doc1, card.id, 'Dad works nights, so mornings are hard', school);
    removeCard(doc2, card.id, chair);
    merge(doc1, doc2);
    expect(allCards(doc1)).toEqual(allCards(doc2));
    const merged = allCards(doc1)[0];
    expect(merged?.removed).toBe(true);
    expect(merged?.text).toBe('Dad works nights, so mornings are hard');
    restoreCard(doc1, card.id, chair);
    expect(texts(doc1, 'complicating')).toEqual(['Dad works nights, so mornings are hard']);
  });

  it('converges under many random concurrent operations from three replicas', () => {
    const base = newDoc();
    for (let i = 0; i < 6; i++) addCard(base, { column: 'danger', text: `card ${i}`, author: chair });
    const replicas = [replicaOf(base), replicaOf(base), replicaOf(base)];
    const columns: ColumnId[] = ['danger', 'safety', 'strengths', 'complicating', 'grey'];
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 20; round++) {
      for (const doc of replicas) {
        const cards = allCards(doc).filter((c) => !c.removed);
        const card = cards[rnd(cards.length)];
        if (!card) continue;
        const op = rnd(4);
        if (op === 0) moveCard(doc, card.id, columns[rnd(5)] as ColumnId, null, chair);
        else if (op === 1) editCardText(doc, card.id, `edited ${round}`, chair);
        else if (op === 2) addCard(doc, { column: columns[rnd(5)] as ColumnId, text: `new ${round}`, author: school, beforeId: card.id });
        else shiftCard(doc, card.id, 1, chair);
      }
      if (round % 3 === 0) merge(replicas[0] as Y.Doc, replicas[1] as Y.Doc);
    }
    const [a, b, c] = replicas as [Y.Doc, Y.Doc, Y.Doc];
    merge(a, b);
    merge(b, c);
    merge(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(b)).toEqual(readBoard(c));
    const ids = allCards(a).map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('validation', () => {
  it('refuses empty, too long and badly placed items with a message for the person', () => {
    const doc = newDoc();
    expect(() => addCard(doc, { column: 'danger', text: '   ', author: chair })).toThrow(/empty/);
    expect(() => addCard(doc, { column: 'danger', text: 'x'.repeat(2001), author: chair })).toThrow(/2001 characters.*2000/);
    expect(() => addCard(doc, { column: 'worries' as ColumnId, text: 'ok', author: chair })).toThrow(ValidationError);
    expect(() => addCard(doc, { column: 'worries' as ColumnId, text: 'ok', author: chair })).toThrow(/not a heading/);
    expect(() => addCard(doc, { column: 'danger', text: 'ok', author: { ...chair, id: 'x' } })).toThrow(/participant id/);
    expect(() => editCardText(doc, 'missing-card', 'text', chair)).toThrow(/no longer on the board/);
    expect(allCards(doc)).toHaveLength(0);
  });

  it('ignores malformed entries that a bad client wrote into the document', () => {
    const doc = newDoc();
    addCard(doc, { column: 'danger', text: 'real', author: chair });
    const raw = doc.getMap('cards');
    raw.set('bogus', 'not a map' as never);
    const wrong = new Y.Map<unknown>();
    raw.set('wrong', wrong as never);
    wrong.set('column', 'nowhere');
    expect(texts(doc, 'danger')).toEqual(['real']);
  });
});
