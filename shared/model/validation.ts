import { COLUMNS, isColumnId, type ColumnId } from './columns.js';
import { ACCESS_ROLES, type AccessRole, type Author } from './types.js';
import { fillTemplate, VALIDATION_MESSAGES, type MessageParams, type ValidationCode } from './errors.js';

/**
 * What people may write, and how long it may be. The forms check with these functions before
 * anything is written; the server checks every stored value with the same functions (through the
 * schema in schema.ts), so a value the form would refuse is refused whoever sends it.
 */
export const LIMITS = {
  cardText: 2000,
  name: 80,
  roleLabel: 60,
  dangerStatement: 2000,
  safetyGoal: 2000,
  actionWhat: 1000,
  actionWho: 200,
  actionMeasure: 1000,
  relationship: 80,
  willDo: 500,
  nextStep: 1000,
  reason: 2000,
  dissent: 2000,
  rationale: 5000,
  contingency: 5000,
  apology: 120,
  apologies: 40,
  coreGroupEntry: 120,
  coreGroup: 40,
  localCategory: 80,
  localCategories: 10,
  children: 12,
  source: 120,
  view: 1000,
  progressNote: 1000,
  safetyPlanEntry: 1000,
} as const;

/** Ids of records (items, danger statements, actions, people in the network): random, URL-safe. */
export const RECORD_ID = /^[A-Za-z0-9_-]{8,32}$/;
/** Participant ids (random, given by the server when a person is let in). */
export const PARTICIPANT_ID = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * An input the model refuses: which field, and why as a code with parameters, which each screen
 * words in its reader's language. `message` is the English wording (for logs and other clients).
 */
export class ValidationError extends Error {
  readonly field: string;
  readonly code: ValidationCode;
  readonly params: MessageParams;
  constructor(field: string, code: ValidationCode, params: MessageParams = {}) {
    super(fillTemplate(VALIDATION_MESSAGES[code], params));
    this.name = 'ValidationError';
    this.field = field;
    this.code = code;
    this.params = params;
  }
}

/** Trimmed text of at most `max` characters; `required` refuses empty text. */
export function cleanText(field: string, what: string, value: unknown, max: number, required = true): string {
  if (value === undefined || value === null) value = '';
  if (typeof value !== 'string') throw new ValidationError(field, 'not-text', { what });
  const trimmed = value.trim();
  if (required && trimmed.length === 0) throw new ValidationError(field, 'required', { what });
  if (trimmed.length > max) throw new ValidationError(field, 'too-long', { what, max });
  return trimmed;
}

export function cleanCardText(text: unknown): string {
  if (typeof text !== 'string') throw new ValidationError('text', 'not-text', { what: 'the item' });
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new ValidationError('text', 'item-empty');
  if (trimmed.length > LIMITS.cardText) throw new ValidationError('text', 'item-too-long', { length: trimmed.length, max: LIMITS.cardText });
  return trimmed;
}

export function checkColumn(column: unknown): ColumnId {
  if (!isColumnId(column)) {
    throw new ValidationError('column', 'not-a-heading', { value: String(column), headings: COLUMNS.map((c) => c.label).join(', ') });
  }
  return column;
}

function cleanShortText(field: string, what: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw new ValidationError(field, 'required', { what });
  const trimmed = value.trim();
  if (trimmed.length > max) throw new ValidationError(field, 'too-long', { what, max });
  return trimmed;
}

export function cleanName(name: unknown): string {
  return cleanShortText('name', 'a name', name, LIMITS.name);
}

export function cleanRoleLabel(label: unknown): string {
  return cleanShortText('roleLabel', 'your role', label, LIMITS.roleLabel);
}

export function isAccessRole(value: unknown): value is AccessRole {
  return typeof value === 'string' && (ACCESS_ROLES as readonly string[]).includes(value);
}

export function isParticipantId(value: unknown): value is string {
  return typeof value === 'string' && PARTICIPANT_ID.test(value);
}

export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID.test(value);
}

export function cleanAuthor(author: Author): Author {
  if (!isParticipantId(author.id)) throw new ValidationError('author', 'bad-participant');
  if (!isAccessRole(author.role)) throw new ValidationError('author', 'bad-role');
  return { id: author.id, name: cleanName(author.name), roleLabel: cleanRoleLabel(author.roleLabel), role: author.role };
}

/** A day written as YYYY-MM-DD that exists in the calendar. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A date field that may be left empty. */
export function cleanOptionalDate(field: string, value: unknown): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (v !== '' && !isIsoDate(v)) throw new ValidationError(field, 'bad-date');
  return v;
}

/** Which children something is about, by their index in the conference details: distinct, in order. */
export function cleanChildren(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((c): c is number => Number.isInteger(c) && c >= 0 && c < LIMITS.children))].sort((a, b) => a - b);
}

/** A list of short texts (names for apologies, the core group): trimmed, distinct, capped. */
export function cleanNameList(value: unknown, maxEach: number, maxCount: number): string[] {
  if (!Array.isArray(value)) return [];
  const out = value
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => v.length > 0 && v.length <= maxEach);
  return [...new Set(out)].slice(0, maxCount);
}
