import { describe, expect, it } from 'vitest';
import { dateRangeProblem, eventDatesFromJson, eventDatesToJson, endOfPeriod, formatEventDate, formatEventDateShort, isIsoDay, latestDate, parsePartialDate, startOfPeriod, toPartialIso } from './dates';

describe('precision-aware display', () => {
  it('shows a year-precision date as the year only, never as 1 January', () => {
    expect(formatEventDate('2018-01-01', 'year')).toBe('2018');
    expect(formatEventDateShort('2018-01-01', 'year')).toBe('2018');
  });

  it('shows a month-precision date as month and year', () => {
    expect(formatEventDate('2022-03-01', 'month')).toBe('March 2022');
    expect(formatEventDateShort('2022-03-01', 'month')).toBe('Mar 2022');
  });

  it('shows a day-precision date in full, without leading zeros', () => {
    expect(formatEventDate('2023-03-08', 'day')).toBe('8 March 2023');
    expect(formatEventDateShort('2021-11-10', 'day')).toBe('10 Nov 2021');
  });

  it('writes the partial ISO form that the URL, <time> and CSV carry', () => {
    expect(toPartialIso('2019-01-01', 'year')).toBe('2019');
    expect(toPartialIso('2019-12-01', 'month')).toBe('2019-12');
    expect(toPartialIso('2019-12-20', 'day')).toBe('2019-12-20');
  });
});

describe('parsing partial dates', () => {
  it('reads year, month and day forms as the start of their period', () => {
    expect(parsePartialDate('2019')).toEqual({ date: '2019-01-01', precision: 'year' });
    expect(parsePartialDate('2019-12')).toEqual({ date: '2019-12-01', precision: 'month' });
    expect(parsePartialDate(' 2019-12-20 ')).toEqual({ date: '2019-12-20', precision: 'day' });
  });

  it.each(['2023-02-29', '2023-13', '2023-00-10', '19', '2023/03/01', '2023-3-1', '0999', '', 'abcd', '2023-04-31'])(
    'refuses %j',
    (value) => {
      expect(parsePartialDate(value)).toBeNull();
    },
  );

  it('accepts 29 February in a leap year only', () => {
    expect(parsePartialDate('2024-02-29')?.precision).toBe('day');
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2023-02-29')).toBe(false);
  });

  it('knows where each period ends', () => {
    expect(endOfPeriod({ date: '2023-01-01', precision: 'year' })).toBe('2023-12-31');
    expect(endOfPeriod({ date: '2024-02-01', precision: 'month' })).toBe('2024-02-29');
    expect(endOfPeriod({ date: '2023-02-01', precision: 'month' })).toBe('2023-02-28');
    expect(endOfPeriod({ date: '2023-03-28', precision: 'day' })).toBe('2023-03-28');
  });

  it('truncates a day to the start of its month or year', () => {
    expect(startOfPeriod('2020-06-17', 'month')).toBe('2020-06-01');
    expect(startOfPeriod('2020-06-17', 'year')).toBe('2020-01-01');
  });
});

describe('the accepted range of dates (issue 10, item 8)', () => {
  it('runs from 1 January 1900 to ten years after today, computed when asked', () => {
    const today = new Date(Date.UTC(2026, 11, 2));
    expect(latestDate(today)).toBe('2036-12-02');
    expect(dateRangeProblem('Date', parsePartialDate('1900')!, today)).toBeNull();
    expect(dateRangeProblem('Date', parsePartialDate('2036-12-02')!, today)).toBeNull();
    // A period counts by its first day.
    expect(dateRangeProblem('Date', parsePartialDate('2036')!, today)).toBeNull();
    expect(dateRangeProblem('Date', parsePartialDate('2036-12-03')!, today)).toBe(
      'Date must be between 1 January 1900 and 2 December 2036 (ten years from today).',
    );
    expect(dateRangeProblem('Date', parsePartialDate('1899-12-31')!, today)).not.toBeNull();
    expect(dateRangeProblem('Date', parsePartialDate('9999-12-31')!, today)).not.toBeNull();
    expect(dateRangeProblem('Date', parsePartialDate('1000')!, today)).not.toBeNull();
  });
});

describe('dates on the wire', () => {
  const stored = {
    id: 7,
    date: '2011-01-01',
    datePrecision: 'year',
    effectiveDate: '2023-03-01',
    effectiveDatePrecision: 'month',
    endDate: '2024-06-30',
    endDatePrecision: 'day',
  } as const;

  it('writes each date at its precision, never a padded day, and keeps the sort key apart', () => {
    const json = eventDatesToJson(stored);
    expect(json).toEqual({
      id: 7,
      date: '2011',
      datePrecision: 'year',
      dateSortKey: '2011-01-01',
      effectiveDate: '2023-03',
      effectiveDatePrecision: 'month',
      endDate: '2024-06-30',
      endDatePrecision: 'day',
    });
    // The padded day appears once, under the name that says it is only a sort key.
    expect(Object.keys(json).filter((k) => json[k as keyof typeof json] === '2011-01-01')).toEqual(['dateSortKey']);
  });

  it('leaves absent dates null and comes back to the stored form unchanged', () => {
    const bare = { ...stored, effectiveDate: null, effectiveDatePrecision: null, endDate: null, endDatePrecision: null };
    expect(eventDatesToJson(bare)).toMatchObject({ effectiveDate: null, endDate: null });
    expect(eventDatesFromJson(eventDatesToJson(stored))).toEqual(stored);
    expect(eventDatesFromJson(eventDatesToJson(bare))).toEqual(bare);
  });
});
