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

export interface TimescaleWarning {
  field: 'firstCoreGroup' | 'visitEveryWorkingDays' | 'review';
  message: string;
}

const long = longDate;

function notWorking(date: string): string | null {
  if (isWorkingDay(date)) return null;
  const holiday = bankHoliday(date);
  return `${long(date)} is not a working day (${holiday ?? 'a weekend'}).`;
}

/** Warnings for chosen dates that miss a timescale. They name the rule; they never block. */
export function timescaleWarnings(steps: Omit<NextSteps, 'coreGroup'>, conferenceDate: string, kind: ConferenceKind): TimescaleWarning[] {
  const warnings: TimescaleWarning[] = [];
  const guard = (field: TimescaleWarning['field'], check: () => void): void => {
    try {
      check();
    } catch (err) {
      if (err instanceof DateOutOfRangeError) warnings.push({ field, message: err.message });
      else throw err;
    }
  };
  if (steps.firstCoreGroup) {
    guard('firstCoreGroup', () => {
      const latest = latestFirstCoreGroup(conferenceDate);
      if (steps.firstCoreGroup <= conferenceDate)
        warnings.push({ field: 'firstCoreGroup', message: 'The first core group must come after the conference.' });
      else if (steps.firstCoreGroup > latest)
        warnings.push({
          field: 'firstCoreGroup',
          message: `The first core group must meet within ${FIRST_CORE_GROUP_WORKING_DAYS} working days of the conference: by ${long(latest)}.`,
        });
      const day = notWorking(steps.firstCoreGroup);
      if (day) warnings.push({ field: 'firstCoreGroup', message: day });
    });
  }
  if (steps.visitEveryWorkingDays !== null && steps.visitEveryWorkingDays > MAX_VISIT_INTERVAL_WORKING_DAYS) {
    warnings.push({
      field: 'visitEveryWorkingDays',
      message: `Social work visits must happen at least every ${MAX_VISIT_INTERVAL_WORKING_DAYS} working days.`,
    });
  }
  if (steps.review) {
    guard('review', () => {
      const latest = latestReview(conferenceDate, kind);
      const rule = kind === 'review' ? 'within 6 months of a review conference' : 'within 3 months of an initial conference';
      if (steps.review <= conferenceDate)
        warnings.push({ field: 'review', message: 'The review conference must come after this conference.' });
      else if (steps.review > latest)
        warnings.push({ field: 'review', message: `The review conference must be ${rule}: by ${long(latest)}.` });
      const day = notWorking(steps.review);
      if (day) warnings.push({ field: 'review', message: day });
    });
  }
  return warnings;
}
