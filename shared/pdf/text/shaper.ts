import type * as HarfBuzz from 'harfbuzzjs';
import type { FaceKey, Weight } from './scripts.js';
import { readTrueType, type TrueTypeFont } from './ttf.js';

/** One glyph as HarfBuzz placed it, in font units; `cluster` is the index of its first character. */
export interface ShapedGlyph {
  gid: number;
  cluster: number;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A font file ready to shape and to embed. */
export interface LoadedFace {
  face: FaceKey;
  weight: Weight;
  font: TrueTypeFont;
  unitsPerEm: number;
  /** The glyph drawn for a space: the invisible glyph that carries text for copying and search. */
  blankGlyph: number;
  hasGlyph(codePoint: number): boolean;
  advance(gid: number): number;
  /** How far the glyph reaches above and below its baseline, in font units. */
  extents(gid: number): { top: number; bottom: number };
}

/** HarfBuzz's script tags and the language each face is made for. */
const SCRIPT: Record<FaceKey, { script: string; language: string }> = {
  naskh: { script: 'Arab', language: 'ar' },
  nastaliq: { script: 'Arab', language: 'ur' },
  bengali: { script: 'Beng', language: 'bn' },
  gurmukhi: { script: 'Guru', language: 'pa' },
};

export class Shaper {
  private readonly fonts = new Map<LoadedFace, HarfBuzz.Font>();
  private readonly buffer: HarfBuzz.Buffer;

  constructor(private readonly hb: typeof HarfBuzz) {
    this.buffer = new hb.Buffer();
  }

  /** Reads a font file; it can then be shaped with and embedded. */
  load(face: FaceKey, weight: Weight, bytes: Uint8Array): LoadedFace {
    const font = readTrueType(bytes);
    const hbFont = new this.hb.Font(new this.hb.Face(new this.hb.Blob(bytes)));
    const extents = new Map<number, { top: number; bottom: number }>();
    const advances = new Map<number, number>();
    const loaded: LoadedFace = {
      face,
      weight,
      font,
      unitsPerEm: font.unitsPerEm,
      blankGlyph: hbFont.nominalGlyph(0x20) ?? 0,
      hasGlyph: (cp) => (hbFont.nominalGlyph(cp) ?? 0) !== 0,
      advance: (gid) => {
        let a = advances.get(gid);
        if (a === undefined) advances.set(gid, (a = hbFont.glyphHAdvance(gid)));
        return a;
      },
      extents: (gid) => {
        let e = extents.get(gid);
        if (!e) {
          const x = hbFont.glyphExtents(gid);
          e = x ? { top: x.yBearing, bottom: x.yBearing + x.height } : { top: 0, bottom: 0 };
          extents.set(gid, e);
        }
        return e;
      },
    };
    this.fonts.set(loaded, hbFont);
    return loaded;
  }

  /**
   * Shapes `length` characters of `text` from `start`, with the rest of the text as context (so
   * letters join across a change of font or direction). Glyphs come back in visual order, left
   * to right, as HarfBuzz returns them.
   */
  shape(face: LoadedFace, text: string, start: number, length: number, rtl: boolean): ShapedGlyph[] {
    const hbFont = this.fonts.get(face);
    if (!hbFont) throw new Error('This font was not loaded by this shaper.');
    const b = this.buffer;
    b.reset();
    b.addText(text, start, length);
    b.setDirection(rtl ? this.hb.Direction.RTL : this.hb.Direction.LTR);
    b.setScript(SCRIPT[face.face].script);
    b.setLanguage(SCRIPT[face.face].language);
    this.hb.shape(hbFont, b);
    const infos = b.getGlyphInfos();
    const positions = b.getGlyphPositions();
    return infos.map((g, i) => {
      const p = positions[i]!;
      return { gid: g.codepoint, cluster: g.cluster, xAdvance: p.xAdvance, xOffset: p.xOffset, yOffset: p.yOffset };
    });
  }
}
