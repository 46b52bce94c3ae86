import type { Bidi } from 'bidi-js';
import type { jsPDF } from 'jspdf';
import type { TextEngine } from './engine.js';
import type { FaceNeed } from './scripts.js';
import { Shaper } from './shaper.js';
import { ShapedText } from './shapedEngine.js';

/**
 * Everything needed to draw Arabic, Urdu, Bengali and Gurmukhi text: HarfBuzz (WebAssembly),
 * the bidi algorithm and the font files. It is loaded (asynchronously, once) only for a record
 * that needs it; with it, building the PDF stays a synchronous, pure function.
 */
export interface ShapingKit {
  /** The font files loaded. */
  readonly faces: readonly FaceNeed[];
  createEngine(pdf: jsPDF, options: { language: string; rtl: boolean }): TextEngine;
}

export async function loadShapingKit(needs: readonly FaceNeed[], read: (need: FaceNeed) => Promise<Uint8Array>): Promise<ShapingKit> {
  const [hb, bidiModule, files] = await Promise.all([import('harfbuzzjs'), import('bidi-js'), Promise.all(needs.map(read))]);
  const shaper = new Shaper(hb);
  // bidi-js is CommonJS in Node and ESM in the browser bundle; its default export is the factory in both.
  const bidi = (bidiModule.default as unknown as () => Bidi)();
  const faces = needs.map((need, i) => shaper.load(need.face, need.weight, files[i]!));
  return {
    faces: needs,
    createEngine: (pdf, options) => new ShapedText(pdf, { shaper, bidi, faces, ...options }),
  };
}
