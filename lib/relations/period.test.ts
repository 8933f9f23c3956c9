import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfPeriod, startOfPeriod, type DatePrecision } from '@/lib/dates';
import { addDays, endsOnOrAfter, nextDay, periodEnd, previousDay, settledBounds } from './period';

const day = fc.integer({ min: 0, max: 400 * 366 }).map((n) => addDays('1800-01-01', n));
const precision = fc.constantFrom<DatePrecision>('day', 'month', 'year');

describe('day arithmetic without Date', () => {
  it('agrees with lib/dates and with Date on every day, leap years included', () => {
    fc.assert(
      fc.property(day, precision, (d, p) => {
        const start = startOfPeriod(d, p);
        expect(periodEnd(start, p)).toBe(endOfPeriod({ date: start, precision: p }));
        expect(nextDay(d)).toBe(addDays(d, 1));
        expect(previousDay(d)).toBe(addDays(d, -1));
      }),
      { numRuns: 2_000 },
    );
    expect([nextDay('2024-02-28'), nextDay('2023-02-28'), nextDay('1900-02-28'), nextDay('2000-02-28')]).toEqual(['2024-02-29', '2023-03-01', '1900-03-01', '2000-02-29']);
    expect([nextDay('2018-12-31'), previousDay('2019-01-01'), previousDay('2024-03-01')]).toEqual(['2019-01-01', '2018-12-31', '2024-02-29']);
  });

  it('tells whether a period is over by a day from its start alone', () => {
    fc.assert(
      fc.property(day, day, precision, (asOf, d, p) => {
        const start = startOfPeriod(d, p);
        const bound = p === 'day' ? null : settledBounds(asOf)[p];
        const settled = bound === null ? start <= asOf : start < bound;
        expect(settled).toBe(periodEnd(start, p) <= asOf);
        expect(endsOnOrAfter(start, p, asOf)).toBe(periodEnd(start, p) >= asOf);
      }),
      { numRuns: 2_000 },
    );
  });
});
