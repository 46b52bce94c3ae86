/**
 * Which writing systems a piece of text needs, and so which fonts the PDF must load. Latin, Greek
 * and Cyrillic are drawn by jsPDF with DejaVu Sans as before; Arabic, Bengali and Gurmukhi text
 * needs shaping (HarfBuzz) and one of the Noto faces below. This module is small and has no
 * dependencies: the client uses it to decide whether to load the shaping engine at all.
 */

/** The Noto faces the shaping engine can draw with. */
export const FACE_KEYS = ['naskh', 'nastaliq', 'bengali', 'gurmukhi'] as const;
export type FaceKey = (typeof FACE_KEYS)[number];
export type Weight = 'regular' | 'bold';

/** One font file: a face in a weight. */
export interface FaceNeed {
  face: FaceKey;
  weight: Weight;
}

export type ShapedScript = 'arabic' | 'bengali' | 'gurmukhi';

/** The script of a character that needs shaping, or null for everything jsPDF draws itself. */
export function shapedScriptOf(cp: number): ShapedScript | null {
  if ((cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f) || (cp >= 0x0870 && cp <= 0x08ff)) return 'arabic';
  if ((cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff && cp !== 0xfeff)) return 'arabic';
  if (cp >= 0x0980 && cp <= 0x09ff) return 'bengali';
  if (cp >= 0x0a00 && cp <= 0x0a7f) return 'gurmukhi';
  return null;
}

const SHAPED = /[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefe\u0980-\u09ff\u0a00-\u0a7f]/;

/** Whether the text has any character that jsPDF cannot draw correctly by itself. */
export function needsShaping(text: string): boolean {
  return SHAPED.test(text);
}

/**
 * Letters that Urdu uses and Arabic does not (ٹ ڈ ڑ ں ھ ہ ۂ ۃ ے ۓ ۔, and the Persian-style ک گ ی):
 * text with any of them is set in Nastaliq, the style Urdu readers expect; other Arabic-script text
 * is set in Naskh.
 */
const URDU = /[\u0679\u0688\u0691\u06a9\u06af\u06ba\u06be\u06c1\u06c2\u06c3\u06cc\u06d2\u06d3\u06d4]/;

export function arabicFaceFor(text: string, documentLanguage: string): FaceKey {
  return documentLanguage === 'ur' || URDU.test(text) ? 'nastaliq' : 'naskh';
}

/** The face a character is drawn with, given the paragraph it is in. */
export function faceForScript(script: ShapedScript, paragraph: string, documentLanguage: string): FaceKey {
  return script === 'arabic' ? arabicFaceFor(paragraph, documentLanguage) : script;
}

/** Every string inside a value (objects and arrays walked; functions skipped). */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/**
 * The font files a document needs: each face met in `regularTexts` in its regular weight, and
 * each face met in `bothTexts` (the fixed wording, which has bold headings) in both weights.
 */
export function facesNeeded(regularTexts: readonly string[], bothTexts: readonly string[], documentLanguage: string): FaceNeed[] {
  const needs = new Map<string, FaceNeed>();
  const scan = (texts: readonly string[], weights: Weight[]): void => {
    // Line by line, as the text is laid out: each line picks its Arabic face by itself.
    for (const text of texts.flatMap((t) => t.split('\n'))) {
      if (!needsShaping(text)) continue;
      for (const ch of text) {
        const script = shapedScriptOf(ch.codePointAt(0) ?? 0);
        if (!script) continue;
        const face = faceForScript(script, text, documentLanguage);
        for (const weight of weights) needs.set(`${face}/${weight}`, { face, weight });
      }
    }
  };
  scan(regularTexts, ['regular']);
  scan(bothTexts, ['regular', 'bold']);
  return [...needs.values()].sort((a, b) => `${a.face}/${a.weight}`.localeCompare(`${b.face}/${b.weight}`));
}
