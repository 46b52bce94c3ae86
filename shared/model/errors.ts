/**
 * Why the model refuses an input, as a code with parameters. Each screen words the code in its
 * reader's language (client/src/i18n); the English here is the `message` of the error, for logs,
 * tests and clients other than ours. `{name}` is replaced by the parameter of that name.
 */
export const VALIDATION_MESSAGES = {
  'not-text': 'Please write {what} as text.',
  required: 'Please write {what}.',
  'too-long': 'Please make {what} shorter: at most {max} characters.',
  'item-empty': 'The item is empty: write something first.',
  'item-too-long': 'The item is {length} characters long; the most is {max}. Split it into two items.',
  'not-a-heading': '“{value}” is not a heading on the board. Use one of: {headings}.',
  'bad-participant': 'The participant id is not valid.',
  'bad-role': 'The participant role is not valid.',
  'bad-date': 'The date must be a real day, written as YYYY-MM-DD.',
  'item-gone': 'That item is no longer on the board.',
  'action-gone': 'That action is no longer in the plan.',
  'person-gone': 'That person is no longer on the list.',
  'pair-gone': 'That danger statement is no longer there.',
  'no-proposal': 'There is no change waiting on that item.',
  'not-a-stage': 'That is not a stage of the conference.',
  'scale-wording-length': 'The scale wording must be {min} to {max} characters.',
  'choose-outcome': 'Choose the decision.',
  'rationale-required': 'Write the reasons for the decision, so the family can understand it.',
  'category-required': 'A child protection plan needs at least one category.',
  'details-missing': 'The conference details are missing.',
  'choose-kind': 'Choose the kind of conference: initial, review or young person’s safety.',
  'children-required': 'Add at least one child.',
  'too-many-children': 'At most {max} children.',
  'bad-age': 'Child {n}’s age must be a whole number from 0 to 18 (0 for an unborn baby or a baby under one).',
  'bad-score': 'A score is a whole number from 0 to 10.',
  'choose-family-or-professional': 'Say whether they are family or a professional.',
  'visits-range': 'Visits are every {min} to {max} working days.',
  'choose-recommendation': 'Choose a recommendation.',
  'too-many-pairs': 'There can be at most {max} danger statements. Combine two, or take one away first.',
  'choose-part': 'Choose the part of the record you want changed.',
  'choose-plan-part': 'Choose a part of the plan.',
  'choose-progress': 'Choose how far it got.',
  'plan-entry-gone': 'That part of the plan is no longer there.',
  'view-gone': 'That view is no longer there.',
} as const;

export type ValidationCode = keyof typeof VALIDATION_MESSAGES;
export type MessageParams = Readonly<Record<string, string | number>>;

/** The template with each `{name}` replaced by its parameter (left as it is when there is none). */
export function fillTemplate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const isValidationCode = (value: unknown): value is ValidationCode =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(VALIDATION_MESSAGES, value);
