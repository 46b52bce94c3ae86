import { addWorkingDays } from './workingDays.js';
import type { RecordPart } from './versions.js';
import { cleanText, ValidationError } from './validation.js';

/**
 * Asking for changes to the record after the meeting. Oxfordshire's leaflet for parents gives them
 * the right to ask for amendments to the written summary within five working days of receiving it;
 * everyone takes the summary home the day the meeting ends, so asking is open until the end of the
 * fifth working day (England and Wales) after that day, in UK time.
 */
export const AMENDMENT_WORKING_DAYS = 5;

export const AMENDMENT_STATUSES = ['waiting', 'accepted', 'declined'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

export const AMENDMENT_LIMITS = { wrong: 1000, shouldSay: 1000, reason: 1000, note: 1000 } as const;

const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (YYYY-MM-DD) a moment falls on in the UK. */
export function ukDate(at: number): string {
  return LONDON.format(at);
}

/** The last day to ask for changes to the record of a meeting that ended at `lockedAt`. */
export function amendmentDeadline(lockedAt: number): string {
  return addWorkingDays(ukDate(lockedAt), AMENDMENT_WORKING_DAYS);
}

/** Whether someone may still ask for a change at `now` (until the end of the deadline day, UK time). */
export function mayAskForChanges(lockedAt: number, now: number): boolean {
  return ukDate(now) <= amendmentDeadline(lockedAt);
}

/** A request for a change, as the server keeps it. */
export interface AmendmentRequest {
  id: string;
  /** The part of the record it is about (see recordParts), its kind, and its words when asked. */
  part: string;
  kind: RecordPart['kind'];
  quoted: string;
  wrong: string;
  shouldSay: string;
  participantId: string;
  name: string;
  roleLabel: string;
  askedAt: number;
  status: AmendmentStatus;
  /** The chair's answer: why it was declined (the person reads it), or a note when accepting. */
  answer: string;
  answeredAt: number | null;
  /** The version of the record that carries the change. */
  publishedIn: number | null;
}

export interface AmendmentInput {
  part: string;
  wrong: string;
  shouldSay: string;
}

/** Checks a request: which part (one of the record's), what is wrong (needed) and what it should say. */
export function cleanAmendmentInput(
  input: Partial<Record<keyof AmendmentInput, unknown>>,
  parts: readonly RecordPart[],
): AmendmentInput & { part: string } {
  const part = parts.find((p) => p.key === input.part);
  if (!part) throw new ValidationError('part', 'choose-part');
  return {
    part: part.key,
    wrong: cleanText('wrong', 'what is wrong', input.wrong, AMENDMENT_LIMITS.wrong),
    shouldSay: cleanText('shouldSay', 'what it should say', input.shouldSay ?? '', AMENDMENT_LIMITS.shouldSay, false),
  };
}
