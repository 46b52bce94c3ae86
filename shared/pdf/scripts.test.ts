import fs from 'node:fs';
import * as hb from 'harfbuzzjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conferenceSnapshot, type ConferenceSnapshot } from '../model/index.js';
import { buildBengaliFixture, buildFixture, buildScriptsFixture } from './fixtures.js';
import { ENGLISH } from './messages.js';
import { faceFile, latinFonts, shapingKit } from './nodeFonts.js';
import { URDU_SAMPLE } from './sampleMessages.js';
import { buildSummaryPdf, summaryFaces, type SummaryFonts, type SummaryOptions } from './summary.js';
import { drawnRuns, flat, readPdf, renderReviewImages } from './testing/readBack.js';
import { FACE_KEYS, type FaceKey } from './text/scripts.js';
import { readTrueType } from './text/ttf.js';

/** Builds a record the way the browser does: the fonts it needs, then the pure function. */
async function build(snapshot: ConferenceSnapshot, options: SummaryOptions = {}): Promise<Uint8Array> {
  const needs = summaryFaces(snapshot, options.messages);
  const fonts: SummaryFonts = { ...latinFonts(), ...(needs.length ? { shaping: await shapingKit(needs) } : {}) };
  return buildSummaryPdf(snapshot, fonts, options);
}

const scripts = buildScriptsFixture();
const scriptsSnapshot = conferenceSnapshot(scripts.doc, scripts.chairDoc);
const ARABIC_LETTER = /[\u0600-\u06ff]/;

describe('the summary PDF in every script', () => {
  let english: Uint8Array;
  beforeAll(async () => {
    english = await build(scriptsSnapshot);
  });

  it('a record in Urdu, Arabic, Bengali, Punjabi and Polish: every name and item reads back as typed, in reading order', async () => {
    const pages = await readPdf(english);
    const all = flat(pages.map((p) => p.text).join(' '));
    for (const text of scripts.texts) expect(all, text).toContain(flat(text));
    // Longer paragraphs that wrap over lines read back whole, line after line.
    expect(all).toContain(flat('اسکول اور ماں کو فکر ہے کہ جب شام خراب گزرتی ہے تو کوئی کھانا نہیں بناتا، اور زینب بھوکی سکول آتی ہے۔'));
    expect(all).toContain('إذا استمرت زينب في الوصول إلى المدرسة جائعة');
    for (const page of pages) expect(page.outside).toEqual([]);
    // The pages as images, for review.
    const images = renderReviewImages('scripts', english, 80);
    expect(images).toHaveLength(pages.length);
  });

  it('draws each stretch of text with the glyphs HarfBuzz shapes for it in the same font, in visual order', async () => {
    const files = new Map(
      FACE_KEYS.flatMap((face) =>
        (['regular', 'bold'] as const).map((weight) => {
          const bytes = fs.readFileSync(faceFile({ face, weight }));
          return [readTrueType(bytes).postScriptName, { face, bytes }] as const;
        }),
      ),
    );
    const hbFonts = new Map<string, hb.Font>();
    const SCRIPT: Record<FaceKey, [string, string]> = {
      naskh: ['Arab', 'ar'],
      nastaliq: ['Arab', 'ur'],
      bengali: ['Beng', 'bn'],
      gurmukhi: ['Guru', 'pa'],
    };
    const checked = new Map<FaceKey, number>();
    const reshaped = new Set<FaceKey>();
    for (const run of drawnRuns(english)) {
      const file = files.get(run.font);
      expect(file, run.font).toBeDefined();
      // Stretches with digits mix two directions, and punctuation alone takes its direction from
      // around it; the rest are one direction and one shaping call.
      if (!file || /[0-9A-Za-z]/.test(run.actualText) || !/\p{L}/u.test(run.actualText)) continue;
      let font = hbFonts.get(run.font);
      if (!font) hbFonts.set(run.font, (font = new hb.Font(new hb.Face(new hb.Blob(file.bytes)))));
      const buffer = new hb.Buffer();
      buffer.addText(run.actualText);
      buffer.setDirection(ARABIC_LETTER.test(run.actualText) ? hb.Direction.RTL : hb.Direction.LTR);
      buffer.setScript(SCRIPT[file.face][0]);
      buffer.setLanguage(SCRIPT[file.face][1]);
      hb.shape(font, buffer);
      const expected = buffer
        .getGlyphInfos()
        .filter((g) => run.actualText[g.cluster] !== ' ')
        .map((g) => g.codepoint);
      expect(run.glyphs, `${run.font}: ${run.actualText}`).toEqual(expected);
      checked.set(file.face, (checked.get(file.face) ?? 0) + 1);
      // Shaping changes the glyphs: one per letter in typed order would not pass.
      const nominal = [...run.actualText].filter((c) => c !== ' ').map((c) => font.nominalGlyph(c.codePointAt(0) ?? 0) ?? 0);
      if (nominal.join() !== expected.join()) reshaped.add(file.face);
    }
    for (const face of FACE_KEYS) {
      expect(checked.get(face) ?? 0, face).toBeGreaterThanOrEqual(2);
      expect(reshaped.has(face), face).toBe(true);
    }
  });

  it('in Urdu wording: laid out from the right, headings at the right, table columns from the right, text as typed', async () => {
    const bytes = await build(scriptsSnapshot, { messages: URDU_SAMPLE });
    renderReviewImages('urdu-wording', bytes, 80);
    const pages = await readPdf(bytes);
    const all = flat(pages.map((p) => p.text).join(' '));
    for (const text of [
      URDU_SAMPLE.heading,
      URDU_SAMPLE.about.heading,
      URDU_SAMPLE.whoCame.heading,
      URDU_SAMPLE.page.number(1, pages.length),
    ])
      expect(all).toContain(flat(text));
    for (const text of scripts.texts) expect(all, text).toContain(flat(text));
    expect(all).not.toContain('About the conference');
    const first = pages[0]!;
    const rightEdge = ((210 - 18) * 72) / 25.4;
    const find = (s: string) => first.items.find((i) => flat(i.str) === flat(s));
    // Headings end at the right margin (and start well inside the page).
    for (const heading of [URDU_SAMPLE.about.heading, URDU_SAMPLE.whoCame.heading]) {
      const item = find(heading);
      expect(item, heading).toBeDefined();
      expect(Math.abs(item!.x + item!.width - rightEdge)).toBeLessThan(2);
      expect(item!.x).toBeGreaterThan(200);
    }
    // "Name" is the first column: at the right, before "Here as" to its left.
    const name = find(URDU_SAMPLE.whoCame.name);
    const hereAs = find(URDU_SAMPLE.whoCame.hereAs);
    expect(name && hereAs).toBeTruthy();
    expect(name!.x).toBeGreaterThan(hereAs!.x);
    // The same table in English reads from the left.
    const english = (await readPdf(await build(scriptsSnapshot)))[0]!;
    const en = (s: string) => english.items.find((i) => i.str === s)!;
    expect(en(ENGLISH.whoCame.name).x).toBeLessThan(en(ENGLISH.whoCame.hereAs).x);
  });

  it('a Bengali record reads back as typed', async () => {
    const fixture = buildBengaliFixture();
    const bytes = await build(conferenceSnapshot(fixture.doc, fixture.chairDoc));
    renderReviewImages('bengali', bytes, 80);
    const all = flat((await readPdf(bytes)).map((p) => p.text).join(' '));
    for (const text of [...fixture.confirmedTexts, ...fixture.names]) expect(all, text).toContain(flat(text));
  });

  it('a record in Latin script needs no shaping fonts; one in another script says clearly which fonts it lacks', () => {
    const latin = buildFixture('small');
    expect(summaryFaces(conferenceSnapshot(latin.doc, latin.chairDoc))).toEqual([]);
    expect(summaryFaces(scriptsSnapshot).map((f) => `${f.face}/${f.weight}`)).toEqual([
      'bengali/regular',
      'gurmukhi/regular',
      'naskh/regular',
      'nastaliq/regular',
    ]);
    // Urdu wording has bold headings.
    expect(summaryFaces(scriptsSnapshot, URDU_SAMPLE).map((f) => `${f.face}/${f.weight}`)).toContain('nastaliq/bold');
    expect(() => buildSummaryPdf(scriptsSnapshot, latinFonts())).toThrow(/fonts that were not loaded: bengali regular/);
  });
});
