import type { jsPDF } from 'jspdf';
import type { UserOptions } from 'jspdf-autotable';

/**
 * How the summary puts text on the page. The layout code (summary.ts) asks for lines and draws
 * them; the engine decides how. `LatinText` is jsPDF as it always was (DejaVu Sans, no shaping),
 * so a record in Latin script is made exactly as before; the shaping engine (shapedEngine.ts,
 * loaded only when a record needs it) draws Arabic, Urdu, Bengali and Gurmukhi.
 */

/** The font the summary embeds for Latin, Greek and Cyrillic text. */
export const LATIN_FONT = 'DejaVuSans';

export interface TextStyle {
  /** Font size in points. */
  size: number;
  bold?: boolean;
}

/** One laid-out line. Taller scripts (Nastaliq) need room above or below an ordinary line. */
export interface TextLine {
  extraAbove: number;
  extraBelow: number;
}

export interface TextEngine {
  /** The document's direction: right-to-left documents have their tables' columns from the right. */
  readonly rtl: boolean;
  /** The lines of `text` ("\n" starts a new one) in a box `width` mm wide. */
  lines(text: string, width: number, style: TextStyle): TextLine[];
  /**
   * Draws a line in the box from `x` to `x + width` with its baseline at `y`: at the start of the
   * box for its direction (left for English, right for Urdu), or at the end.
   */
  draw(line: TextLine, x: number, width: number, y: number, style: TextStyle, align?: 'start' | 'end'): void;
  /** jspdf-autotable options with the engine's way of laying out and drawing cells. */
  table(options: TableOptions): UserOptions;
}

export type TableOptions = UserOptions & { head?: string[][]; body: string[][] };

/** Unicode's directional isolates and marks: the fixed wording puts them around what people typed. */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export const withoutBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, '');

interface LatinLine extends TextLine {
  text: string;
}

/** jsPDF's own text drawing, for records in Latin, Greek and Cyrillic script. */
export class LatinText implements TextEngine {
  readonly rtl = false;

  constructor(private readonly pdf: jsPDF) {}

  private use(style: TextStyle): void {
    this.pdf.setFont(LATIN_FONT, style.bold ? 'bold' : 'normal');
    this.pdf.setFontSize(style.size);
  }

  lines(text: string, width: number, style: TextStyle): LatinLine[] {
    this.use(style);
    return withoutBidiControls(text)
      .split('\n')
      .flatMap((raw) => this.pdf.splitTextToSize(raw === '' ? ' ' : raw, width) as string[])
      .map((line) => ({ text: line, extraAbove: 0, extraBelow: 0 }));
  }

  draw(line: TextLine, x: number, width: number, y: number, style: TextStyle, align: 'start' | 'end' = 'start'): void {
    this.use(style);
    const { text } = line as LatinLine;
    if (align === 'end') this.pdf.text(text, x + width, y, { align: 'right' });
    else this.pdf.text(text, x, y);
  }

  table(options: TableOptions): UserOptions {
    const clean = (rows: string[][] | undefined): string[][] | undefined => rows?.map((row) => row.map(withoutBidiControls));
    const head = clean(options.head);
    return { ...options, ...(head ? { head } : {}), body: clean(options.body) ?? [] };
  }
}
