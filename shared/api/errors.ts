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
  'bad-hash': 'Give the record’s hash: the 16 characters printed at the foot of each page, or all 64.',
  'no-record': 'There is no such record here. It may have been deleted.',
  'not-sealed': 'This meeting has not ended yet, so its record is not sealed.',
  'no-version-yet': 'The meeting has not ended yet, so there is no version of the record to take.',
  'no-version': 'This record has no such version.',
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

export function apiError(code: ApiErrorKey, params: MessageParams = {}): ApiErrorBody {
  const template = API_ERRORS[code];
  const wording = typeof template === 'string' ? template : Number(params.count) === 1 ? template.one : template.other;
  return { error: fillTemplate(wording, params), code, ...(Object.keys(params).length ? { params } : {}) };
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
