import { FACE_URLS } from '../pdfFonts';

/**
 * Fonts for the scripts a device may lack (Arabic and Urdu, Bengali, Gurmukhi): the same Noto files
 * the PDF uses, declared with their Unicode ranges, so a browser fetches one only when a page shows
 * a character of its script, and only if none of the device's own fonts has it (they come later in
 * the font list, after the system's). An Urdu screen is set in Nastaliq, as Urdu is written.
 */
const RANGES = {
  arabic: 'U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF, U+200C-200F, U+2066-2069',
  bengali: 'U+0980-09FF, U+200C-200D, U+25CC',
  gurmukhi: 'U+0A00-0A7F, U+200C-200D, U+25CC',
};

const FACES: Array<[family: string, face: keyof typeof FACE_URLS, range: string]> = [
  ['Conference Naskh', 'naskh', RANGES.arabic],
  ['Conference Nastaliq', 'nastaliq', RANGES.arabic],
  ['Conference Bengali', 'bengali', RANGES.bengali],
  ['Conference Gurmukhi', 'gurmukhi', RANGES.gurmukhi],
];

export function declareScriptFonts(): void {
  const css = FACES.flatMap(([family, face, range]) =>
    (['regular', 'bold'] as const).map(
      (weight) =>
        `@font-face{font-family:'${family}';src:url('${FACE_URLS[face][weight]}') format('truetype');font-weight:${weight === 'bold' ? 700 : 400};font-display:swap;unicode-range:${range}}`,
    ),
  ).join('\n');
  const style = document.createElement('style');
  style.dataset.fonts = 'scripts';
  style.textContent = css;
  document.head.appendChild(style);
}
