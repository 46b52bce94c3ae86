import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conferenceSnapshot } from '../model/index.js';
import { buildFixture } from './fixtures.js';
import { latinFonts as nodeFonts } from './nodeFonts.js';
import { buildSummaryPdf, CONFIDENTIALITY_NOTICE, summaryFileName } from './summary.js';
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
});
