import { fillTemplate, type MessageParams, type ValidationCode } from '../model/errors.js';

/**
 * Why the server refuses a request, as a code with parameters: every error body is
 * `{ error, code, params? }` (and `field`, `reason` for a refused input), where `error` is the
 * English wording for logs and other clients, and our screens word `code` in their reader's
 * language (client/src/i18n). A plural message gives `{ one, other }`, chosen by `params.count`.
 */
export const API_ERRORS = {
  'no-conference': 'There is no conference here. Check the link you were given.',
  'bad-link': 'This link is not valid for this conference.',
  'invitation-ended': 'This meeting has ended, so this link no longer lets anyone join.',
  'not-let-in-yet': 'The chair has not let you in yet.',
  declined: 'The chair did not let you in to this conference.',
  'link-does-not-allow': 'This link does not allow that.',
  'chair-only': 'Only the chair can do that.',
  ended: 'This meeting has ended.',
  'no-longer-waiting': 'That person is no longer waiting.',
  'not-in-meeting': 'That person is not in the meeting.',
  'bad-invitation-role': 'Invitations are for professionals, the lead social worker or the family.',
  'bad-unrevealed-choice': 'Say whether to show the hidden scores ("reveal") or leave them out ("leave-out").',
  'unrevealed-scores': {
    one: '{count} score was given in private and not shown yet. Show it, or leave it out of the record.',
    other: '{count} scores were given in private and not shown yet. Show them, or leave them out of the record.',
  },
  'end-before-delete': 'End the meeting before deleting the conference, so the record is final.',
  'not-yours': 'Only the chair can give a score for someone else.',
  'pair-gone': 'That danger statement is no longer there.',
  'family-first': 'The family gives their scores first. You can score when the chair says so.',
  'scores-shown': 'Everyone’s scores have been shown, so this score can no longer be changed.',
  // Preparing a conference, and its chain of reviews.
  'already-open': 'The meeting is already open.',
  'review-needs-end': 'End the meeting first: a review carries forward what it decided.',
  'has-review': 'This conference already has a review conference.',
  'nothing-to-carry': 'This conference has no details to carry forward.',
  'end-chain-before-delete': 'End every meeting of the chain before deleting it, so each record is final.',
  // The sealed record, its versions and exports.
  'bad-hash': 'Give the record’s hash: the 16 characters printed at the foot of each page, or all 64.',
  'no-record': 'There is no such record here. It may have been deleted.',
  'not-sealed': 'This meeting has not ended yet, so its record is not sealed.',
  'no-version-yet': 'The meeting has not ended yet, so there is no version of the record to take.',
  'no-version': 'This record has no such version.',
  'record-after-meeting': 'The record can be taken once the meeting has ended.',
  'record-not-ready': 'The record is not ready yet. Please try again in a moment.',
  // Asking for changes after the meeting. `{date}` is a day (YYYY-MM-DD), which each screen writes its own way.
  'not-ended': 'The meeting has not ended yet: changes are made on the board, with everyone.',
  'amendments-closed': 'The time to ask for changes to this record ended on {date}. To ask for a change now, write to {contact}.',
  'amendments-closed-chair':
    'The time to ask for changes to this record ended on {date}. To ask for a change now, write to the chair, {contact}.',
  'too-many-requests': 'This record has had as many requests as it can take. Please write to the chair instead.',
  'no-request': 'There is no such request.',
  answered: 'This request has been answered already.',
  'not-amending': 'Accept a request for a change first, then change the record.',
  'nothing-changed': 'Nothing in the record has changed yet: change it first, then publish.',
  // Limits, and requests the server cannot read (server/errors.ts).
  'too-many-failures': 'Too many links that do not work were tried from this network. Please wait a minute and try again.',
  'join-limit':
    'Too many people have asked to join with this link in the last few minutes. Please try again in a few minutes, or ask the chair for a new link.',
  'rate-limited': {
    one: 'Too many requests. Please wait a minute and try again.',
    other: 'Too many requests. Please wait {count} minutes and try again.',
  },
  'request-unreadable': 'What was sent could not be read.',
  'request-invalid': 'The request is not valid.',
  'request-field-invalid': '{field} is not valid.',
  'not-found': 'Not found.',
  'server-error': 'Something went wrong on the server. Please try again in a moment.',
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS | 'invalid';

/** What the server sends when it refuses a request. */
export interface ApiErrorBody {
  error: string;
  code: ApiErrorCode;
  params?: MessageParams;
  /** For `invalid`: which field, and why (a ValidationCode of the model). */
  field?: string;
  reason?: ValidationCode;
}

export type ApiErrorKey = keyof typeof API_ERRORS;

/**
 * The body of a refusal. `english` gives the English where it says more than the code's wording
 * (a long date where the screens get `YYYY-MM-DD`, the exact problem with a request's shape): our
 * screens word `code` and `params`, other clients read `error`.
 */
export function apiError(code: ApiErrorKey, params: MessageParams = {}, english?: string): ApiErrorBody {
  const template = API_ERRORS[code];
  const wording = typeof template === 'string' ? template : Number(params.count) === 1 ? template.one : template.other;
  return { error: english ?? fillTemplate(wording, params), code, ...(Object.keys(params).length ? { params } : {}) };
}

/** A refused input (a ValidationError of the model): its field, code and parameters, and the English. */
export function invalidInput(err: { message: string; field: string; code: ValidationCode; params: MessageParams }): ApiErrorBody {
  return {
    error: err.message,
    code: 'invalid',
    field: err.field,
    reason: err.code,
    ...(Object.keys(err.params).length ? { params: err.params } : {}),
  };
}

export const isApiErrorCode = (value: unknown): value is ApiErrorCode =>
  value === 'invalid' || (typeof value === 'string' && Object.prototype.hasOwnProperty.call(API_ERRORS, value));
