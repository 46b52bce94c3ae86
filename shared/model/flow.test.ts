import { describe, expect, it } from 'vitest';
import * as Yjs from 'yjs';
import { addCard } from './cards.js';
import { addAction } from './plan.js';
import { applySuggestion, findLanguage, offersHints } from './language.js';
import { writtenTexts } from './written.js';
import { recordParticipant } from './people.js';
import { smartCheck } from './smart.js';
import { scoreStats } from './scores.js';

describe('the SMART check', () => {
  const good = {
    what: 'Mum takes Zoë to school by 8:50 every day',
    who: 'Mum',
    byWhen: '2027-01-15',
    measure: 'School attendance is 95% or more each week',
  };
  it('is quiet for a good action', () => {
    expect(smartCheck(good, '2026-11-23')).toEqual([]);
  });
  it('points out a missing owner, a missing or past date, no measure and vague wording, with suggestions', () => {
    const bad = smartCheck({ what: 'Dad to engage with services and improve parenting', who: ' ', byWhen: '', measure: '' }, '2026-11-23');
    expect(bad.map((i) => i.field)).toEqual(['who', 'byWhen', 'measure', 'what', 'what']);
    expect(bad[3]?.message).toContain('"engage"');
    expect(bad[4]?.message).toContain('"improve"');
    expect(bad.every((i) => i.suggestion.length > 10)).toBe(true);
    expect(smartCheck({ ...good, byWhen: '2026-11-01' }, '2026-11-23').map((i) => i.message)).toEqual(['This date has already passed.']);
    expect(smartCheck({ ...good, what: 'Attend the parenting course', measure: 'Certificate' }, '2026-11-23').map((i) => i.field)).toEqual([
      'what',
    ]);
    expect(smartCheck({ ...good, what: 'Attend all six sessions of the parenting course' }, '2026-11-23')).toEqual([]);
    expect(smartCheck({ ...good, what: 'Monitoring by the health visitor', measure: '' }, '2026-11-23').map((i) => i.field)).toEqual([
      'measure',
      'what',
    ]);
  });
});

describe('respectful language', () => {
  const texts = (s: string, context?: 'danger' | 'general'): string[] => findLanguage(s, context).map((h) => h.text);
  it('finds whole words and phrases in any case, with plurals and tenses', () => {
    expect(texts('Contact with Dad is on Tuesdays')).toEqual(['Contact']);
    expect(texts('Two placements broke down')).toEqual(['placements']);
    expect(texts('He absconded twice and keeps absconding')).toEqual(['absconded', 'absconding']);
    expect(texts('Her SIBLINGS are at the same school')).toEqual(['SIBLINGS']);
    expect(texts('Mum was kicking off, described as Challenging Behaviour')).toEqual(['kicking off', 'Challenging Behaviour']);
    expect(texts('attention seeking and attention-seeking')).toEqual(['attention seeking', 'attention-seeking']);
    expect(texts('He failed to engage with the plan')).toEqual(['failed to engage']);
    expect(texts('Referred to CAMHS after the ICPC')).toEqual(['CAMHS', 'ICPC']);
  });
  it('raises no false alarms inside other words or in ordinary phrases', () => {
    expect(texts('We use contactless payment and a showcase; the clientele was nice')).toEqual([]);
    expect(texts('Just in case, bring the contact details. In any case we spoke.')).toEqual([]);
    expect(texts('Capital letters in a picnic, a cinema, the map')).toEqual([]);
    expect(texts('a respiteful day')).toEqual([]);
  });
  it('flags "neglect" only inside a danger statement', () => {
    expect(texts('We worry about neglect')).toEqual([]);
    expect(texts('We worry about neglect', 'danger')).toEqual(['neglect']);
  });
  it('replaces a phrase with one click, keeping a capital letter', () => {
    const text = 'Contact is on Tuesdays';
    const [hit] = findLanguage(text);
    expect(hit && applySuggestion(text, hit)).toBe('Family time is on Tuesdays');
    const advice = findLanguage('He was aggressive')[0];
    expect(advice?.replaceWith).toBeNull();
    expect(advice && applySuggestion('He was aggressive', advice)).toBe('He was aggressive');
  });
});

describe('hints are for professionals writing about a family, never on the family’s own words', () => {
  const teen = { id: 'young-person-1', name: 'Jade', roleLabel: 'Young person', role: 'family' as const };
  const pro = { id: 'youth-worker-1', name: 'Sam', roleLabel: 'Youth worker', role: 'professional' as const };
  it('a young person typing, or anyone editing what the family wrote, gets none', () => {
    expect(findLanguage('My older boyfriend picks me up', 'danger').length).toBeGreaterThan(0);
    expect(offersHints('family')).toBe(false);
    expect(offersHints('professional', 'family')).toBe(false);
    expect(offersHints('chair', 'family')).toBe(false);
    expect(offersHints('professional')).toBe(true);
    expect(offersHints('chair', 'professional')).toBe(true);
  });
  it('the open suggestions the stage bar counts leave the family’s words out', () => {
    const doc = new Yjs.Doc();
    // Who wrote what comes from the server's directory of participants.
    recordParticipant(doc, teen);
    recordParticipant(doc, pro);
    addCard(doc, { column: 'danger', text: 'My older boyfriend picks me up', author: teen });
    addAction(doc, { what: 'Contact with Dad on Tuesdays', who: '', byWhen: '', measure: '', pairId: null, children: [] }, teen);
    expect(writtenTexts(doc).map((t) => t.text)).not.toContain('My older boyfriend picks me up');
    addCard(doc, { column: 'danger', text: 'Contact with Dad is unsupervised', author: pro });
    expect(writtenTexts(doc).map((t) => t.text)).toContain('Contact with Dad is unsupervised');
    expect(writtenTexts(doc).map((t) => t.text)).not.toContain('Contact with Dad on Tuesdays');
  });
});

describe('score statistics', () => {
  it('gives the spread and the median', () => {
    expect(scoreStats([])).toEqual({ count: 0, min: null, max: null, spread: null, median: null });
    expect(scoreStats([3])).toEqual({ count: 1, min: 3, max: 3, spread: 0, median: 3 });
    expect(scoreStats([7, 2, 5])).toEqual({ count: 3, min: 2, max: 7, spread: 5, median: 5 });
    expect(scoreStats([2, 4, 6, 9])).toEqual({ count: 4, min: 2, max: 9, spread: 7, median: 5 });
  });
});

import * as Y from 'yjs';
import {
  addDangerPair,
  readDangerPairs,
  removeDangerPair,
  MAX_DANGER_PAIRS,
  contingencyWarning,
  setSharedText,
  contingencyText,
  type Author,
} from './index.js';

const sw: Author = { id: 'social-worker', name: 'Amira', roleLabel: 'Social worker', role: 'professional' };
import { defaultNextSteps, timescaleWarnings } from './timescales.js';

describe('danger statements and safety goals', () => {
  it('allows four pairs and refuses a fifth with a clear message', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < MAX_DANGER_PAIRS; i++) addDangerPair(doc, { danger: `Worry ${i}`, goal: `Goal ${i}` }, sw, i);
    expect(() => addDangerPair(doc, { danger: 'Fifth', goal: 'Fifth goal' }, sw)).toThrow(/at most 4 danger statements/);
    expect(readDangerPairs(doc)).toHaveLength(4);
    removeDangerPair(doc, readDangerPairs(doc)[0]!.id, sw);
    addDangerPair(doc, { danger: 'Now there is room', goal: 'A goal' }, sw, 10);
    expect(readDangerPairs(doc).map((p) => p.danger)).toEqual(['Worry 1', 'Worry 2', 'Worry 3', 'Now there is room']);
  });
  it('shows only the first four when two people add the fourth at once', () => {
    const a = new Y.Doc();
    for (let i = 0; i < 3; i++) addDangerPair(a, { danger: `Worry ${i}`, goal: 'g' }, sw, i);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    addDangerPair(a, { danger: 'Fourth from A', goal: 'g' }, sw, 10);
    addDangerPair(b, { danger: 'Fourth from B', goal: 'g' }, sw, 11);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readDangerPairs(a)).toEqual(readDangerPairs(b));
    expect(readDangerPairs(a).map((p) => p.danger)).toEqual(['Worry 0', 'Worry 1', 'Worry 2', 'Fourth from A']);
  });
});

describe('the contingency plan', () => {
  it('flags "seek legal advice" alone, not a plan that explains itself', () => {
    expect(contingencyWarning('Seek legal advice.')).toMatch(/not a contingency plan/);
    expect(contingencyWarning('The local authority will seek legal advice')).toMatch(/not a contingency plan/);
    expect(
      contingencyWarning(
        'If Zoë misses school again, the social worker will seek legal advice because it could lead to the court being asked to decide where she lives.',
      ),
    ).toBeNull();
  });
  it('merges two people typing in it at once', () => {
    const a = new Y.Doc();
    setSharedText(contingencyText(a), 'If things do not change, we will meet again.');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setSharedText(contingencyText(a), 'If things do not change, we will meet again within a week.');
    setSharedText(contingencyText(b), 'If things do not change or get worse, we will meet again.');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(contingencyText(a).toString()).toBe('If things do not change or get worse, we will meet again within a week.');
    expect(contingencyText(b).toString()).toBe(contingencyText(a).toString());
  });
});

describe('next steps and their timescales', () => {
  it('proposes dates that meet the rules, in working days', () => {
    expect(defaultNextSteps('2026-11-23', 'initial')).toEqual({
      firstCoreGroup: '2026-12-07',
      visitEveryWorkingDays: 10,
      review: '2027-02-23',
    });
    // Six months after a review on 31 August 2026 is Sunday 28 February 2027: the Friday before.
    expect(defaultNextSteps('2026-08-31', 'review').review).toBe('2027-02-26');
  });
  it('warns, naming the rule, when a chosen date misses a timescale', () => {
    const w = timescaleWarnings({ firstCoreGroup: '2026-12-10', visitEveryWorkingDays: 15, review: '2027-03-01' }, '2026-11-23', 'initial');
    expect(w.map((x) => x.field)).toEqual(['firstCoreGroup', 'visitEveryWorkingDays', 'review']);
    expect(w[0]?.message).toBe('The first core group must meet within 10 working days of the conference: by Monday 7 December 2026.');
    expect(w[2]?.message).toContain('within 3 months of an initial conference');
    expect(
      timescaleWarnings({ firstCoreGroup: '2026-12-25', visitEveryWorkingDays: 10, review: '' }, '2026-12-14', 'initial').map(
        (x) => x.message,
      ),
    ).toEqual(['Friday 25 December 2026 is not a working day (Christmas Day).']);
    expect(timescaleWarnings(defaultNextSteps('2026-11-23', 'initial'), '2026-11-23', 'initial')).toEqual([]);
  });
});
