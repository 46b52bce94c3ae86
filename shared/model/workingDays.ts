import bankHolidays from '../data/bank-holidays-england-wales.json' with { type: 'json' };

/**
 * Working days in England and Wales: Monday to Friday, except bank holidays (with their
 * substitute days and one-off extra days), kept as data in shared/data/ so that it can be updated.
 * Dates are calendar days written YYYY-MM-DD; no time zones are involved.
 */
const HOLIDAYS = new Map<string, string>(bankHolidays.events.map((e) => [e.date, e.title]));
export const BANK_HOLIDAYS_COVER = bankHolidays.covers;

export class DateOutOfRangeError extends Error {
  constructor(date: string) {
    super(
      `${date} is outside the years the bank holiday list covers (${BANK_HOLIDAYS_COVER.from} to ${BANK_HOLIDAYS_COVER.to}). Update shared/data/bank-holidays-england-wales.json.`,
    );
    this.name = 'DateOutOfRangeError';
  }
}

function parse(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`"${date}" is not a date written YYYY-MM-DD`);
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (d.toISOString().slice(0, 10) !== date) throw new Error(`"${date}" is not a real date`);
  return d;
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function shift(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

function checkCovered(date: string): void {
  const year = Number(date.slice(0, 4));
  if (year < BANK_HOLIDAYS_COVER.from || year > BANK_HOLIDAYS_COVER.to) throw new DateOutOfRangeError(date);
}

/** The bank holiday on that day, if any (its name, e.g. "Easter Monday"). */
export function bankHoliday(date: string): string | null {
  checkCovered(date);
  return HOLIDAYS.get(date) ?? null;
}

export function isWorkingDay(date: string): boolean {
  const weekday = parse(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && bankHoliday(date) === null;
}

/** The date `n` working days after `date` (n ≥ 0; 0 gives `date` itself). */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error('the number of working days must be a whole number, 0 or more');
  let current = date;
  let left = n;
  while (left > 0) {
    current = shift(current, 1);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

/** How many working days come after `from`, up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: string, to: string): number {
  if (to <= from) return 0;
  let count = 0;
  for (let d = shift(from, 1); d <= to; d = shift(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}

/** The same day `months` calendar months later (the last day of the month when it has no such day). */
export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return format(target);
}

/** The latest working day on or before `date`. */
export function workingDayOnOrBefore(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = shift(d, -1);
  return d;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Monday 7 December 2026": the same on every device, whatever its locale data. */
export function longDate(date: string): string {
  const d = parse(date);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
