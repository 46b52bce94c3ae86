import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { conferenceSnapshot } from '../model/index.js';
import { buildFixture } from './fixtures.js';
import { buildSummaryPdf, CONFIDENTIALITY_NOTICE, summaryFileName, type SummaryFonts } from './summary.js';

const require = createRequire(import.meta.url);
function nodeFonts(): SummaryFonts {
  const dir = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  return {
    regular: fs.readFileSync(path.join(dir, 'DejaVuSans.ttf')).toString('base64'),
    bold: fs.readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')).toString('base64'),
  };
}

interface PageText {
  text: string;
  outside: string[];
}

/** Reads a PDF back: each page's text, and any text drawn outside the page box. */
async function readPdf(bytes: Uint8Array): Promise<PageText[]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const outside: string[] = [];
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : ' ');
      const x = item.transform[4] as number;
      const y = item.transform[5] as number;
      if (item.str.trim() && (x < x0 || x + item.width > x1 + 0.5 || y < y0 || y > y1)) outside.push(item.str);
    }
    pages.push({ text, outside });
  }
  return pages;
}

const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

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

function renderReviewImages(name: string, bytes: Uint8Array): void {
  const dir = path.resolve('test-results/pdf');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  // Debian's poppler-utils, installed by .ci/run: the pages as PNG review images.
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(dir, name)]);
}

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
