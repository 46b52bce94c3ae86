import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Reading a summary PDF back, for the tests: its text (pdf.js), its pages as images (pdftoppm), the glyphs it draws. */

export interface PageText {
  text: string;
  outside: string[];
  /** Each text item with where it starts and how wide it is, in PDF points from the bottom left. */
  items: Array<{ str: string; x: number; y: number; width: number }>;
}

/** Reads a PDF back with pdf.js: each page's text, and any text drawn outside the page box. */
export async function readPdf(bytes: Uint8Array): Promise<PageText[]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const outside: string[] = [];
    const items: PageText['items'] = [];
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : ' ');
      const x = item.transform[4] as number;
      const y = item.transform[5] as number;
      if (item.str.trim()) items.push({ str: item.str, x, y, width: item.width });
      if (item.str.trim() && (x < x0 || x + item.width > x1 + 0.5 || y < y0 || y > y1)) outside.push(item.str);
    }
    pages.push({ text, outside, items });
  }
  return pages;
}

/** Whitespace folded, and canonical Unicode (NFC) so that equal text compares equal. */
export const flat = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Writes the PDF and its pages as PNG review images to test-results/pdf/; returns the image files. */
export function renderReviewImages(name: string, bytes: Uint8Array, resolution = 60): string[] {
  const dir = path.resolve('test-results/pdf');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  for (const old of fs.readdirSync(dir)) if (new RegExp(`^${name}-\\d+\\.png$`).test(old)) fs.rmSync(path.join(dir, old));
  // Debian's poppler-utils, installed by .ci/run: the pages as PNG review images.
  execFileSync('pdftoppm', ['-png', '-r', String(resolution), file, path.join(dir, name)]);
  return fs
    .readdirSync(dir)
    .filter((f) => new RegExp(`^${name}-\\d+\\.png$`).test(f))
    .map((f) => path.join(dir, f));
}

/** One stretch of shaped text as the PDF draws it: the font, the text it says it is, the glyphs drawn. */
export interface DrawnRun {
  font: string;
  actualText: string;
  glyphs: number[];
}

/**
 * The runs of glyphs drawn inside `/ActualText` spans, read straight from the PDF's objects and
 * content streams (as jsPDF writes them: one object per "N 0 obj", Flate streams).
 */
export function drawnRuns(bytes: Uint8Array): DrawnRun[] {
  const raw = Buffer.from(bytes).toString('latin1');
  const objects = new Map<number, string>();
  const streams: string[] = [];
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    objects.set(Number(m[1]), body);
    const s = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body);
    if (s && /\/FlateDecode/.test(body)) {
      try {
        streams.push(zlib.inflateSync(Buffer.from(s[1]!, 'latin1')).toString('latin1'));
      } catch {
        // A stream that is not content (fonts are Flate too and inflate fine; anything else is skipped).
      }
    }
  }
  const fontNames = new Map<string, string>();
  const dict = /\/Font <<([\s\S]*?)>>/.exec(raw)?.[1] ?? '';
  for (const [, key, num] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const base = /\/BaseFont \/(?:[A-Z]{6}\+)?([^\s/]+)/.exec(objects.get(Number(num)) ?? '');
    if (base) fontNames.set(key!, base[1]!);
  }
  const runs: DrawnRun[] = [];
  for (const content of streams) {
    if (!content.includes('BDC')) continue;
    let font = '';
    let current: DrawnRun | null = null;
    let visible = true;
    for (const token of content.matchAll(/\/(F\d+) [\d.]+ Tf|\/ActualText <([0-9a-f]*)>|EMC|([03]) Tr|<([0-9a-f]{4})> Tj/g)) {
      if (token[1]) font = fontNames.get(token[1]) ?? token[1];
      else if (token[2] !== undefined) {
        const hex = token[2].replace(/^feff/, '');
        let text = '';
        for (let i = 0; i < hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
        current = { font, actualText: text, glyphs: [] };
        runs.push(current);
      } else if (token[0] === 'EMC') current = null;
      else if (token[3]) visible = token[3] === '0';
      else if (token[4] && current && visible) current.glyphs.push(parseInt(token[4], 16));
    }
  }
  return runs;
}
