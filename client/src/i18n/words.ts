import {
  CP_CATEGORIES,
  EXTRA_FAMILIAL_HARM,
  ValidationError,
  type ColumnId,
  type MessageParams,
  type RefusalCode,
  type SmartIssue,
  type StageId,
  type TimescaleWarning,
  type ValidationCode,
} from '../../../shared/model/index.js';
import { ApiError } from '../api';
import { en } from './en';
import type { Translator } from './translate';
import type { MessageKey } from './types';

/**
 * The domain's words in the screen's language: headings, stages, roles, and every refusal (the
 * model's, the server's, the relay's) worded from its code. The family reads the plain wording
 * (`<key>.family`) where there is one.
 */
export function forFamily<K extends MessageKey>(key: K, family: boolean): K {
  if (!family) return key;
  const plain = `${key}.family`;
  return (Object.prototype.hasOwnProperty.call(en, plain) ? plain : key) as K;
}

export const headingOf = (t: Translator, column: ColumnId, family: boolean): string => t.t(forFamily(`column.${column}`, family));

export const stageOf = (t: Translator, stage: StageId, family: boolean): string => t.t(forFamily(`stage.${stage}`, family));

/**
 * The roles offered on the join form. What is stored is the English (the record's language), and
 * each screen shows it in its own language; a role someone typed is shown as typed.
 */
export const PROFESSIONAL_ROLES = [
  ['Social worker', 'role.socialWorker'],
  ['Team manager', 'role.teamManager'],
  ['School', 'role.school'],
  ['Health visitor', 'role.healthVisitor'],
  ['School nurse', 'role.schoolNurse'],
  ['GP', 'role.gp'],
  ['Police', 'role.police'],
  ["Children's mental health (CAMHS)", 'role.camhs'],
  ['Early help', 'role.earlyHelp'],
  ['Housing', 'role.housing'],
] as const;
export const FAMILY_ROLES = [
  ['Mum', 'role.mum'],
  ['Dad', 'role.dad'],
  ['Carer', 'role.carer'],
  ['Grandparent', 'role.grandparent'],
  ['Young person', 'role.youngPerson'],
  ['Family friend or supporter', 'role.friend'],
  ['Advocate', 'role.advocate'],
] as const;
const ROLE_KEYS = new Map<string, MessageKey>([...PROFESSIONAL_ROLES, ...FAMILY_ROLES, ['Chair', 'role.chair']]);

export const roleOf = (t: Translator, label: string): string => {
  const key = ROLE_KEYS.get(label);
  return key ? t.t(key as 'role.chair') : label;
};

const CATEGORY_KEYS = new Map<string, MessageKey>([
  ...CP_CATEGORIES.map((c, i): [string, MessageKey] => [
    c,
    (['category.neglect', 'category.physical', 'category.emotional', 'category.sexual'] as const)[i] ?? 'category.neglect',
  ]),
  // The local sub-category a young person's conference offers by default.
  [EXTRA_FAMILIAL_HARM, 'category.extraFamilial'],
]);
/** A category of a child protection plan: the four national ones in the screen's language, a local one as the chair typed it. */
export const categoryOf = (t: Translator, category: string): string => {
  const key = CATEGORY_KEYS.get(category);
  return key ? t.t(key as 'category.neglect') : category;
};

const holidayOf = (t: Translator, name: string): string => t.dynamic(`holiday.${name}`) ?? name;

/** The name of a field, for "Please write …": by the field the model names (`children.0.name` is child 1's name). */
function fieldName(t: Translator, field: string, family: boolean): string {
  const child = /^children\.(\d+)\.name$/.exec(field);
  if (child) return t.t('field.childName', { n: Number(child[1]) + 1 });
  const key = `field.${field}`;
  const plain = family ? t.dynamic(`${key}.family`) : null;
  return plain ?? t.dynamic(key) ?? t.t('field.this');
}

/** Why the model refused an input, in the screen's language. */
export function validationWords(
  t: Translator,
  refusal: { field: string; code: ValidationCode; params: MessageParams },
  family = false,
): string {
  const params: Record<string, string | number> = { ...refusal.params, what: fieldName(t, refusal.field, family) };
  if (refusal.code === 'not-a-heading') {
    params.headings = t.list((['danger', 'safety', 'strengths', 'complicating', 'grey'] as const).map((c) => headingOf(t, c, family)));
  }
  const key = `validation.${refusal.code}`;
  return (family ? t.dynamic(`${key}.family`, params) : null) ?? t.dynamic(key, params) ?? t.t('saving.couldNotSave');
}

/**
 * Any failure, worded for the person: a refused input, a refusal from the server (by its code),
 * no network, or else `fallback`. Never an English sentence from the server in another language.
 */
export function errorWords(t: Translator, err: unknown, fallback: MessageKey = 'common.didNotWork', family = false): string {
  if (err instanceof ValidationError) return validationWords(t, err, family);
  if (err instanceof ApiError) {
    const { code, reason, field, params = {} } = err.details;
    if (code === 'invalid' && reason) return validationWords(t, { field: field ?? '', code: reason, params }, family);
    if (code && code !== 'invalid') {
      // A day the server names (YYYY-MM-DD) is written the way this screen writes days.
      const dated = typeof params.date === 'string' ? { ...params, date: t.date(params.date) } : params;
      const worded = t.dynamic(`server.${code}`, dated);
      if (worded !== null) return worded;
    }
    return t.t(err.fallback);
  }
  return t.t(fallback as 'common.didNotWork');
}

/** Why a change the server refused was refused: "… was not saved, because …". */
const REFUSAL_KEYS: Record<RefusalCode, MessageKey> = {
  confirmed: 'refusal.confirmed',
  agreed: 'refusal.agreed',
  'not-yours': 'refusal.notYours',
  'family-first': 'refusal.familyFirst',
  'hidden-scoring': 'refusal.hiddenScoring',
  'scores-shown': 'refusal.scoresShown',
  'too-many': 'refusal.tooMany',
  missing: 'refusal.missing',
  'chair-only': 'refusal.chairOnly',
  'server-only': 'refusal.chairOnly',
  'not-allowed': 'refusal.notAllowed',
  'too-long': 'refusal.tooLong',
  'bad-value': 'refusal.badValue',
  incomplete: 'refusal.badValue',
  'too-deep': 'refusal.badValue',
  'unknown-field': 'refusal.badValue',
  'unknown-root': 'refusal.badValue',
  malformed: 'refusal.malformed',
  shape: 'refusal.outOfStep',
  'as-someone-else': 'refusal.outOfStep',
  'foreign-client': 'refusal.outOfStep',
  immutable: 'refusal.outOfStep',
  unstamped: 'refusal.outOfStep',
  'bad-time': 'refusal.badTime',
  'no-delete': 'refusal.noDelete',
  'document-full': 'refusal.documentFull',
  quota: 'refusal.quota',
  'too-fast': 'refusal.tooFast',
  replace: 'refusal.outOfStep',
  preparation: 'refusal.preparation',
};
export const refusalWords = (t: Translator, code: RefusalCode): string => t.t(REFUSAL_KEYS[code] as 'refusal.confirmed');

/**
 * Why the relay closed this screen's connection, from its close code (the reason it sends is
 * English, for logs); `removed` when the chair removed this person (a 4403 with REMOVED_REASON).
 */
export function closedWords(t: Translator, code: number, removed = false): string {
  switch (code) {
    case 4400:
      return t.t('closed.malformed');
    case 4401:
      return t.t('closed.notAuthorised');
    case 4403:
      return t.t(removed ? 'closed.removed' : 'closed.refused');
    case 4408:
      return t.t('closed.tooSlow');
    case 4410:
      return t.t('closed.deleted');
    case 4413:
      return t.t('closed.tooLarge');
    case 4429:
      return t.t('closed.tooMany');
    default:
      return t.t('closed.other');
  }
}

/** A timescale a chosen date misses, with its dates written the language's way. */
export function timescaleWords(t: Translator, warning: TimescaleWarning): string {
  const { date, days, months, holiday } = warning.params;
  const params: Record<string, string | number> = {};
  if (date !== undefined) params.date = t.date(date);
  if (days !== undefined) params.days = days;
  if (months !== undefined) params.months = months;
  if (holiday !== undefined) params.holiday = holidayOf(t, holiday);
  return t.dynamic(`timescale.${warning.code}`, params) ?? warning.message;
}

/** A SMART issue of a plan action, and what to do about it. */
export function smartWords(t: Translator, issue: SmartIssue): { message: string; fix: string } {
  if (issue.code === 'vague' && issue.params) {
    return { message: t.t('smart.vague', { word: issue.params.word }), fix: t.dynamic(`smart.vague.${issue.params.stem}`) ?? '' };
  }
  return { message: t.dynamic(`smart.${issue.code}`) ?? issue.message, fix: t.dynamic(`smart.${issue.code}.fix`) ?? issue.suggestion };
}

/** A child's age: "under one", "7 years old". */
export const ageOf = (t: Translator, age: number): string => (age === 0 ? t.t('age.underOne') : t.t('age.years', { count: age }));
