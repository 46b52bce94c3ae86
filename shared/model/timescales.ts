import type { ConferenceKind } from './details.js';
import type { NextSteps } from './nextSteps.js';
import {
  addMonths,
  addWorkingDays,
  bankHoliday,
  DateOutOfRangeError,
  isWorkingDay,
  longDate,
  workingDayOnOrBefore,
} from './workingDays.js';

/** The timescales (South Gloucestershire's practice standards and Oxfordshire's leaflet for parents). */
export const FIRST_CORE_GROUP_WORKING_DAYS = 10;
export const MAX_VISIT_INTERVAL_WORKING_DAYS = 10;
export const reviewMonths = (kind: ConferenceKind): number => (kind === 'review' ? 6 : 3);

export function latestFirstCoreGroup(conferenceDate: string): string {
  return addWorkingDays(conferenceDate, FIRST_CORE_GROUP_WORKING_DAYS);
}

export function latestReview(conferenceDate: string, kind: ConferenceKind): string {
  return workingDayOnOrBefore(addMonths(conferenceDate, reviewMonths(kind)));
}

/** The dates the product proposes: the latest that meet each timescale. */
export function defaultNextSteps(conferenceDate: string, kind: ConferenceKind): Omit<NextSteps, 'coreGroup'> {
  return {
    firstCoreGroup: latestFirstCoreGroup(conferenceDate),
    visitEveryWorkingDays: MAX_VISIT_INTERVAL_WORKING_DAYS,
    review: latestReview(conferenceDate, kind),
  };
}

/**
 * Which timescale a date misses, as a code with parameters (dates as YYYY-MM-DD) that each screen
 * words in its reader's language; `message` is the English wording.
 */
export type TimescaleCode =
  | 'outside-calendar'
  | 'first-core-group-before'
  | 'first-core-group-late'
  | 'weekend'
  | 'bank-holiday'
  | 'visits-too-rare'
  | 'review-before'
  | 'review-late';

export interface TimescaleWarning {
  field: 'firstCoreGroup' | 'visitEveryWorkingDays' | 'review';
  code: TimescaleCode;
  params: { date?: string; days?: number; months?: number; holiday?: string; kind?: ConferenceKind };
  message: string;
}

const long = longDate;

function notWorking(field: TimescaleWarning['field'], date: string): TimescaleWarning | null {
  if (isWorkingDay(date)) return null;
  const holiday = bankHoliday(date);
  const message = `${long(date)} is not a working day (${holiday ?? 'a weekend'}).`;
  return holiday ? { field, code: 'bank-holiday', params: { date, holiday }, message } : { field, code: 'weekend', params: { date }, message };
}

/** Warnings for chosen dates that miss a timescale. They name the rule; they never block. */
export function timescaleWarnings(steps: Omit<NextSteps, 'coreGroup'>, conferenceDate: string, kind: ConferenceKind): TimescaleWarning[] {
  const warnings: TimescaleWarning[] = [];
  const guard = (field: TimescaleWarning['field'], check: () => void): void => {
    try {
      check();
    } catch (err) {
      if (err instanceof DateOutOfRangeError) warnings.push({ field, code: 'outside-calendar', params: {}, message: err.message });
      else throw err;
    }
  };
  if (steps.firstCoreGroup) {
    guard('firstCoreGroup', () => {
      const latest = latestFirstCoreGroup(conferenceDate);
      if (steps.firstCoreGroup <= conferenceDate)
        warnings.push({
          field: 'firstCoreGroup',
          code: 'first-core-group-before',
          params: {},
          message: 'The first core group must come after the conference.',
        });
      else if (steps.firstCoreGroup > latest)
        warnings.push({
          field: 'firstCoreGroup',
          code: 'first-core-group-late',
          params: { days: FIRST_CORE_GROUP_WORKING_DAYS, date: latest },
          message: `The first core group must meet within ${FIRST_CORE_GROUP_WORKING_DAYS} working days of the conference: by ${long(latest)}.`,
        });
      const day = notWorking('firstCoreGroup', steps.firstCoreGroup);
      if (day) warnings.push(day);
    });
  }
  if (steps.visitEveryWorkingDays !== null && steps.visitEveryWorkingDays > MAX_VISIT_INTERVAL_WORKING_DAYS) {
    warnings.push({
      field: 'visitEveryWorkingDays',
      code: 'visits-too-rare',
      params: { days: MAX_VISIT_INTERVAL_WORKING_DAYS },
      message: `Social work visits must happen at least every ${MAX_VISIT_INTERVAL_WORKING_DAYS} working days.`,
    });
  }
  if (steps.review) {
    guard('review', () => {
      const latest = latestReview(conferenceDate, kind);
      const rule = kind === 'review' ? 'within 6 months of a review conference' : 'within 3 months of an initial conference';
      if (steps.review <= conferenceDate)
        warnings.push({ field: 'review', code: 'review-before', params: {}, message: 'The review conference must come after this conference.' });
      else if (steps.review > latest)
        warnings.push({
          field: 'review',
          code: 'review-late',
          params: { months: reviewMonths(kind), kind, date: latest },
          message: `The review conference must be ${rule}: by ${long(latest)}.`,
        });
      const day = notWorking('review', steps.review);
      if (day) warnings.push(day);
    });
  }
  return warnings;
}
