import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addWorkingDays,
  bankHoliday,
  DateOutOfRangeError,
  isWorkingDay,
  workingDayOnOrBefore,
  workingDaysBetween,
} from './workingDays.js';

describe('working days in England and Wales', () => {
  it('skips Easter (Good Friday and Easter Monday) and the weekend between', () => {
    // Thursday 2 April 2026: next working day is Tuesday 7 April.
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(bankHoliday('2026-04-03')).toBe('Good Friday');
    expect(bankHoliday('2026-04-06')).toBe('Easter Monday');
    expect(workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1);
  });

  it('uses substitute days when Christmas and New Year fall at a weekend', () => {
    // Christmas 2027 is a Saturday: Monday 27 and Tuesday 28 are the bank holidays.
    expect(isWorkingDay('2027-12-27')).toBe(false);
    expect(isWorkingDay('2027-12-28')).toBe(false);
    expect(bankHoliday('2027-12-27')).toBe('Christmas Day (substitute day)');
    // New Year's Day 2028 is a Saturday: Monday 3 January is the substitute.
    expect(bankHoliday('2028-01-03')).toBe('New Year’s Day (substitute day)');
    // 10 working days after Thursday 23 December 2027.
    expect(addWorkingDays('2027-12-23', 10)).toBe('2028-01-11');
    // Christmas 2026 is a Friday: Boxing Day moves to Monday 28 December.
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
  });

  it('knows one-off extra bank holidays', () => {
    expect(bankHoliday('2023-05-08')).toBe('Bank holiday for the coronation of King Charles III');
    expect(addWorkingDays('2023-05-05', 1)).toBe('2023-05-09');
    expect(bankHoliday('2022-09-19')).toMatch(/State Funeral/);
  });

  it('counts the first core group deadline: 10 working days after the conference', () => {
    expect(addWorkingDays('2026-11-23', 10)).toBe('2026-12-07');
    expect(addWorkingDays('2026-05-21', 10)).toBe('2026-06-05'); // across the Spring bank holiday
  });

  it('adds calendar months, clamping to the end of a short month, and steps back to a working day', () => {
    expect(addMonths('2026-11-23', 3)).toBe('2027-02-23');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(workingDayOnOrBefore('2027-02-28')).toBe('2027-02-26');
    expect(workingDayOnOrBefore('2026-12-28')).toBe('2026-12-24');
  });

  it('says clearly when a date is beyond the bank holiday list', () => {
    expect(() => isWorkingDay('2031-01-06')).toThrow(DateOutOfRangeError);
    expect(() => isWorkingDay('2031-01-06')).toThrow(/Update shared\/data/);
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(/not a real date/);
  });
});
