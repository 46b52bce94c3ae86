import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAction,
  addSafetyPlanEntry,
  conferenceSnapshot,
  editCardText,
  enterScoreFor,
  initChairDoc,
  initConferenceDoc,
  markLocked,
  markSealed,
  readBoard,
  readDangerPairs,
  recordParticipant,
  writeConferenceDetails,
  type Author,
} from '../model/index.js';
import { buildFixture } from './fixtures.js';
import { latinFonts as nodeFonts } from './nodeFonts.js';
import { buildSummaryPdf, CONFIDENTIALITY_NOTICE, summaryFileName } from './summary.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { flat, readPdf, renderReviewImages } from './testing/readBack.js';

const HEADINGS = [
  'About the conference',
  'Who came',
  'Apologies',
  'The children',
  'What everyone shared',
  'What we are worried about, and what needs to happen',
  'The plan: who does what, by when',
  'The safety network',
  'contingency plan',
  'What each professional recommended',
  'The decision',
  'What happens next',
];

describe('the summary PDF', () => {
  for (const size of ['small', 'large'] as const) {
    it(`${size} conference: every heading, confirmed item, action and name is there, on numbered, confidential pages`, async () => {
      const fixture = buildFixture(size);
      const snapshot = conferenceSnapshot(fixture.doc, fixture.chairDoc);
      const bytes = buildSummaryPdf(snapshot, nodeFonts());
      renderReviewImages(size, bytes);
      const pages = await readPdf(bytes);
      const all = flat(pages.map((p) => p.text).join(' '));
      for (const heading of HEADINGS) expect(all).toContain(heading);
      for (const text of fixture.confirmedTexts) {
        // Long items flow across lines and pages: look for their start and end.
        expect(all).toContain(flat(text).slice(0, 60));
        expect(all).toContain(flat(text).slice(-30));
      }
      // Items the chair did not confirm are left out (the default setting).
      for (const text of fixture.proposedTexts) expect(all).not.toContain(flat(text).slice(0, 60));
      for (const action of fixture.actionTexts) expect(all).toContain(flat(action).slice(0, 50));
      for (const name of fixture.names) expect(all).toContain(name);
      for (const accented of ['Zoë', 'Łukasz', 'Şükrü', 'Nguyễn', 'Björn Sørensen']) expect(all).toContain(accented);
      pages.forEach((page, i) => {
        expect(flat(page.text)).toContain(`page ${i + 1} of ${pages.length}`);
        expect(flat(page.text)).toContain(flat(CONFIDENTIALITY_NOTICE).slice(0, 40));
        expect(page.outside).toEqual([]);
      });
      expect(fs.readdirSync('test-results/pdf').filter((f) => f.startsWith(size) && f.endsWith('.png'))).toHaveLength(pages.length);
      if (size === 'large') {
        expect(pages.length).toBeGreaterThan(10);
        // The plan's table splits across pages with its header repeated.
        const planPages = pages.filter((p) => /Action \d+: \S+ \S+ will/.test(p.text));
        expect(planPages.length).toBeGreaterThan(1);
        // The header cell wraps onto two lines in the narrow column.
        for (const p of planPages) expect(flat(p.text)).toMatch(/What Who By when How we will know/);
      }
    });
  }

  it('is named by the date and kind, never a name', () => {
    const fixture = buildFixture('small');
    expect(summaryFileName(conferenceSnapshot(fixture.doc, fixture.chairDoc))).toBe('conference-summary-2026-11-23-initial.pdf');
  });

  it('says what the record must say: its check code, scores left out, scores entered by the chair, changes after agreement', async () => {
    const fixture = buildFixture('small');
    const chair: Author = { id: 'person-1', name: 'Łukasz Nowak', roleLabel: 'School', role: 'professional' };
    // Before the meeting ends, every page says it is a preview.
    const preview = await readPdf(buildSummaryPdf(conferenceSnapshot(fixture.doc, fixture.chairDoc), nodeFonts(), { recordId: 'REC' }));
    for (const page of preview) expect(flat(page.text)).toContain('Preview: not the final record');

    const confirmedItem = Object.values(readBoard(fixture.doc)).flat()[0];
    if (!confirmedItem) throw new Error('no item');
    // Confirmed a while ago, then changed (only the chair can, once it is confirmed).
    const confirmedAt = (fixture.chairDoc.getMap('chair').get('confirmed') as Y.Map<number>).get(confirmedItem.id) ?? 0;
    editCardText(fixture.doc, confirmedItem.id, 'Changed after it was confirmed', chair, confirmedAt + 1000);
    const pairId = readDangerPairs(fixture.doc)[0]?.id ?? '';
    enterScoreFor(fixture.doc, { pairId, value: 6, nextStep: 'More visits', name: 'Bronwen', roleLabel: 'Aunt', role: 'family' }, chair);
    markLocked(fixture.chairDoc, Date.now(), 2);
    markSealed(fixture.chairDoc, 'ab12'.repeat(16), Date.now());
    const pages = await readPdf(buildSummaryPdf(conferenceSnapshot(fixture.doc, fixture.chairDoc), nodeFonts(), { recordId: 'REC123' }));
    const all = flat(pages.map((p) => p.text).join(' '));
    for (const page of pages) expect(flat(page.text)).toContain('Record REC123 · check code ab12 ab12 ab12 ab12');
    expect(all).toContain('2 scores were given in private and not shown. The chair chose to leave them out of this record.');
    expect(all).toContain('(entered by the chair)');
    expect(all).toContain('Changed after it was confirmed');
    expect(all).toContain('[changed by the chair after it was agreed]');
  });

  it("a young person's conference: titled Young Person's Safety Plan, with their plan in six parts and the actions of each part", async () => {
    const doc = new Y.Doc();
    const chairDoc = new Y.Doc();
    initConferenceDoc(doc, 1);
    initChairDoc(chairDoc, 'young-person');
    writeConferenceDetails(doc, { kind: 'young-person', date: '2026-11-23', caseReference: 'YP-1', chairName: 'Ruth Ellis', children: [{ name: 'Jade', age: 15 }] });
    const jade: Author = { id: 'jade-000001', name: 'Jade', roleLabel: 'Young person', role: 'family' };
    const worker: Author = { id: 'worker-0001', name: 'Sam Okoro', roleLabel: 'Youth worker', role: 'professional' };
    for (const p of [jade, worker]) recordParticipant(doc, p);
    addSafetyPlanEntry(doc, { section: 'worries', text: 'My older boyfriend picks me up from school' }, jade);
    addSafetyPlanEntry(doc, { section: 'trusted-people', text: 'Auntie Bev, 07700 900456' }, jade);
    addSafetyPlanEntry(doc, { section: 'places', text: 'Safe: the library. I avoid the bus station after dark' }, jade);
    addAction(doc, { what: 'Meets Jade after school on Tuesdays', who: 'Sam Okoro', byWhen: '2026-12-01', measure: 'Jade says she feels safer', pairId: null, children: [], section: 'adults' }, worker);
    const snapshot = conferenceSnapshot(doc, chairDoc);
    const bytes = buildSummaryPdf(snapshot, nodeFonts());
    const info = (await (await getDocument({ data: bytes.slice() }).promise).getMetadata()).info as { Title?: string };
    expect(info.Title).toBe('Young Person’s Safety Plan');
    const pages = await readPdf(bytes);
    const all = flat(pages.map((p) => p.text).join(' '));
    expect(all).toContain('Young Person’s Safety Plan');
    expect(all).not.toContain('Child protection conference: summary and plan');
    for (const heading of [
      'My safety plan',
      'What worries me',
      'People I trust, and how to reach them',
      'Places I feel safe, and places I avoid',
      'What I will do if…',
      'What the adults around me will do',
      'Who helps: school, youth service, police, transport and others',
    ])
      expect(all).toContain(heading);
    expect(all).toContain('My older boyfriend picks me up from school');
    expect(all).toContain('Auntie Bev, 07700 900456');
    expect(all).toContain('Meets Jade after school on Tuesdays');
    // The worries come before the adults' part, and the action sits in the adults' part.
    expect(all.indexOf('What the adults around me will do')).toBeLessThan(all.indexOf('Meets Jade after school'));
    expect(all.indexOf('What worries me')).toBeLessThan(all.indexOf('My older boyfriend'));
  });
});

describe('a review conference’s record', () => {
  it('holds each scale’s middle score across the chain as a chart with its words, and each carried action’s progress', async () => {
    const fixture = buildFixture('small');
    const plain = conferenceSnapshot(fixture.doc, fixture.chairDoc);
    const origin = { conferenceId: 'initial-id', kind: 'initial' as const, date: '2026-08-24' };
    const [first, ...otherPairs] = plain.pairs;
    const [carried, ...otherActions] = plain.actions;
    if (!first || !carried) throw new Error('the fixture has a danger statement and an action');
    const snapshot = {
      ...plain,
      details: plain.details ? { ...plain.details, kind: 'review' as const } : null,
      pairs: [{ ...first, origin, history: [{ ...origin, count: 3, median: 3, min: 2, max: 5 }] }, ...otherPairs],
      actions: [{ ...carried, origin, progress: 'partly' as const, progressNote: 'Most evenings, not on Fridays.' }, ...otherActions],
    };
    const median = (values: number[]): number => {
      const s = [...values].sort((a, b) => a - b);
      const mid = Math.floor(s.length / 2);
      return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
    };
    const today = median(plain.scores.filter((s) => s.pairId === first.id).map((s) => s.value));
    const all = flat((await readPdf(buildSummaryPdf(snapshot, nodeFonts()))).map((p) => p.text).join(' '));
    expect(all).toContain(
      `Middle score at each conference: initial conference, Monday 24 August 2026: 3; review 1, Monday 23 November 2026: ${today}.`,
    );
    expect(all).toContain('What happened to the actions from the last conference');
    expect(all).toContain('Partly done');
    expect(all).toContain('Most evenings, not on Fridays.');
    // The chart's dates under its points, in digits.
    expect(all).toContain('24/08/2026');
    // A conference that is not a review has neither.
    const initial = flat((await readPdf(buildSummaryPdf(plain, nodeFonts()))).map((p) => p.text).join(' '));
    expect(initial).not.toContain('Middle score at each conference');
    expect(initial).not.toContain('What happened to the actions from the last conference');
  });
});
