import type { jsPDF } from 'jspdf';
import type { LoadedFace } from './shaper.js';
import { subsetTrueType } from './ttf.js';

/**
 * A font embedded in the PDF so that any glyph can be drawn by its id: what shaping needs, since
 * joined Arabic letters, Nastaliq's forms and Bengali conjuncts have no character of their own.
 * It is a Type0 font whose character ids are the glyph ids, plus "carrier" ids that draw the blank
 * glyph and give the text of a word (see `text/draw.ts`), so readers copy and search the text as
 * it was written. Only the glyphs drawn are kept in the embedded file.
 */

/** Glyphs drawn for show only: readers take their text from the carriers and skip these. */
const SHOW_ONLY = '200b';

interface PutFontArgs {
  font: { id: string; objectNumber?: number; isAlreadyPutted?: boolean };
  out: (line: string) => void;
  newObject: () => number;
  putStream: (options: { data: string; addLength1?: boolean; objectId: number }) => void;
}

interface JsPdfInternals {
  events: { subscribe(topic: string, handler: (args: PutFontArgs) => void): void };
  getFont(fontName: string, fontStyle: string): { id: string; metadata: unknown };
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** Bytes as the binary string jsPDF writes to its output. */
export function binaryString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

/** Text as the hexadecimal UTF-16 a PDF string or CMap takes. */
export function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

export class GlyphFont {
  /** The font's name in the page resources, for `Tf`. */
  readonly key: string;
  private readonly widths = new Map<number, number>();
  private readonly carriers = new Map<string, number>();
  private readonly carrierText: string[] = [];

  constructor(
    pdf: jsPDF,
    readonly face: LoadedFace,
  ) {
    const name = `${face.font.postScriptName}-${face.weight}`;
    // jsPDF registers fonts from its virtual file system; give it a file with no outlines (it
    // reads it once), then take over how the font is written.
    pdf.addFileToVFS(`${name}.ttf`, binaryString(subsetTrueType(face.font, [])));
    pdf.addFont(`${name}.ttf`, name, 'normal');
    const internal = pdf.internal as unknown as JsPdfInternals;
    const entry = internal.getFont(name, 'normal');
    entry.metadata = { shapedFont: name }; // not a TTFFont any more, so jsPDF's own writers skip it
    this.key = entry.id;
    internal.events.subscribe('putFont', (args) => {
      if (args.font.id === this.key) this.put(args);
    });
  }

  /** The character id that draws glyph `gid`. */
  glyph(gid: number): number {
    if (!this.widths.has(gid)) this.widths.set(gid, Math.round((this.face.advance(gid) * 1000) / this.face.unitsPerEm));
    return gid;
  }

  /** A character id that draws nothing, is `width` thousandths of the font size wide, and reads as `text`. */
  carrier(text: string, width: number): number {
    const w = Math.max(0, Math.round(width));
    const key = `${w}:${text}`;
    let cid = this.carriers.get(key);
    if (cid === undefined) {
      cid = this.face.font.numGlyphs + this.carrierText.length;
      if (cid > 0xffff) throw new Error('The record has too much text in one script for one PDF font.');
      this.carriers.set(key, cid);
      this.carrierText.push(text);
      this.widths.set(cid, w);
    }
    return cid;
  }

  private put({ font, out, newObject, putStream }: PutFontArgs): void {
    const f = this.face.font;
    const scale = (v: number): number => Math.round((v * 1000) / f.unitsPerEm);
    const glyphs = [...this.widths.keys()].filter((cid) => cid < f.numGlyphs);
    const file = newObject();
    putStream({ data: binaryString(subsetTrueType(f, glyphs)), addLength1: true, objectId: file });
    out('endobj');

    const maxCid = f.numGlyphs + this.carrierText.length - 1;
    const map = new Uint8Array((maxCid + 1) * 2);
    for (let cid = 0; cid <= maxCid; cid++) {
      const gid = cid < f.numGlyphs ? cid : this.face.blankGlyph;
      map[cid * 2] = gid >> 8;
      map[cid * 2 + 1] = gid & 0xff;
    }
    const cidToGid = newObject();
    putStream({ data: binaryString(map), objectId: cidToGid });
    out('endobj');

    const entries = [
      ...glyphs.map((cid) => `<${hex4(cid)}> <${SHOW_ONLY}>`),
      ...this.carrierText.map((text, i) => `<${hex4(f.numGlyphs + i)}> <${utf16Hex(text)}>`),
    ];
    let cmap =
      '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
      '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n';
    for (let i = 0; i < entries.length; i += 100) {
      const block = entries.slice(i, i + 100);
      cmap += `${block.length} beginbfchar\n${block.join('\n')}\nendbfchar\n`;
    }
    cmap += 'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend';
    const toUnicode = newObject();
    putStream({ data: cmap, objectId: toUnicode });
    out('endobj');

    // A subset's name starts with six capital letters and a plus sign.
    const tag = [...this.key.padStart(6, 'A')].map((c) => String.fromCharCode(65 + (c.charCodeAt(0) % 26))).join('');
    const baseFont = `${tag.slice(0, 6)}+${f.postScriptName}`;
    const descriptor = newObject();
    out(
      `<< /Type /FontDescriptor /FontName /${baseFont} /Flags 4 /FontBBox [${f.bbox.map(scale).join(' ')}] /ItalicAngle 0 ` +
        `/Ascent ${scale(f.ascender)} /Descent ${scale(f.descender)} /CapHeight ${scale(f.capHeight)} /StemV 80 /FontFile2 ${file} 0 R >>`,
    );
    out('endobj');
    const w = [...this.widths.entries()].sort((a, b) => a[0] - b[0]).map(([cid, width]) => `${cid} [${width}]`);
    const descendant = newObject();
    out(
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${baseFont} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
        `/FontDescriptor ${descriptor} 0 R /DW 0 /W [${w.join(' ')}] /CIDToGIDMap ${cidToGid} 0 R >>`,
    );
    out('endobj');
    font.objectNumber = newObject();
    out(
      `<< /Type /Font /Subtype /Type0 /BaseFont /${baseFont} /Encoding /Identity-H /DescendantFonts [${descendant} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
    );
    out('endobj');
    font.isAlreadyPutted = true;
  }
}
