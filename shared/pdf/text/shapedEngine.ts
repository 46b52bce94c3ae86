import type { jsPDF } from 'jspdf';
import type { CellHookData, UserOptions } from 'jspdf-autotable';
import type { Bidi } from 'bidi-js';
import { LATIN_FONT, type TableOptions, type TextEngine, type TextLine, type TextStyle } from './engine.js';
import { GlyphFont, utf16Hex } from './glyphFont.js';
import { layOut, type GlyphPiece, type LaidLine, type LayoutContext } from './layout.js';
import type { FaceKey, Weight } from './scripts.js';
import type { LoadedFace, Shaper } from './shaper.js';

/**
 * The text engine for records with Arabic, Urdu, Bengali or Gurmukhi text: lines laid out by
 * layout.ts (bidi, shaping, line breaks), glyphs drawn by id in embedded Noto fonts, and Latin runs
 * drawn by jsPDF as in every other record. Each word drawn in glyphs carries its text twice, for
 * readers that take text from /ActualText (Acrobat, Poppler, PDFium) and for those that read the
 * font's ToUnicode map (pdf.js, which Firefox uses): an invisible "carrier" with the word's text
 * sits under the glyphs, which themselves read as nothing.
 */

export interface ShapedTextOptions {
  shaper: Shaper;
  bidi: Bidi;
  faces: readonly LoadedFace[];
  language: string;
  rtl: boolean;
}

/** 1 pt in mm. */
const PT = 25.4 / 72;
/** Where an ordinary line (size × 0.45 mm high, baseline three quarters down) puts the baseline, in ems. */
const NORMAL_TOP = (0.75 * 0.45) / PT;
const NORMAL_BOTTOM = (0.25 * 0.45) / PT;
/** jspdf-autotable's line height and first baseline, as factors of the font size. */
const CELL_LINE = 1.15;
const CELL_FIRST_BASELINE = 2 - CELL_LINE;
/** Marks a line of a cell that the engine draws itself (the rest of the slot is the line's index). */
const LINE_SLOT = '\ue000';

interface ShapedLine extends TextLine {
  laid: LaidLine;
  /** The width in mm. */
  width: number;
}

interface JsPdfDrawing {
  getTextColor(): string;
  internal: { write(...s: string[]): void; getCoordinateString(v: number): string; getVerticalCoordinateString(v: number): string };
}

function rgbOperator(color: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return '0 g';
  return `${m
    .slice(1, 4)
    .map((h) => (parseInt(h, 16) / 255).toFixed(3))
    .join(' ')} rg`;
}

/** Text that pdf.js places without a width: with a combining mark, starting with a space or ending in a format character. */
const PDFJS_ZERO_WIDTH = /^\s|\p{Mn}|\p{Cf}$/u;

export class ShapedText implements TextEngine {
  readonly rtl: boolean;
  private readonly ctx: LayoutContext;
  private readonly fonts = new Map<LoadedFace, GlyphFont>();
  private readonly latinWidths = new Map<string, number>();
  private readonly cellLines: ShapedLine[] = [];
  private readonly cellSlots = new WeakMap<object, string[]>();

  constructor(
    private readonly pdf: jsPDF,
    options: ShapedTextOptions,
  ) {
    this.rtl = options.rtl;
    const byKey = new Map(options.faces.map((f) => [`${f.face}/${f.weight}`, f]));
    const face = (key: FaceKey, weight: Weight): LoadedFace | null => {
      const other: Weight = weight === 'bold' ? 'regular' : 'bold';
      const alternatives: FaceKey[] = key === 'nastaliq' ? ['nastaliq', 'naskh'] : key === 'naskh' ? ['naskh', 'nastaliq'] : [key];
      for (const k of alternatives)
        for (const w of [weight, other]) {
          const f = byKey.get(`${k}/${w}`);
          if (f) return f;
        }
      return null;
    };
    this.ctx = {
      shaper: options.shaper,
      bidi: options.bidi,
      face,
      latinWidth: (text, bold) => this.latinWidth(text, bold),
      latinHas: (cp) => this.latinHas(cp),
      language: options.language,
      rtl: options.rtl,
    };
  }

  private latinHas(codePoint: number): boolean {
    const font = (
      this.pdf.internal as unknown as {
        getFont(n: string, s: string): { metadata?: { cmap?: { unicode?: { codeMap?: Record<number, number> } } } };
      }
    ).getFont(LATIN_FONT, 'normal');
    return Boolean(font.metadata?.cmap?.unicode?.codeMap?.[codePoint]);
  }

  private latinWidth(text: string, bold: boolean): number {
    const font = (this.pdf.internal as unknown as { getFont(n: string, s: string): unknown }).getFont(LATIN_FONT, bold ? 'bold' : 'normal');
    let width = 0;
    for (const ch of text) {
      const key = `${bold ? 'b' : 'r'}${ch}`;
      let w = this.latinWidths.get(key);
      if (w === undefined) {
        // jsPDF's own measure (its options type lacks `font`, which it accepts).
        w = this.pdf.getStringUnitWidth(ch, { font } as unknown as { fontName: string; fontStyle: string });
        this.latinWidths.set(key, w);
      }
      width += w;
    }
    return width;
  }

  lines(text: string, width: number, style: TextStyle): ShapedLine[] {
    const em = style.size * PT;
    return layOut(this.ctx, text, width / em, style.bold ?? false).map((laid) => ({
      laid,
      width: laid.width * em,
      extraAbove: Math.max(0, laid.top - NORMAL_TOP) * em,
      extraBelow: Math.max(0, -laid.bottom - NORMAL_BOTTOM) * em,
    }));
  }

  draw(line: TextLine, x: number, width: number, y: number, style: TextStyle, align: 'start' | 'end' = 'start'): void {
    const { laid, width: lineWidth } = line as ShapedLine;
    const atRight = laid.rtl !== (align === 'end');
    const left = atRight ? x + width - lineWidth : x;
    const em = style.size * PT;
    for (const piece of laid.pieces) {
      if (piece.kind === 'latin') {
        this.pdf.setFont(LATIN_FONT, style.bold ? 'bold' : 'normal');
        this.pdf.setFontSize(style.size);
        this.pdf.text(piece.text, left + piece.x * em, y);
      } else this.drawGlyphs(piece, left, y, em, style.size);
    }
  }

  private fontFor(face: LoadedFace): GlyphFont {
    let font = this.fonts.get(face);
    if (!font) this.fonts.set(face, (font = new GlyphFont(this.pdf, face)));
    return font;
  }

  private drawGlyphs(piece: GlyphPiece, left: number, y: number, em: number, size: number): void {
    const font = this.fontFor(piece.face);
    const p = this.pdf as unknown as JsPdfDrawing;
    const hx = (v: number): string => p.internal.getCoordinateString(left + v * em);
    const vy = (v: number): string => p.internal.getVerticalCoordinateString(y - v * em);
    const show = (cid: number, gx: number, gy: number): string =>
      `1 0 0 1 ${hx(gx)} ${vy(gy)} Tm <${cid.toString(16).padStart(4, '0')}> Tj`;
    // One marked span per run: pdf.js starts a new text item at each span, and a run's words
    // must stay in one item for it to put them back in reading order.
    const out = ['q', 'BT', `/${font.key} ${size} Tf`, rgbOperator(p.getTextColor()), '0 Tc 0 Tw 100 Tz 0 Ts'];
    out.push(`/Span << /ActualText <feff${utf16Hex(piece.text)}> >> BDC`, '0 Tr');
    for (const g of piece.glyphs) out.push(show(font.glyph(g.gid), g.x, g.y));
    out.push('3 Tr');
    // Each word's carriers: its first character, as wide as the word, then the rest, zero wide, at
    // its end. pdf.js follows text by the widths of what it reads, but gives no width to text with
    // a combining mark (Bengali and Gurmukhi words are full of them): a first character without
    // marks keeps its count of where the word ends, so it puts the space between words where it is.
    for (const word of piece.words) {
      const wordWidth = (word.x1 - word.x0) * 1000;
      const [head, ...rest] = [...word.visual];
      const tail = rest.join('');
      if (!head || !tail || PDFJS_ZERO_WIDTH.test(head)) out.push(show(font.carrier(word.visual, wordWidth), word.x0, 0));
      else out.push(show(font.carrier(head, wordWidth), word.x0, 0), show(font.carrier(tail, 0), word.x1, 0));
    }
    out.push('EMC');
    out.push('ET', 'Q');
    p.internal.write(out.join('\n'));
  }

  table(options: TableOptions): UserOptions {
    const order = <T>(row: T[]): T[] => (this.rtl ? [...row].reverse() : row);
    const size = options.styles?.fontSize ?? 10;
    const slot = size * PT * CELL_LINE;
    // Lines laid out for a cell, by weight, width and text: once when a cell is parsed, reused when autotable fits it.
    const laidOut = new Map<string, ShapedLine[]>();
    const cellLines = (text: string, width: number, bold: boolean): ShapedLine[] => {
      const key = `${bold ? 'b' : 'r'}${width.toFixed(3)}|${text}`;
      let lines = laidOut.get(key);
      if (!lines) laidOut.set(key, (lines = this.lines(text, width, { size, bold })));
      return lines;
    };
    const columns = Object.entries(options.columnStyles ?? {});
    const count = options.body[0]?.length ?? options.head?.[0]?.length ?? 0;
    const columnStyles = Object.fromEntries(columns.map(([i, style]) => [this.rtl ? count - 1 - Number(i) : Number(i), style]));
    const textWidth = (cell: CellHookData['cell'], column: number): number =>
      Number((columnStyles[column] as { cellWidth?: unknown } | undefined)?.cellWidth ?? 0) - cell.padding('horizontal');
    const overflow =
      (bold: boolean) =>
      (text: string | string[], width: number): string[] =>
        cellLines(Array.isArray(text) ? text.join('\n') : text, width, bold).map((line) => `${LINE_SLOT}${this.cellLines.push(line) - 1}`);
    return {
      ...options,
      ...(options.head ? { head: options.head.map(order) } : {}),
      body: options.body.map(order),
      columnStyles,
      styles: { ...options.styles, overflow: overflow(false) },
      headStyles: { ...options.headStyles, overflow: overflow(true) },
      didParseCell: (data: CellHookData) => {
        // A cell with taller lines (Nastaliq) gets taller line slots, one per line, so that autotable
        // can still split a long cell between pages at a line and never through one.
        const width = textWidth(data.cell, data.column.index);
        if (width <= 0) return;
        const lines = cellLines(data.cell.text.join('\n'), width, data.cell.section === 'head');
        const extra = Math.max(0, ...lines.map((l) => l.extraAbove + l.extraBelow));
        if (extra > 0) data.cell.styles.fontSize = size * (1 + extra / slot);
      },
      willDrawCell: (data: CellHookData) => {
        // autotable draws the cell's background and borders; the engine draws its text after.
        // (A header repeated on the next page is the same cell, drawn again.)
        if (!this.cellSlots.has(data.cell)) this.cellSlots.set(data.cell, data.cell.text);
        data.cell.text = [];
      },
      didDrawCell: (data: CellHookData) => {
        const { cell } = data;
        const slots = this.cellSlots.get(cell) ?? [];
        const cellSlot = cell.styles.fontSize * PT * CELL_LINE;
        const top = cell.y + cell.padding('top') + size * PT * CELL_FIRST_BASELINE;
        const x = cell.x + cell.padding('left');
        const width = cell.width - cell.padding('left') - cell.padding('right');
        slots.forEach((s, k) => {
          const line = s.startsWith(LINE_SLOT) ? this.cellLines[Number(s.slice(1))] : undefined;
          if (line) this.draw(line, x, width, top + k * cellSlot + line.extraAbove, { size, bold: cell.section === 'head' });
        });
      },
    };
  }
}
