import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAction,
  addCard,
  addDangerPair,
  addNetworkPerson,
  addSafetyPlanEntry,
  addView,
  allCards,
  initChairDoc,
  readActions,
  readChairState,
  readDangerPairs,
  readNetwork,
  readProvenance,
  readSafetyPlan,
  readViews,
  removeContributions,
  restoreCard,
  setAgreed,
  setConfirmed,
  type Author,
} from './index.js';

const chair: Author = { id: 'chair-0001', name: 'Ruth', roleLabel: 'Chair', role: 'chair' };
const pro: Author = { id: 'school-0001', name: 'Mr Patel', roleLabel: 'School', role: 'professional' };
const mum: Author = { id: 'family-0001', name: 'Magdalena', roleLabel: 'Mum', role: 'family' };

describe('the chair removes one person’s contributions', () => {
  it('takes off what they added and the chair has not settled, as the chair, and leaves everything else', () => {
    const doc = new Y.Doc();
    const chairDoc = new Y.Doc();
    initChairDoc(chairDoc);
    const confirmed = addCard(doc, { column: 'danger', text: 'Confirmed one', author: pro }).id;
    const draft = addCard(doc, { column: 'danger', text: 'Draft one', author: pro }).id;
    const mums = addCard(doc, { column: 'strengths', text: 'Mum’s own', author: mum }).id;
    const agreedPair = addDangerPair(doc, { danger: 'Agreed danger', goal: 'Agreed goal' }, pro);
    const draftPair = addDangerPair(doc, { danger: 'Draft danger', goal: 'Draft goal' }, pro);
    addAction(doc, { what: 'Walk to school', who: '', byWhen: '', measure: '', pairId: null, children: [] }, pro);
    addNetworkPerson(doc, { name: 'Halina', relationship: 'Gran', inSafetyNetwork: true }, pro);
    addSafetyPlanEntry(doc, { section: 'worries', text: 'Evenings' }, pro);
    addView(doc, { target: `cards/${mums}`, text: 'Not quite' }, pro);
    setConfirmed(chairDoc, confirmed, true);
    setAgreed(chairDoc, `dangerPairs/${agreedPair}`, true);

    expect(removeContributions(doc, readChairState(chairDoc), pro.id, chair)).toBe(6);

    const live = (): string[] => allCards(doc).flatMap((c) => (c.removed ? [] : [c.text]));
    expect(live().sort()).toEqual(['Confirmed one', 'Mum’s own']);
    expect(readDangerPairs(doc).map((p) => p.danger)).toEqual(['Agreed danger']);
    expect(readActions(doc)).toEqual([]);
    expect(readNetwork(doc)).toEqual([]);
    expect(readSafetyPlan(doc)).toEqual([]);
    expect(readViews(doc)).toEqual({});
    // Taken off by the chair, as by hand: marked removed, changed by the chair, and can be put back.
    const map = doc.getMap<Y.Map<unknown>>('cards').get(draft) as Y.Map<unknown>;
    expect(readProvenance(map)).toMatchObject({ addedBy: pro.id, changedBy: chair.id, removed: true });
    expect(doc.getMap<Y.Map<unknown>>('dangerPairs').get(draftPair)?.get('removed')).toBe(true);
    restoreCard(doc, draft, chair);
    expect(live()).toContain('Draft one');
    // Nothing left of theirs to take off.
    expect(removeContributions(doc, readChairState(chairDoc), mum.id, chair)).toBe(1);
    expect(removeContributions(doc, readChairState(chairDoc), mum.id, chair)).toBe(0);
  });
});
