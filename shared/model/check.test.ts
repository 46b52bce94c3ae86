import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAction,
  addCard,
  addDangerPair,
  addNetworkPerson,
  BOARD_SCHEMA,
  CHAIR_SCHEMA,
  checkUpdate,
  editAction,
  editCardText,
  enterScoreFor,
  initChairDoc,
  initConferenceDoc,
  migrateBoardDoc,
  moveCard,
  proposeCardChange,
  readChairState,
  readParticipants,
  recordDecision,
  recordParticipant,
  removeCard,
  removeDangerPair,
  setAgreed,
  setConfirmed,
  setContingency,
  setOpenScore,
  setRecommendation,
  setStage,
  settleCardProposal,
  setWillDo,
  updateNetworkPerson,
  updateSettings,
  writeConferenceDetails,
  addView,
  addSafetyPlanEntry,
  editSafetyPlanEntry,
  removeSafetyPlanEntry,
  readSafetyPlan,
  carryForward,
  conferenceSnapshot,
  editView,
  markPreparing,
  readActions,
  readContingency,
  readDangerPairs,
  readNetwork,
  readViews,
  setActionProgress,
  SCHEMA_VERSION,
  type Author,
  type CheckResult,
  type DocumentSchema,
} from './index.js';

const chair: Author = { id: 'chair-0001', name: 'Ruth', roleLabel: 'Chair', role: 'chair' };
const pro: Author = { id: 'school-0001', name: 'Mr Patel', roleLabel: 'School', role: 'professional' };
const mum: Author = { id: 'family-0001', name: 'Magdalena', roleLabel: 'Mum', role: 'family' };

/** The server's two documents, and a way to write to them from a client as a given person. */
function conference(): {
  board: Y.Doc;
  chairDoc: Y.Doc;
  /** Makes a change on a replica of the board as `who`, checks it as the server would, and applies it when accepted. */
  write: (who: Author, change: (doc: Y.Doc) => void, target?: 'board' | 'chair') => CheckResult;
  /** Checks a hand-made update from `who`. */
  send: (who: Author, update: Uint8Array, target?: 'board' | 'chair') => CheckResult;
} {
  const board = new Y.Doc();
  initConferenceDoc(board, Date.now());
  writeConferenceDetails(board, { kind: 'initial', date: '2026-11-23', caseReference: 'CP-1', chairName: 'Ruth', children: [{ name: 'Zoë', age: 7 }] });
  for (const p of [chair, pro, mum]) recordParticipant(board, p);
  const chairDoc = new Y.Doc();
  initChairDoc(chairDoc);
  const send = (who: Author, update: Uint8Array, target: 'board' | 'chair' = 'board'): CheckResult => {
    const doc = target === 'board' ? board : chairDoc;
    const schema: DocumentSchema = target === 'board' ? BOARD_SCHEMA : CHAIR_SCHEMA;
    const result = checkUpdate(schema, doc, update, {
      sender: { id: who.id, role: who.role },
      now: Date.now(),
      chair: readChairState(chairDoc),
      doc,
      participants: readParticipants(board),
    });
    if (result.ok) Y.applyUpdate(doc, update);
    return result;
  };
  const write = (who: Author, change: (doc: Y.Doc) => void, target: 'board' | 'chair' = 'board'): CheckResult => {
    const source = target === 'board' ? board : chairDoc;
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(source));
    const before = Y.encodeStateVector(replica);
    change(replica);
    return send(who, Y.encodeStateAsUpdate(replica, before), target);
  };
  return { board, chairDoc, write, send };
}

const refusal = (r: CheckResult): string | null => (r.ok ? null : `${r.refusal.code} ${r.refusal.where.split('/')[0]?.split('.')[0]}`);
const cardIds = (doc: Y.Doc): string[] => [...doc.getMap('cards').keys()];

describe('updates the server accepts', () => {
  it('everything each person may do through the model', () => {
    const c = conference();
    let cardId = '';
    expect(refusal(c.write(pro, (d) => (cardId = addCard(d, { column: 'danger', text: 'Late twice', author: pro }).id)))).toBeNull();
    expect(refusal(c.write(pro, (d) => editCardText(d, cardId, 'Late three times', pro)))).toBeNull();
    expect(refusal(c.write(pro, (d) => moveCard(d, cardId, 'grey', null, pro)))).toBeNull();
    expect(refusal(c.write(chair, (d) => editCardText(d, cardId, 'Late three times this term', chair)))).toBeNull();
    expect(refusal(c.write(chair, (d) => setConfirmed(d, cardId, true), 'chair'))).toBeNull();
    expect(refusal(c.write(pro, (d) => proposeCardChange(d, cardId, 'Late four times', pro)))).toBeNull();
    expect(refusal(c.write(chair, (d) => settleCardProposal(d, cardId, true, chair)))).toBeNull();
    expect(c.board.getMap<Y.Map<unknown>>('cards').get(cardId)?.get('text')).toBe('Late four times');

    let personId = '';
    expect(
      refusal(c.write(mum, (d) => (personId = addNetworkPerson(d, { name: 'Halina', relationship: 'Gran', inSafetyNetwork: true }, mum)))),
    ).toBeNull();
    expect(refusal(c.write(mum, (d) => setWillDo(d, personId, 'Stay over every Tuesday and Thursday night', mum)))).toBeNull();
    expect(refusal(c.write(chair, (d) => setWillDo(d, personId, 'Stay over every Tuesday and Thursday night, from 6pm', chair)))).toBeNull();
    expect(refusal(c.write(mum, (d) => updateNetworkPerson(d, personId, { inSafetyNetwork: false }, mum)))).toBeNull();

    let pairId = '';
    expect(refusal(c.write(pro, (d) => (pairId = addDangerPair(d, { danger: 'The school is worried…', goal: 'The parents will…' }, pro))))).toBeNull();
    let actionId = '';
    expect(
      refusal(
        c.write(mum, (d) => (actionId = addAction(d, { what: 'Walk Zoë to school', who: 'Mum', byWhen: '', measure: '', pairId, children: [] }, mum))),
      ),
    ).toBeNull();
    expect(refusal(c.write(mum, (d) => editAction(d, actionId, { byWhen: '2027-01-15' }, mum)))).toBeNull();
    expect(refusal(c.write(mum, (d) => setContingency(d, 'If things do not change we will meet within a week.', mum)))).toBeNull();
    expect(refusal(c.write(mum, (d) => setOpenScore(d, { pairId, value: 4, nextStep: 'More help in the mornings' }, mum)))).toBeNull();
    expect(refusal(c.write(mum, (d) => setOpenScore(d, { pairId, value: 5, nextStep: 'More help in the mornings' }, mum)))).toBeNull();
    expect(
      refusal(
        c.write(chair, (d) => enterScoreFor(d, { pairId, value: 6, nextStep: '', name: 'Bronwen', roleLabel: 'Aunt', role: 'family' }, chair)),
      ),
    ).toBeNull();
    expect(refusal(c.write(pro, (d) => setRecommendation(d, pro, { recommendation: 'cp', reason: 'The mornings are a worry.' })))).toBeNull();
    expect(refusal(c.write(chair, (d) => setStage(d, 'plan'), 'chair'))).toBeNull();
    expect(refusal(c.write(chair, (d) => updateSettings(d, { scoring: 'hidden', familyFirst: true }), 'chair'))).toBeNull();
    expect(refusal(c.write(chair, (d) => setAgreed(d, `dangerPairs/${pairId}`, true), 'chair'))).toBeNull();
    expect(
      refusal(c.write(chair, (d) => recordDecision(d, { outcome: 'cp', categories: ['Neglect'], rationale: 'Zoë needs…' }), 'chair')),
    ).toBeNull();
    // Added and taken off again while offline: one update, accepted.
    expect(refusal(c.write(pro, (d) => removeCard(d, addCard(d, { column: 'safety', text: 'Mine', author: pro }).id, pro)))).toBeNull();
  });

  it('a burst of random honest edits from three people, synced through the server', () => {
    const c = conference();
    const people = [chair, pro, mum];
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const replicas = people.map(() => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(c.board));
      return d;
    });
    for (let round = 0; round < 60; round++) {
      const i = rnd(3);
      const who = people[i] as Author;
      const doc = replicas[i] as Y.Doc;
      // Catch up with the server first, as a live screen would.
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(c.board, Y.encodeStateVector(doc)));
      const before = Y.encodeStateVector(doc);
      const mine = [...doc.getMap<Y.Map<unknown>>('cards').entries()].filter(([, m]) => m.get('addedBy') === who.id || who.role === 'chair');
      const op = rnd(4);
      if (op === 0 || mine.length === 0) addCard(doc, { column: 'danger', text: `from ${who.name} ${round}`, author: who });
      else {
        const [id] = mine[rnd(mine.length)] as [string, Y.Map<unknown>];
        if (op === 1) editCardText(doc, id, `edited ${round}`, who);
        else if (op === 2) moveCard(doc, id, 'strengths', null, who);
        else removeCard(doc, id, who);
      }
      const result = c.send(who, Y.encodeStateAsUpdate(doc, before));
      expect(refusal(result)).toBeNull();
    }
    expect(cardIds(c.board).length).toBeGreaterThan(5);
  });
});

describe('updates the server refuses', () => {
  it('a new item posted as someone else', () => {
    const c = conference();
    expect(refusal(c.write(pro, (d) => addCard(d, { column: 'danger', text: 'By Mum?', author: mum })))).toBe('as-someone-else cards');
    expect(cardIds(c.board)).toHaveLength(0);
  });

  it("editing, moving, tagging or removing another person's item", () => {
    const c = conference();
    let id = '';
    c.write(mum, (d) => (id = addCard(d, { column: 'strengths', text: 'We go to the park', author: mum }).id));
    expect(refusal(c.write(pro, (d) => editCardText(d, id, 'Mum says…, but the school has never seen this', pro)))).toBe('not-yours cards');
    expect(refusal(c.write(pro, (d) => moveCard(d, id, 'grey', null, pro)))).toBe('not-yours cards');
    expect(refusal(c.write(pro, (d) => removeCard(d, id, pro)))).toBe('not-yours cards');
    // A change to one's own item signed as someone else is refused too.
    let own = '';
    c.write(pro, (d) => (own = addCard(d, { column: 'danger', text: 'Mine', author: pro }).id));
    expect(refusal(c.write(pro, (d) => editCardText(d, own, 'Rewritten', mum)))).toBe('as-someone-else cards');
    // Changing who wrote it.
    expect(
      refusal(
        c.write(pro, (d) => {
          d.getMap<Y.Map<unknown>>('cards').get(id)?.set('addedBy', chair.id);
        }),
      ),
    ).toBe('immutable cards');
    expect(c.board.getMap<Y.Map<unknown>>('cards').get(id)?.get('text')).toBe('We go to the park');
  });

  it('changing a confirmed item, even its own author (who may only propose a change)', () => {
    const c = conference();
    let id = '';
    c.write(mum, (d) => (id = addCard(d, { column: 'strengths', text: 'We go to the park', author: mum }).id));
    c.write(chair, (d) => setConfirmed(d, id, true), 'chair');
    expect(refusal(c.write(mum, (d) => editCardText(d, id, 'Changed after it was confirmed', mum)))).toBe('confirmed cards');
    expect(refusal(c.write(mum, (d) => removeCard(d, id, mum)))).toBe('confirmed cards');
    expect(refusal(c.write(pro, (d) => proposeCardChange(d, id, 'Not what happened', pro)))).toBe('not-yours cards');
    expect(refusal(c.write(mum, (d) => proposeCardChange(d, id, 'We go to the park on Sundays', mum)))).toBeNull();
    expect(refusal(c.write(mum, (d) => settleCardProposal(d, id, true, mum)))).toBe('confirmed cards');
  });

  it('changing danger statements, actions and network entries of others, or after they are agreed', () => {
    const c = conference();
    let pairId = '';
    c.write(chair, (d) => (pairId = addDangerPair(d, { danger: 'The school is worried…', goal: 'The parents will…' }, chair)));
    expect(refusal(c.write(mum, (d) => removeDangerPair(d, pairId, mum)))).toBe('not-yours dangerPairs');
    let personId = '';
    c.write(mum, (d) => (personId = addNetworkPerson(d, { name: 'Halina', relationship: 'Gran', inSafetyNetwork: true, willDo: 'Stays over' }, mum)));
    expect(refusal(c.write(pro, (d) => setWillDo(d, personId, '', pro)))).toBe('not-yours network');
    c.write(chair, (d) => setAgreed(d, `network/${personId}`, true), 'chair');
    expect(refusal(c.write(mum, (d) => setWillDo(d, personId, 'Stays over on Fridays', mum)))).toBe('agreed network');
    c.write(chair, (d) => setAgreed(d, 'contingency', true), 'chair');
    expect(refusal(c.write(mum, (d) => setContingency(d, 'Something else', mum)))).toBe('agreed contingency');
  });

  it("a young person's safety plan: their entries are theirs (and the chair's); a part must be one of the six", () => {
    const c = conference();
    let entry = '';
    expect(c.write(mum, (d) => (entry = addSafetyPlanEntry(d, { section: 'trusted-people', text: 'Auntie Sam, 07700 900456' }, mum))).ok).toBe(true);
    expect(c.write(pro, (d) => addSafetyPlanEntry(d, { section: 'help', text: 'Youth worker on Tuesdays' }, pro)).ok).toBe(true);
    expect(c.write(pro, (d) => addAction(d, { what: 'Check in after school', who: 'Youth worker', byWhen: '', measure: '', pairId: null, children: [], section: 'adults' }, pro)).ok).toBe(true);
    expect(refusal(c.write(pro, (d) => editSafetyPlanEntry(d, entry, 'Someone else', pro)))).toBe('not-yours safetyPlan');
    expect(refusal(c.write(pro, (d) => removeSafetyPlanEntry(d, entry, pro)))).toBe('not-yours safetyPlan');
    expect(c.write(chair, (d) => editSafetyPlanEntry(d, entry, 'Auntie Sam, 07700 900457', chair)).ok).toBe(true);
    expect(
      refusal(
        c.write(mum, (d) => {
          const m = new Y.Map<unknown>();
          (d.getMap('safetyPlan') as Y.Map<unknown>).set('abcdefghijkl', m);
          for (const [k, v] of Object.entries({ section: 'secrets', text: 'x', addedBy: mum.id, addedAt: Date.now(), changedBy: mum.id, changedAt: Date.now(), removed: false }))
            m.set(k, v);
        }),
      ),
    ).toBe('bad-value safetyPlan');
    expect(readSafetyPlan(c.board).map((e) => [e.section, e.text])).toEqual([
      ['trusted-people', 'Auntie Sam, 07700 900457'],
      ['help', 'Youth worker on Tuesdays'],
    ]);
    expect(readActions(c.board)[0]?.section).toBe('adults');
  });

  it("writing another person's score, recommendation or dissent", () => {
    const c = conference();
    let pairId = '';
    c.write(chair, (d) => (pairId = addDangerPair(d, { danger: 'Worry', goal: 'Goal' }, chair)));
    expect(refusal(c.write(pro, (d) => setOpenScore(d, { pairId, value: 1, nextStep: 'Nothing' }, mum)))).toBe('as-someone-else scores');
    expect(refusal(c.write(pro, (d) => setRecommendation(d, mum, { recommendation: 'nfa', reason: 'Fine' })))).toBe(
      'as-someone-else recommendations',
    );
    expect(refusal(c.write(mum, (d) => setRecommendation(d, mum, { recommendation: 'nfa', reason: 'Fine' })))).toBe('not-allowed recommendations');
    // Only the chair may enter a score for someone without a device.
    expect(
      refusal(c.write(pro, (d) => enterScoreFor(d, { pairId, value: 9, nextStep: '', name: 'Someone', roleLabel: 'Aunt', role: 'family' }, pro))),
    ).toBe('not-yours scores');
  });

  it('family first, hidden scoring, and changing a score once shown', () => {
    const c = conference();
    let pairId = '';
    c.write(chair, (d) => (pairId = addDangerPair(d, { danger: 'Worry', goal: 'Goal' }, chair)));
    c.write(chair, (d) => updateSettings(d, { familyFirst: true }), 'chair');
    expect(refusal(c.write(pro, (d) => setOpenScore(d, { pairId, value: 3, nextStep: '' }, pro)))).toBe('family-first scores');
    expect(refusal(c.write(mum, (d) => setOpenScore(d, { pairId, value: 8, nextStep: '' }, mum)))).toBeNull();
    c.write(chair, (d) => updateSettings(d, { scoring: 'hidden' }), 'chair');
    expect(refusal(c.write(mum, (d) => setOpenScore(d, { pairId, value: 1, nextStep: '' }, mum)))).toBe('hidden-scoring scores');
  });

  it('writing details, the directory, meta, apologies or the chair document from a participant', () => {
    const c = conference();
    expect(refusal(c.write(pro, (d) => d.getMap('details').set('caseReference', 'CHANGED')))).toBe('server-only details');
    expect(refusal(c.write(pro, (d) => recordParticipant(d, { ...pro, id: 'fake-person-1', name: 'Dr Who' })))).toBe('server-only participants');
    expect(refusal(c.write(pro, (d) => d.getMap('meta').set('schemaVersion', 99)))).toBe('server-only meta');
    expect(refusal(c.write(pro, (d) => d.getMap('record').set('apologies', ['Someone'])))).toBe('chair-only record');
    // Even the chair may not write what only the server writes.
    expect(refusal(c.write(chair, (d) => d.getMap('chair').set('lockedAt', 1), 'chair'))).toBe('server-only chair');
    expect(refusal(c.write(chair, (d) => (d.getMap('chair').get('revealed') as Y.Map<unknown>).set('abcdefghij', 1), 'chair'))).toBe(
      'server-only chair',
    );
    // Amending after the meeting, and versions of the record, are the server's to say.
    expect(refusal(c.write(chair, (d) => d.getMap('chair').set('amending', true), 'chair'))).toBe('server-only chair');
    expect(refusal(c.write(chair, (d) => d.getMap('chair').set('version', 2), 'chair'))).toBe('server-only chair');
    expect(refusal(c.write(chair, (d) => d.getMap('chair').set('versionChanges', []), 'chair'))).toBe('server-only chair');
    // A nested map of the chair's document is never replaced (its entries would be lost).
    expect(refusal(c.write(chair, (d) => d.getMap('chair').set('confirmed', new Y.Map()), 'chair'))).toBe('replace chair');
  });

  it('unknown roots, unknown fields, values of the wrong type, too long, deeply nested, thousands of keys', () => {
    const c = conference();
    expect(refusal(c.write(pro, (d) => d.getMap('bench').set('x', 1)))).toBe('unknown-root bench');
    expect(refusal(c.write(pro, (d) => d.getText('notes').insert(0, 'hello')))).toBe('unknown-root notes');
    let id = '';
    c.write(pro, (d) => (id = addCard(d, { column: 'danger', text: 'Mine', author: pro }).id));
    const onMyCard = (f: (m: Y.Map<unknown>) => void) => (d: Y.Doc) =>
      d.transact(() => {
        const m = d.getMap<Y.Map<unknown>>('cards').get(id) as Y.Map<unknown>;
        f(m);
        m.set('changedBy', pro.id);
        m.set('changedAt', Date.now());
      });
    expect(refusal(c.write(pro, onMyCard((m) => m.set('colour', 'red'))))).toBe('unknown-field cards');
    expect(refusal(c.write(pro, onMyCard((m) => m.set('text', 42))))).toBe('bad-value cards');
    expect(refusal(c.write(pro, onMyCard((m) => m.set('column', 'worries'))))).toBe('bad-value cards');
    expect(refusal(c.write(pro, onMyCard((m) => m.set('text', 'x'.repeat(100_000)))))).toBe('bad-value cards');
    let deep: unknown = 'bottom';
    for (let i = 0; i < 5000; i++) deep = [deep];
    const deepResult = c.write(pro, onMyCard((m) => m.set('children', deep)));
    expect(deepResult.ok).toBe(false);
    expect(refusal(c.write(pro, onMyCard((m) => m.set('text', new Y.Text('live')))))).toBe('shape cards');
    expect(
      refusal(
        c.write(pro, (d) => {
          const cards = d.getMap('cards');
          d.transact(() => {
            for (let i = 0; i < 3500; i++) addCard(d, { column: 'grey', text: `spam ${i}`, author: pro });
          });
          void cards;
        }),
      ),
    ).toBe('too-many cards');
    expect(c.board.getMap<Y.Map<unknown>>('cards').get(id)?.get('text')).toBe('Mine');
  });

  it('a fifth danger statement, and deleting a record outright', () => {
    const c = conference();
    for (let i = 0; i < 4; i++) expect(refusal(c.write(chair, (d) => addDangerPair(d, { danger: `W${i}`, goal: 'G' }, chair)))).toBeNull();
    expect(
      refusal(
        c.write(pro, (d) => {
          // Past the model's own check, as a crafted client would.
          const m = new Y.Map<unknown>();
          d.getMap('dangerPairs').set('fifth-pair-id', m);
          for (const [k, v] of Object.entries({ danger: 'W5', goal: 'G', addedBy: pro.id, addedAt: Date.now(), changedBy: pro.id, changedAt: Date.now(), removed: false }))
            m.set(k, v);
        }),
      ),
    ).toBe('too-many dangerPairs');
    let id = '';
    c.write(pro, (d) => (id = addCard(d, { column: 'danger', text: 'Mine', author: pro }).id));
    expect(refusal(c.write(pro, (d) => d.getMap('cards').delete(id)))).toBe('no-delete cards');
    expect(refusal(c.write(chair, (d) => d.getMap('cards').delete(id)))).toBe('no-delete cards');
  });

  it('an update that deletes content the server does not have yet (a trap for the next edit)', () => {
    const c = conference();
    // A document of another client id that wrote and deleted something: its delete set names ids
    // the server has never seen. Sent alone, it would lie in wait and delete whatever arrives there.
    const other = new Y.Doc();
    other.getMap('cards').set('x', 1);
    other.getMap('cards').delete('x');
    const onlyDeletes = Y.encodeStateAsUpdate(other, Y.encodeStateVector(other));
    const result = c.send(pro, onlyDeletes);
    expect(result.ok ? null : result.refusal).toMatchObject({ code: 'shape', detail: 'deletes content the server does not have' });
  });

  it('a score written past the model into hidden scoring, and a version-1 document migrated', () => {
    const c = conference();
    expect(migrateBoardDoc(c.board)).toBe(false);
    const old = new Y.Doc();
    old.getMap('meta').set('schemaVersion', 1);
    const card = new Y.Map<unknown>();
    old.getMap('cards').set('old-card-01', card);
    for (const [k, v] of Object.entries({ id: 'old-card-01', column: 'danger', rank: 'a0', text: 'Old', authorId: 'old-person-1', authorName: 'Ann', authorRoleLabel: 'School', authorRole: 'professional', createdAt: 5, updatedAt: 6, status: 'proposed', removed: false }))
      card.set(k, v);
    const person = new Y.Map<unknown>();
    old.getMap('network').set('old-net-0001', person);
    person.set('name', 'Halina');
    person.set('relationship', 'Gran');
    person.set('inSafetyNetwork', true);
    person.set('willDo', 'Stays over');
    person.set('addedBy', 'Ann');
    expect(migrateBoardDoc(old)).toBe(true);
    const migrated = old.getMap<Y.Map<unknown>>('cards').get('old-card-01') as Y.Map<unknown>;
    expect(migrated.get('addedBy')).toBe('old-person-1');
    expect(migrated.get('authorName')).toBeUndefined();
    expect(readParticipants(old).get('old-person-1')?.name).toBe('Ann');
    const willDo = old.getMap<Y.Map<unknown>>('network').get('old-net-0001')?.get('willDo');
    expect(willDo).toBeInstanceOf(Y.Text);
    expect(String(willDo)).toBe('Stays over');
    expect(old.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
    expect(readParticipants(old).get('old-person-1')?.lead).toBe(false);
  });
});

describe('before the meeting: preparation, the lead social worker and the family’s views', () => {
  const lead: Author = { id: 'lead-sw-001', name: 'Sarah', roleLabel: 'Social worker', role: 'professional' };
  function preparing() {
    const c = conference();
    recordParticipant(c.board, { ...lead, lead: true });
    markPreparing(c.chairDoc, true);
    return c;
  }

  it('nothing is confirmed or decided, and nobody scores or recommends', () => {
    const c = preparing();
    let cardId = '';
    let pairId = '';
    c.write(pro, (d) => (cardId = addCard(d, { column: 'danger', text: 'From the school’s report', author: pro, source: 'School report' }).id));
    c.write(lead, (d) => (pairId = addDangerPair(d, { danger: 'Draft worry', goal: 'Draft goal' }, lead)));
    expect(refusal(c.write(chair, (d) => setConfirmed(d, cardId, true), 'chair'))).toBe('preparation chair');
    expect(refusal(c.write(chair, (d) => setAgreed(d, `dangerPairs/${pairId}`, true), 'chair'))).toBe('preparation chair');
    expect(refusal(c.write(mum, (d) => setOpenScore(d, { pairId, value: 5, nextStep: '' }, mum)))).toBe('preparation scores');
    expect(refusal(c.write(pro, (d) => setRecommendation(d, pro, { recommendation: 'cp', reason: 'Early' })))).toBe('preparation recommendations');
    expect(c.board.getMap<Y.Map<unknown>>('cards').get(cardId)?.get('source')).toBe('School report');
  });

  it('the lead may change every draft while preparing, and only their own once the meeting is open', () => {
    const c = preparing();
    let cardId = '';
    c.write(pro, (d) => (cardId = addCard(d, { column: 'danger', text: 'Early item', author: pro }).id));
    expect(refusal(c.write(lead, (d) => editCardText(d, cardId, 'Early item, worded with the family', lead)))).toBeNull();
    expect(refusal(c.write(mum, (d) => removeCard(d, cardId, mum)))).toBe('not-yours cards');
    markPreparing(c.chairDoc, false);
    expect(refusal(c.write(lead, (d) => editCardText(d, cardId, 'Changed in the meeting', lead)))).toBe('not-yours cards');
  });

  it('the family adds a view beside a draft; nobody else changes it; it needs a draft to stand beside', () => {
    const c = preparing();
    let pairId = '';
    c.write(lead, (d) => (pairId = addDangerPair(d, { danger: 'Draft worry', goal: 'Draft goal' }, lead)));
    let viewId = '';
    expect(
      refusal(c.write(mum, (d) => (viewId = addView(d, { target: `dangerPairs/${pairId}`, text: 'This is not right because…' }, mum)))),
    ).toBeNull();
    expect(readViews(c.board)[`dangerPairs/${pairId}`]?.map((v) => [v.text, v.addedBy.name])).toEqual([['This is not right because…', 'Magdalena']]);
    expect(refusal(c.write(lead, (d) => editView(d, viewId, 'Changed', lead)))).toBe('not-yours views');
    expect(refusal(c.write(mum, (d) => addView(d, { target: 'cards/no-such-card1', text: 'Beside nothing' }, mum)))).toBe('missing views');
  });

  it('where a record came from, and its earlier scores, only the server writes', () => {
    const c = conference();
    expect(
      refusal(
        c.write(pro, (d) =>
          d.transact(() => {
            const id = addDangerPair(d, { danger: 'W', goal: 'G' }, pro);
            d.getMap<Y.Map<unknown>>('dangerPairs').get(id)?.set('history', [
              { conferenceId: 'A'.repeat(22), kind: 'initial', date: '2026-01-01', count: 3, median: 9, min: 8, max: 10 },
            ]);
          }),
        ),
      ),
    ).toBe('server-only dangerPairs');
  });
});

describe('a review carries the work forward', () => {
  it('the statements with their scores as history, the open actions, the network, the contingency plan and the core group', () => {
    const c = conference();
    let pairId = '';
    c.write(chair, (d) => (pairId = addDangerPair(d, { danger: 'Evenings', goal: 'Meals' }, chair)));
    c.write(mum, (d) => setOpenScore(d, { pairId, value: 2, nextStep: '' }, mum));
    c.write(pro, (d) => setOpenScore(d, { pairId, value: 6, nextStep: '' }, pro));
    c.write(chair, (d) => addAction(d, { what: 'Walk to school', who: 'Mum', byWhen: '', measure: '', pairId, children: [] }, chair));
    c.write(mum, (d) => addNetworkPerson(d, { name: 'Halina', relationship: 'Gran', inSafetyNetwork: true, willDo: 'Tuesdays' }, mum));
    c.write(mum, (d) => setContingency(d, 'If nothing changes we meet in a week.', mum));
    const previous = conferenceSnapshot(c.board, c.chairDoc);
    const review = new Y.Doc();
    const reviewChair: Author = { ...chair, id: 'chair-review-01' };
    carryForward(review, previous, 'P'.repeat(22), reviewChair, Date.now());
    writeConferenceDetails(review, { ...(previous.details as NonNullable<typeof previous.details>), kind: 'review', date: '2027-02-23' });
    const pairs = readDangerPairs(review);
    expect(pairs.map((p) => [p.danger, p.origin?.date, p.history.map((h) => [h.median, h.min, h.max, h.count])])).toEqual([
      ['Evenings', '2026-11-23', [[4, 2, 6, 2]]],
    ]);
    expect(readActions(review).map((a) => [a.what, a.pairId === pairs[0]?.id, a.progress, a.origin?.kind])).toEqual([
      ['Walk to school', true, null, 'initial'],
    ]);
    expect(readNetwork(review).map((p) => [p.name, p.willDo, p.origin?.conferenceId])).toEqual([['Halina', 'Tuesdays', 'P'.repeat(22)]]);
    expect(readContingency(review)).toBe('If nothing changes we meet in a week.');
    // In the review the chair marks progress; a review of the review carries only what is still open.
    const again = new Y.Doc();
    Y.applyUpdate(again, Y.encodeStateAsUpdate(review));
    setActionProgress(again, readActions(again)[0]?.id ?? '', 'done', 'Every day since', reviewChair);
    const second = new Y.Doc();
    carryForward(second, conferenceSnapshot(again, c.chairDoc), 'Q'.repeat(22), reviewChair);
    expect(readActions(second)).toEqual([]);
    expect(readDangerPairs(second)[0]?.history).toHaveLength(2);
  });
});

describe('what an update adds, for the relay’s limits', () => {
  const summary = (r: CheckResult): { created: string[]; grows: boolean } | string =>
    r.ok ? { created: r.created.map((w) => w.split('/')[0] as string), grows: r.grows } : `refused ${r.refusal.code}`;

  it('adding records grows the document and names them; taking off, deleting and shortening do not', () => {
    const c = conference();
    let cardId = '';
    expect(summary(c.write(pro, (d) => (cardId = addCard(d, { column: 'danger', text: 'Late twice this term', author: pro }).id)))).toEqual({
      created: ['cards'],
      grows: true,
    });
    const added = c.write(pro, (d) => addCard(d, { column: 'grey', text: 'x', author: pro }));
    expect(added.ok && added.created[0]?.startsWith('cards/')).toBe(true);
    // Longer text grows; the same length or shorter does not.
    expect(summary(c.write(pro, (d) => editCardText(d, cardId, 'Late twice this term, and once last week', pro)))).toEqual({ created: [], grows: true });
    expect(summary(c.write(pro, (d) => editCardText(d, cardId, 'Late twice', pro)))).toEqual({ created: [], grows: false });
    expect(summary(c.write(pro, (d) => removeCard(d, cardId, pro)))).toEqual({ created: [], grows: false });
    // The chair takes a confirmation back (a deletion in the chair's document).
    c.write(chair, (d) => setConfirmed(d, cardId, true), 'chair');
    expect(summary(c.write(chair, (d) => setConfirmed(d, cardId, false), 'chair'))).toEqual({ created: [], grows: false });
    // Typing into a shared text grows it; deleting from it does not.
    let personId = '';
    expect(
      summary(c.write(mum, (d) => (personId = addNetworkPerson(d, { name: 'Halina', relationship: 'Gran', inSafetyNetwork: true }, mum)))),
    ).toEqual({ created: ['network'], grows: true });
    expect(summary(c.write(mum, (d) => setWillDo(d, personId, 'Stay over every Tuesday', mum)))).toEqual({ created: [], grows: true });
    expect(summary(c.write(mum, (d) => setWillDo(d, personId, 'Stay over', mum)))).toEqual({ created: [], grows: false });
    expect(summary(c.write(mum, (d) => setContingency(d, 'If nothing changes we meet in a week.', mum)))).toEqual({ created: [], grows: true });
    expect(summary(c.write(mum, (d) => setContingency(d, 'If nothing changes', mum)))).toEqual({ created: [], grows: false });
  });
});
