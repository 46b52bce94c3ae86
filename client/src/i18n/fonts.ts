import { FACE_URLS } from '../pdfFonts';

/**
 * Fonts for the scripts a device may lack (Arabic and Urdu, Bengali, Gurmukhi): the same Noto files
 * the PDF uses, declared with their Unicode ranges and after the system's fonts in the font list,
 * so a browser fetches one only when a page shows a character of its script (the language list
 * does) and the device has neither a system font with it nor one of the usual fonts for the script
 * (tried first with local()). An Urdu screen is set in Nastaliq, as Urdu is written.
 */
const RANGES = {
  arabic: 'U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF, U+200C-200F, U+2066-2069',
  bengali: 'U+0980-09FF, U+200C-200D, U+25CC',
  gurmukhi: 'U+0A00-0A7F, U+200C-200D, U+25CC',
};

/** Each face, with the fonts devices commonly have for the script, tried (local()) before any download. */
const FACES: Array<[family: string, face: keyof typeof FACE_URLS, range: string, local: string[]]> = [
  ['Conference Naskh', 'naskh', RANGES.arabic, ['Noto Naskh Arabic', 'Noto Naskh Arabic UI', 'Segoe UI', 'Geeza Pro']],
  ['Conference Nastaliq', 'nastaliq', RANGES.arabic, ['Noto Nastaliq Urdu', 'Urdu Typesetting']],
  ['Conference Bengali', 'bengali', RANGES.bengali, ['Noto Sans Bengali', 'Nirmala UI', 'Vrinda', 'Kohinoor Bangla', 'Bangla Sangam MN']],
  ['Conference Gurmukhi', 'gurmukhi', RANGES.gurmukhi, ['Noto Sans Gurmukhi', 'Nirmala UI', 'Raavi', 'Gurmukhi Sangam MN', 'Gurmukhi MN']],
];

/**
 * Declares the faces with the CSS Font Loading API (document.fonts), not an inline <style>, which
 * the Content-Security-Policy (style-src 'self') refuses. A face added so is fetched, like an
 * @font-face rule, only when a page shows a character in its range.
 */
export function declareScriptFonts(): void {
  if (typeof FontFace === 'undefined' || !('fonts' in document)) return;
  for (const [family, face, range, local] of FACES) {
    for (const weight of ['regular', 'bold'] as const) {
      const sources = [
        ...local.map((name) => `local('${name}${weight === 'bold' ? ' Bold' : ''}')`),
        `url('${FACE_URLS[face][weight]}') format('truetype')`,
      ];
      document.fonts.add(
        new FontFace(family, sources.join(','), { weight: weight === 'bold' ? '700' : '400', display: 'swap', unicodeRange: range }),
      );
    }
  }
}
