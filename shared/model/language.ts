import wordList from '../data/respectful-language.json' with { type: 'json' };
import type { AccessRole } from './types.js';

/**
 * Respectful language: as people type, flagged words and phrases get a kinder suggestion. It
 * matches whole words and phrases in any case, with common plural and tense forms, never inside
 * another word, and it never blocks anything.
 */
export interface LanguageHit {
  /** Where the flagged text starts and ends in the input. */
  start: number;
  end: number;
  text: string;
  suggest: string;
  /** What a one-click replacement puts in, when there is a simple one. */
  replaceWith: string | null;
}

export type TextContext = 'general' | 'danger';

interface Entry {
  terms: string[];
  forms: 'noun' | 'verb' | 'none';
  suggest: string;
  replaceWith?: string;
  except?: string[];
  only?: 'danger';
  caseSensitive?: string[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function variants(term: string, forms: Entry['forms']): string[] {
  if (forms === 'none' || /[A-Z]{2,}/.test(term)) return [term];
  const words = term.split(' ');
  const last = words.pop() as string;
  const head = words.length ? `${words.join(' ')} ` : '';
  const endings =
    forms === 'noun'
      ? [last, /(s|x|ch|sh)$/.test(last) ? `${last}es` : `${last}s`]
      : [last, `${last}s`, last.endsWith('e') ? `${last}d` : `${last}ed`, last.endsWith('e') ? `${last.slice(0, -1)}ing` : `${last}ing`];
  return endings.map((e) => head + e);
}

/** A term as a pattern: spaces and hyphens between words match each other. */
const pattern = (term: string): string =>
  term
    .split(/[\s-]+/)
    .map(escape)
    .join('[\\s\\u2010-\\u2015-]+');

interface Matcher {
  entry: Entry;
  regex: RegExp;
  except: RegExp | null;
}

const BOUNDARY_BEFORE = '(?<![\\p{L}\\p{N}])';
const BOUNDARY_AFTER = '(?![\\p{L}\\p{N}])';

const MATCHERS: Matcher[] = (wordList.entries as Entry[]).flatMap((entry) => {
  const sensitive = new Set(entry.caseSensitive ?? []);
  const insensitiveTerms = entry.terms.filter((t) => !sensitive.has(t)).flatMap((t) => variants(t, entry.forms));
  const sensitiveTerms = entry.terms.filter((t) => sensitive.has(t));
  const except = entry.except?.length
    ? new RegExp(`${BOUNDARY_BEFORE}(${entry.except.map(pattern).join('|')})${BOUNDARY_AFTER}`, 'giu')
    : null;
  const build = (terms: string[], flags: string): Matcher[] =>
    terms.length
      ? [
          {
            entry,
            except,
            regex: new RegExp(
              `${BOUNDARY_BEFORE}(${terms
                .sort((a, b) => b.length - a.length)
                .map(pattern)
                .join('|')})${BOUNDARY_AFTER}`,
              flags,
            ),
          },
        ]
      : [];
  return [...build(insensitiveTerms, 'giu'), ...build(sensitiveTerms, 'gu')];
});

/**
 * Hits already found, per context and text: the screens ask again for the same texts on every
 * change of the document and on every render, and the regular expressions are the costly part.
 * Bounded: emptied when full (typing makes a new text at every key).
 */
const CACHE_MAX = 5000;
const cache = new Map<string, readonly LanguageHit[]>();

/** Every flagged word or phrase in `text`, in order (the same array for the same text: do not change it). */
export function findLanguage(text: string, context: TextContext = 'general'): readonly LanguageHit[] {
  const key = `${context}\u0000${text}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const hits = scan(text, context);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, hits);
  return hits;
}

function scan(text: string, context: TextContext): LanguageHit[] {
  const hits: LanguageHit[] = [];
  for (const { entry, regex, except } of MATCHERS) {
    if (entry.only === 'danger' && context !== 'danger') continue;
    const excluded: Array<[number, number]> = except ? [...text.matchAll(except)].map((m) => [m.index, m.index + m[0].length]) : [];
    for (const m of text.matchAll(regex)) {
      const start = m.index;
      const end = start + m[0].length;
      if (excluded.some(([a, b]) => start >= a && end <= b)) continue;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ start, end, text: m[0], suggest: entry.suggest, replaceWith: entry.replaceWith ?? null });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The text with one hit replaced by its suggestion (keeping a capital letter at the start). */
export function applySuggestion(text: string, hit: LanguageHit): string {
  if (hit.replaceWith === null) return text;
  const capital = /^\p{Lu}/u.test(hit.text) && !/^\p{Lu}{2,}/u.test(hit.text);
  const replacement = capital ? hit.replaceWith[0]?.toUpperCase() + hit.replaceWith.slice(1) : hit.replaceWith;
  return text.slice(0, hit.start) + replacement + text.slice(hit.end);
}

/**
 * Whether to suggest wording at all. Hints are for professionals writing about a family: never on a
 * family member's or a young person's own words, neither while they type (`writer`) nor when someone
 * else edits what they wrote (`author`). A 15-year-old writing "My older boyfriend picks me up" is
 * not told how to describe grooming.
 */
export function offersHints(writer: AccessRole, author: AccessRole | null = null): boolean {
  return writer !== 'family' && author !== 'family';
}

/** How many wording suggestions are open across everything written in the conference. */
export function countOpenSuggestions(texts: ReadonlyArray<{ text: string; context?: TextContext }>): number {
  return texts.reduce((sum, t) => sum + findLanguage(t.text, t.context).length, 0);
}
