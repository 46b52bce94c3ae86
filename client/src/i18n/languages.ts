/**
 * The languages the screens are written in: English, and the languages families in England who
 * need an interpreter most often speak. Each is named in its own script, so a person finds theirs.
 * `numbers` is pinned so that every browser writes digits the same way.
 */
export const LANGUAGES = [
  { code: 'en', tag: 'en-GB', name: 'English', dir: 'ltr', numbers: 'latn' },
  { code: 'pl', tag: 'pl', name: 'Polski', dir: 'ltr', numbers: 'latn' },
  { code: 'ur', tag: 'ur', name: 'اردو', dir: 'rtl', numbers: 'latn' },
  { code: 'ro', tag: 'ro', name: 'Română', dir: 'ltr', numbers: 'latn' },
  { code: 'ar', tag: 'ar', name: 'العربية', dir: 'rtl', numbers: 'latn' },
  { code: 'pa', tag: 'pa-Guru', name: 'ਪੰਜਾਬੀ', dir: 'ltr', numbers: 'latn' },
  { code: 'bn', tag: 'bn', name: 'বাংলা', dir: 'ltr', numbers: 'beng' },
] as const;

export type Language = (typeof LANGUAGES)[number];
export type LanguageCode = Language['code'];

export const isLanguageCode = (value: unknown): value is LanguageCode => LANGUAGES.some((l) => l.code === value);

export function languageInfo(code: LanguageCode): Language {
  return LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0];
}

/** The language asked for in an address (`?lang=ur`), if it is one of ours. */
export function languageFromSearch(search: string): LanguageCode | null {
  const asked = new URLSearchParams(search).get('lang')?.toLowerCase() ?? null;
  return isLanguageCode(asked) ? asked : null;
}
