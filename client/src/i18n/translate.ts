import { longDate } from '../../../shared/model/index.js';
import { en } from './en';
import { languageInfo, type LanguageCode } from './languages';
import type { Message, MessageKey, Messages, Param, ParamsArg, PluralForms } from './types';

/** Letters written right to left (Arabic, Hebrew, Syriac, Thaana, N'Ko). */
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
/** A letter of any script written left to right. */
const LTR_LETTER = /(?![\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}])\p{L}/u;

/** Unicode's first-strong isolate: typed text keeps its own direction inside a sentence. */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

/**
 * Words every message in one language. `t(key, params)` gives the message with each `{name}`
 * filled in: numbers written the language's way, and text in the other direction (a Latin name in
 * an Urdu sentence, an Arabic name in an English one) isolated so it keeps its order. A message
 * with `{count}` takes the plural form the language's rules choose (Intl.PluralRules). A message
 * the language lacks is taken from English; a key is never shown.
 */
export interface Translator {
  readonly lang: LanguageCode;
  /** BCP 47 tag (for `lang=` and Intl). */
  readonly tag: string;
  readonly dir: 'ltr' | 'rtl';
  t<K extends MessageKey>(key: K, ...params: ParamsArg<K>): string;
  /** The message's template for `count`, unfilled (for messages with parts that are elements). */
  template(key: MessageKey, count?: number): string;
  /** A message whose key is only known at run time (a code from the server): null when there is none. */
  dynamic(key: string, params?: Readonly<Record<string, Param>>): string | null;
  /** True when this language has its own wording for the key. */
  has(key: string): boolean;
  /** A day, "Friday 4 December 2026", from "2026-12-04", as the PDF writes it. */
  date(iso: string): string;
  /** A time of day from a timestamp. */
  time(ms: number): string;
  number(n: number): string;
  /** A list of names or words: "Zoë, Łukasz". */
  list(items: readonly string[]): string;
  /** A parameter as `t` puts it into a sentence (isolated when its direction differs). */
  param(value: Param): string;
}

const ENGLISH_MESSAGES = en as Readonly<Record<string, Message>>;

export function createTranslator(lang: LanguageCode, messages: Messages = {}, mark?: (text: string) => string): Translator {
  const info = languageInfo(lang);
  const own = messages as Readonly<Record<string, Message | undefined>>;
  const plural = new Intl.PluralRules(info.tag);
  const englishPlural = new Intl.PluralRules('en-GB');
  const numbers = new Intl.NumberFormat(info.tag, { numberingSystem: info.numbers, maximumFractionDigits: 2 });
  const dates = new Intl.DateTimeFormat(info.tag, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
    numberingSystem: info.numbers,
  });
  const times = new Intl.DateTimeFormat(info.tag, { hour: '2-digit', minute: '2-digit', second: '2-digit', numberingSystem: info.numbers });
  const foreign = info.dir === 'rtl' ? LTR_LETTER : RTL_LETTER;

  const choose = (message: Message, rules: Intl.PluralRules, count: number): string =>
    typeof message === 'string' ? message : (message[rules.select(count)] ?? message.other);

  /** The template for a key: this language's when it has one of the same kind, else English's. */
  const templateOf = (key: string, count: number): string | null => {
    const english = ENGLISH_MESSAGES[key];
    if (english === undefined) return null;
    const mine = own[key];
    if (mine !== undefined && typeof mine === typeof english) return choose(mine, plural, count);
    return choose(english, englishPlural, count);
  };

  const param = (value: Param): string => {
    if (typeof value === 'number') return numbers.format(value);
    if (mark) return mark(value);
    const isolated = value.startsWith('\u2068') && value.endsWith('\u2069');
    return !isolated && foreign.test(value) ? isolate(value) : value;
  };

  const fill = (template: string, params: Readonly<Record<string, Param>>): string =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : param(value);
    });

  const countOf = (params: Readonly<Record<string, Param>>): number => (typeof params.count === 'number' ? params.count : 0);

  const translator: Translator = {
    lang,
    tag: info.tag,
    dir: info.dir,
    t: (key, ...args) => {
      const params = (args[0] ?? {}) as Readonly<Record<string, Param>>;
      return fill(templateOf(key, countOf(params)) ?? '', params);
    },
    template: (key, count = 0) => templateOf(key, count) ?? '',
    dynamic: (key, params = {}) => {
      const template = templateOf(key, countOf(params));
      return template === null ? null : fill(template, params);
    },
    has: (key) => own[key] !== undefined,
    date: (iso) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
      const d = new Date(`${iso}T12:00:00Z`);
      const day = lang === 'en' ? longDate(iso) : Number.isNaN(d.getTime()) ? iso : dates.format(d);
      return mark ? mark(day) : day;
    },
    time: (ms) => (mark ? mark(times.format(new Date(ms))) : times.format(new Date(ms))),
    number: (n) => numbers.format(n),
    list: (items) => items.map(param).join(translator.t('common.listSeparator')),
    param,
  };
  return translator;
}

/** Marks a test language's words: ⟦…⟧. */
export const PSEUDO_MARK = (text: string): string => `\u27E6${text}\u27E7`;

/**
 * A test language (`?lang=qps`, never offered): every message, every value put into one and every
 * date is English between ⟦ ⟧, so a browser test can find any word on a screen that did not come
 * through a catalogue. Not a language anyone reads.
 */
export function createPseudoTranslator(): Translator {
  const wrap = (m: Message): Message =>
    typeof m === 'string' ? PSEUDO_MARK(m) : (Object.fromEntries(Object.entries(m).map(([k, v]) => [k, PSEUDO_MARK(v)])) as PluralForms);
  const messages = Object.fromEntries(Object.entries(ENGLISH_MESSAGES).map(([k, m]) => [k, wrap(m)])) as Messages;
  return createTranslator('en', messages, PSEUDO_MARK);
}
