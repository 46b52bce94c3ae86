import type { Bidi } from 'bidi-js';
import { faceForScript, shapedScriptOf, type FaceKey, type Weight } from './scripts.js';
import type { LoadedFace, Shaper } from './shaper.js';

/**
 * Lays out one paragraph of mixed scripts: the Unicode bidi algorithm (bidi-js) gives each
 * character its direction, each character gets a font (a Noto face for Arabic, Bengali and
 * Gurmukhi, DejaVu Sans through jsPDF for the rest), HarfBuzz shapes the runs, the paragraph is
 * broken into lines at spaces, and each line's runs are put in visual order. Lengths are in ems
 * (multiples of the font size), so a line can be drawn at any size.
 */

export interface LayoutContext {
  shaper: Shaper;
  bidi: Bidi;
  /** The loaded face for a key and weight, falling back to another weight or Arabic style. */
  face(key: FaceKey, weight: Weight): LoadedFace | null;
  /** The width of text drawn by jsPDF in DejaVu Sans, in ems, and whether DejaVu Sans has a character. */
  latinWidth(text: string, bold: boolean): number;
  latinHas(codePoint: number): boolean;
  /** The document's language and direction: the direction of text with no strong letters. */
  language: string;
  rtl: boolean;
}

/** A run of shaped glyphs, with the words it carries for copying and search. */
export interface GlyphPiece {
  kind: 'glyphs';
  face: LoadedFace;
  /** The run's text as written (logical order). */
  text: string;
  x: number;
  width: number;
  glyphs: Array<{ gid: number; x: number; y: number }>;
  /** Each word: its text as written, its text in visual order (as readers expect it), and where it is. */
  words: Array<{ text: string; visual: string; x0: number; x1: number }>;
}

/** A run that jsPDF draws as it always has. */
export interface LatinPiece {
  kind: 'latin';
  text: string;
  x: number;
  width: number;
}

export interface LaidLine {
  pieces: Array<GlyphPiece | LatinPiece>;
  width: number;
  /** The paragraph's direction: right-to-left lines start at the right. */
  rtl: boolean;
  /** How far the glyphs reach above and below the baseline. */
  top: number;
  bottom: number;
}

/** Latin text's reach, roughly DejaVu Sans's. */
const LATIN_TOP = 0.76;
const LATIN_BOTTOM = -0.24;

type Face = LoadedFace | 'latin';

const ISOLATE_OPEN = new Set(['LRI', 'RLI', 'FSI']);
const CONTROL = new Set(['LRI', 'RLI', 'FSI', 'PDI', 'LRE', 'RLE', 'LRO', 'RLO', 'PDF']);
const isSpace = (c: string | undefined): boolean => c === ' ';
const isMark = (c: string): boolean => /\p{M}/u.test(c);
const JOINS_NEXT = new Set(['\u09cd', '\u0a4d', '\u200d', '\u200c']);

/** The paragraph's direction: its first strong letter outside isolates, else the document's. */
function paragraphRtl(text: string, bidi: Bidi, documentRtl: boolean): boolean {
  let depth = 0;
  for (const ch of text) {
    const type = bidi.getBidiCharTypeName(ch);
    if (ISOLATE_OPEN.has(type)) depth++;
    else if (type === 'PDI') depth = Math.max(0, depth - 1);
    else if (depth === 0 && type === 'L') return false;
    else if (depth === 0 && (type === 'R' || type === 'AL')) return true;
  }
  return documentRtl;
}

interface Paragraph {
  text: string;
  rtl: boolean;
  levels: Uint8Array;
  /** The font of each character; null for bidi controls, which are not drawn. */
  faces: Array<Face | null>;
  /** Each character's advance, in ems (a cluster's width counted on its first character). */
  advances: Float64Array;
}

function analyse(ctx: LayoutContext, text: string, bold: boolean): Paragraph {
  const weight: Weight = bold ? 'bold' : 'regular';
  const rtl = paragraphRtl(text, ctx.bidi, ctx.rtl);
  const { levels } = ctx.bidi.getEmbeddingLevels(text, rtl ? 'rtl' : 'ltr');
  const n = text.length;
  const faces: Array<Face | null | undefined> = new Array(n);
  // Letters first: a shaped script's face, or Latin for every other letter.
  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    const type = ctx.bidi.getBidiCharTypeName(ch);
    if (CONTROL.has(type)) faces[i] = null;
    else {
      const script = shapedScriptOf(ch.charCodeAt(0));
      if (script) faces[i] = ctx.face(faceForScript(script, text, ctx.language), weight) ?? 'latin';
      // Letters DejaVu Sans lacks (the danda । that Bengali and Gurmukhi share) go with their neighbours.
      else if ((type === 'L' || type === 'R' || type === 'AL') && ctx.latinHas(ch.charCodeAt(0))) faces[i] = 'latin';
    }
  }
  // Spaces, digits, punctuation and marks: the font of the nearest letter in the same direction
  // (before, then after) that has the character, else Latin.
  const strongAt = (i: number): Face | null => {
    const f = faces[i];
    return f === undefined || f === null ? null : f;
  };
  const resolved = faces.slice();
  for (let i = 0; i < n; i++) {
    if (faces[i] !== undefined) continue;
    const cp = text.charCodeAt(i);
    const fits = (f: Face): boolean => f === 'latin' || f.hasGlyph(cp);
    let pick: Face | null = null;
    for (const step of [-1, 1]) {
      for (let j = i + step; j >= 0 && j < n && !pick; j += step) {
        const f = strongAt(j);
        if (f && levels[j] === levels[i]) {
          if (fits(f)) pick = f;
          break;
        }
      }
      if (pick) break;
    }
    if (!pick && i > 0 && resolved[i - 1] && resolved[i - 1] !== 'latin' && fits(resolved[i - 1] as Face)) pick = resolved[i - 1] as Face;
    resolved[i] = pick ?? 'latin';
  }
  const finalFaces = resolved as Array<Face | null>;
  const advances = new Float64Array(n);
  for (const run of runsOf(finalFaces, levels, 0, n)) {
    if (run.face === 'latin') {
      for (let i = run.start; i < run.end; i++) if (finalFaces[i] !== null) advances[i] = ctx.latinWidth(text[i]!, bold);
    } else {
      const upem = run.face.unitsPerEm;
      for (const g of ctx.shaper.shape(run.face, text, run.start, run.end - run.start, run.level % 2 === 1))
        advances[g.cluster] = (advances[g.cluster] ?? 0) + g.xAdvance / upem;
    }
  }
  return { text, rtl, levels, faces: finalFaces, advances };
}

interface Run {
  start: number;
  end: number;
  face: Face;
  level: number;
}

/** Maximal runs of one font and one direction in [start, end); bidi controls join either side. */
function runsOf(faces: ReadonlyArray<Face | null>, levels: Uint8Array, start: number, end: number): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (let i = start; i < end; i++) {
    const face = faces[i];
    if (face === null || face === undefined) {
      if (current) current.end = i + 1;
      continue;
    }
    const level = levels[i] ?? 0;
    if (current && current.face === face && current.level === level) current.end = i + 1;
    else runs.push((current = { start: i, end: i + 1, face, level }));
  }
  return runs;
}

/** Where lines break: after spaces, or inside a word that is wider than the line. */
function breakLines(p: Paragraph, maxWidth: number): Array<[number, number]> {
  const { text, advances } = p;
  const n = text.length;
  const lines: Array<[number, number]> = [];
  let pos = 0;
  while (pos < n) {
    let width = 0;
    let lastBreak = -1;
    let i = pos;
    let end = n;
    let next = n;
    for (; i < n; i++) {
      if (isSpace(text[i])) {
        if (!isSpace(text[i - 1])) lastBreak = i;
        width += advances[i]!;
        continue;
      }
      if (width + advances[i]! > maxWidth && i > pos) {
        if (lastBreak > pos) end = lastBreak;
        else {
          // One word wider than the line: break it between two clusters.
          end = i;
          while (end > pos + 1 && (isMark(text[end]!) || JOINS_NEXT.has(text[end - 1]!) || advances[end] === 0)) end--;
        }
        next = end;
        break;
      }
      width += advances[i]!;
    }
    if (i >= n) end = n;
    while (end > pos && isSpace(text[end - 1])) end--;
    while (next < n && isSpace(text[next])) next++;
    lines.push([pos, Math.max(end, pos)]);
    if (next <= pos) next = pos + 1;
    pos = next;
  }
  return lines.length ? lines : [[0, 0]];
}

/** Unicode's rule L2: reverse every sequence of runs at each level from the highest down to the lowest odd one. */
function visualOrder(runs: Run[]): Run[] {
  const out = runs.slice();
  const max = Math.max(0, ...out.map((r) => r.level));
  const minOdd = Math.min(...out.map((r) => (r.level % 2 === 1 ? r.level : Infinity)));
  for (let level = max; level >= minOdd && level > 0; level--) {
    for (let i = 0; i < out.length;) {
      if (out[i]!.level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < out.length && out[j]!.level >= level) j++;
      const reversed = out.slice(i, j).reverse();
      out.splice(i, j - i, ...reversed);
      i = j;
    }
  }
  return out;
}

function layLine(ctx: LayoutContext, p: Paragraph, start: number, end: number, bold: boolean): LaidLine {
  const { text } = p;
  const pieces: LaidLine['pieces'] = [];
  let x = 0;
  let top = LATIN_TOP;
  let bottom = LATIN_BOTTOM;
  const runs = visualOrder(runsOf(p.faces, p.levels, start, end));
  for (let r = 0; r < runs.length;) {
    const run = runs[r]!;
    if (run.face === 'latin') {
      let s = '';
      for (let i = run.start; i < run.end; i++) if (p.faces[i] !== null) s += text[i];
      // A right-to-left run of Latin-font characters (punctuation between Arabic words, say).
      if (run.level % 2 === 1)
        s = [...s]
          .reverse()
          .map((c) => ctx.bidi.getMirroredCharacter(c) ?? c)
          .join('');
      const width = ctx.latinWidth(s, bold);
      pieces.push({ kind: 'latin', text: s, x, width });
      x += width;
      r++;
      continue;
    }
    // Runs side by side in one face (Arabic words and the numbers among them) make one piece, so
    // that readers get them as one stretch of text to put back in reading order.
    const face = run.face;
    const group: Run[] = [];
    while (r < runs.length && runs[r]!.face === face) group.push(runs[r++]!);
    const upem = face.unitsPerEm;
    const glyphs: GlyphPiece['glyphs'] = [];
    const words: GlyphPiece['words'] = [];
    const pieceX = x;
    for (const part of group) {
      const rtl = part.level % 2 === 1;
      const spans = new Map<number, { x0: number; x1: number }>();
      // Words: split at spaces, each known by the index of its first character.
      const wordOf = new Int32Array(part.end - part.start).fill(-1);
      for (let i = part.start, w = -1; i < part.end; i++) {
        if (isSpace(text[i])) w = -1;
        else if (p.faces[i] !== null) {
          if (w < 0) w = i;
          wordOf[i - part.start] = w;
        }
      }
      let pen = 0;
      for (const g of ctx.shaper.shape(face, text, part.start, part.end - part.start, rtl)) {
        const gx = pen + g.xOffset / upem;
        const gy = g.yOffset / upem;
        const advance = g.xAdvance / upem;
        if (p.faces[g.cluster] !== null && !isSpace(text[g.cluster])) {
          glyphs.push({ gid: g.gid, x: x + gx, y: gy });
          const e = face.extents(g.gid);
          if (e.top !== e.bottom) {
            top = Math.max(top, gy + e.top / upem);
            bottom = Math.min(bottom, gy + e.bottom / upem);
          }
          const w = wordOf[g.cluster - part.start] ?? -1;
          if (w >= 0) {
            const span = spans.get(w) ?? { x0: Infinity, x1: -Infinity };
            span.x0 = Math.min(span.x0, x + pen);
            span.x1 = Math.max(span.x1, x + pen + advance);
            spans.set(w, span);
          }
        }
        pen += advance;
      }
      for (const [key, span] of spans) {
        let logical = '';
        for (let i = key; i < part.end && !isSpace(text[i]); i++) if (p.faces[i] !== null) logical += text[i];
        words.push({ text: logical, visual: rtl ? [...logical].reverse().join('') : logical, x0: span.x0, x1: span.x1 });
      }
      x += pen;
    }
    words.sort((a, b) => a.x0 - b.x0);
    let logicalText = '';
    for (const part of [...group].sort((a, b) => a.start - b.start))
      for (let i = part.start; i < part.end; i++) if (p.faces[i] !== null) logicalText += text[i];
    pieces.push({ kind: 'glyphs', face, text: logicalText, x: pieceX, width: x - pieceX, glyphs, words });
  }
  return { pieces, width: x, rtl: p.rtl, top, bottom };
}

/** Lays out text (lines separated by "\n") in lines at most `maxWidth` ems wide. */
export function layOut(ctx: LayoutContext, text: string, maxWidth: number, bold: boolean): LaidLine[] {
  const lines: LaidLine[] = [];
  for (const raw of text.split('\n')) {
    const p = analyse(ctx, raw, bold);
    for (const [start, end] of breakLines(p, maxWidth)) lines.push(layLine(ctx, p, start, end, bold));
  }
  return lines;
}
