import type { en } from './en';

/** The English catalogue is the source: its keys are every message the screens show. */
export type English = typeof en;
export type MessageKey = keyof English;

export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];
/** A message that depends on a number (`{count}`): one form per plural category the language has. */
export type PluralForms = { readonly other: string } & { readonly [C in Exclude<PluralCategory, 'other'>]?: string };
export type Message = string | PluralForms;

/**
 * Another language's messages, under the English keys: a string where English has a string, plural
 * forms where English has them. A message that is missing falls back to English at run time.
 */
export type Messages = { readonly [K in MessageKey]?: English[K] extends string ? string : PluralForms };

/**
 * A catalogue: its messages, and the note that says who wrote it and that it awaits review. A
 * catalogue has every key English has (the typecheck fails on a missing one), and no other.
 */
export interface Catalogue {
  review: string;
  messages: Required<Messages>;
}

/** The `{name}`s in a message. */
type Holes<S> = S extends `${string}{${infer P}}${infer R}` ? P | Holes<R> : never;
export type ParamNames<K extends MessageKey> = English[K] extends string
  ? Holes<English[K]>
  : 'count' | Holes<English[K] extends { other: infer O } ? O : never>;

export type Param = string | number;
/** What `t(key, …)` takes after the key: nothing, or a value for each `{name}`. */
export type ParamsArg<K extends MessageKey, V = Param> = [ParamNames<K>] extends [never] ? [] : [params: Record<ParamNames<K>, V>];
