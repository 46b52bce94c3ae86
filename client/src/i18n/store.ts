import { create } from 'zustand';
import { isLanguageCode, languageFromSearch, type LanguageCode } from './languages';
import { createPseudoTranslator, createTranslator, type Translator } from './translate';
import type { Catalogue } from './types';

/**
 * The language of this screen. English is part of the first download; each other catalogue is
 * loaded only when someone chooses it. Each screen has its own: the chair's wall stays in the
 * chair's language while the family's tablet shows theirs. The choice is kept for the tab
 * (sessionStorage, like the token) and an address may ask for one (`?lang=ur`).
 */
const LOADERS: Record<Exclude<LanguageCode, 'en'>, () => Promise<{ catalogue: Catalogue }>> = {
  pl: () => import('./catalogues/pl'),
  ur: () => import('./catalogues/ur'),
  ro: () => import('./catalogues/ro'),
  ar: () => import('./catalogues/ar'),
  pa: () => import('./catalogues/pa'),
  bn: () => import('./catalogues/bn'),
};

const STORAGE_KEY = 'conference-board:language';

interface LanguageState {
  translator: Translator;
}

export const useLanguage = create<LanguageState>(() => ({ translator: createTranslator('en') }));

/** The words of this screen, in its language. */
export function useT(): Translator {
  return useLanguage((s) => s.translator);
}

function show(translator: Translator): void {
  document.documentElement.lang = translator.tag;
  document.documentElement.dir = translator.dir;
  document.title = translator.t('app.name');
}

async function translatorFor(code: LanguageCode): Promise<Translator> {
  if (code === 'en') return createTranslator('en');
  const { catalogue } = await LOADERS[code]();
  return createTranslator(code, catalogue.messages);
}

/** Changes the screen's language (loading its words first); a person's own choice is kept for this tab. */
export async function setLanguage(code: LanguageCode, chosen = true): Promise<void> {
  const translator = await translatorFor(code);
  useLanguage.setState({ translator });
  show(translator);
  if (!chosen) return;
  try {
    sessionStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Storage disabled: the choice lasts until the page is reloaded.
  }
  // An address that asked for a language asks for this one now, so a reload keeps it.
  const url = new URL(window.location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', code);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
}

/** The language a screen starts in: the address's, then the tab's last choice, then English. */
export function startingLanguage(): LanguageCode {
  const asked = languageFromSearch(window.location.search);
  if (asked) return asked;
  try {
    const kept = sessionStorage.getItem(STORAGE_KEY);
    if (isLanguageCode(kept)) return kept;
  } catch {
    // no storage: English
  }
  return 'en';
}

/** Loads the starting language before the first paint, so nobody sees English flash first. */
export async function startLanguage(): Promise<void> {
  if (new URLSearchParams(window.location.search).get('lang') === 'qps') {
    useLanguage.setState({ translator: createPseudoTranslator() });
    show(useLanguage.getState().translator);
    return;
  }
  const code = startingLanguage();
  try {
    await setLanguage(code, false);
  } catch {
    // The catalogue could not be loaded (offline): the screen stays in English.
    show(useLanguage.getState().translator);
  }
}
