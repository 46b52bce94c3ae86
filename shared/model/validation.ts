import { COLUMNS, isColumnId, type ColumnId } from './columns.js';
import { ACCESS_ROLES, type AccessRole, type Author } from './types.js';

export const LIMITS = {
  cardText: 2000,
  name: 80,
  roleLabel: 60,
} as const;

/** An input the model refuses. `message` is written for the person who typed it. */
export class ValidationError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'ValidationError';
    this.field = field;
  }
}

export function cleanCardText(text: unknown): string {
  if (typeof text !== 'string') throw new ValidationError('text', 'The item needs some words.');
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new ValidationError('text', 'The item is empty: write something first.');
  if (trimmed.length > LIMITS.cardText) {
    throw new ValidationError(
      'text',
      `The item is ${trimmed.length} characters long; the most is ${LIMITS.cardText}. Split it into two items.`,
    );
  }
  return trimmed;
}

export function checkColumn(column: unknown): ColumnId {
  if (!isColumnId(column)) {
    throw new ValidationError(
      'column',
      `"${String(column)}" is not a heading on the board. Use one of: ${COLUMNS.map((c) => c.label).join(', ')}.`,
    );
  }
  return column;
}

function cleanShortText(field: string, what: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new ValidationError(field, `Please give ${what}.`);
  }
  const trimmed = value.trim();
  if (trimmed.length > max) throw new ValidationError(field, `${what[0]?.toUpperCase()}${what.slice(1)} can be at most ${max} characters.`);
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

export function cleanAuthor(author: Author): Author {
  if (typeof author.id !== 'string' || !/^[A-Za-z0-9_-]{6,64}$/.test(author.id)) {
    throw new ValidationError('author', 'The participant id is not valid.');
  }
  if (!isAccessRole(author.role)) throw new ValidationError('author', 'The participant role is not valid.');
  return { id: author.id, name: cleanName(author.name), roleLabel: cleanRoleLabel(author.roleLabel), role: author.role };
}
