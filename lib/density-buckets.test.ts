import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfPeriod, parsePartialDate } from './dates';
import { bucketOf, bucketSpan, chooseUnit, MAX_BARS, MAX_MONTH_BUCKETS, monthIndex } from './density-buckets';

// Dates before 1000 were never accepted (the oldest rows a database can hold are from the year 1000).
const FIRST = monthIndex('1000-01');
const LAST = monthIndex('9999-12');
const span = fc.tuple(fc.integer({ min: FIRST, max: LAST }), fc.integer({ min: FIRST, max: LAST })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

describe('the density chart’s bars (issue 10, item 8)', () => {
  it('never draws more than MAX_BARS bars, whatever the span, with every month in exactly one bar', () => {
    fc.assert(
      fc.property(span, fc.integer({ min: 0, max: 1000 }), ([first, last], pick) => {
        const unit = chooseUnit(first, last);
        const bars = bucketSpan(first, last, unit);
        expect(bars.length).toBeGreaterThan(0);
        expect(bars.length).toBeLessThanOrEqual(MAX_BARS);
        expect(unit === 'month').toBe(last - first + 1 <= MAX_MONTH_BUCKETS);
        expect(new Set(bars.map((b) => b.key)).size).toBe(bars.length);
        // Any month of the span falls in one of the bars, and the bar's from/to select it.
        const month = first + (pick % (last - first + 1));
        const bar = bucketOf(month, unit);
        expect(bars.map((b) => b.key)).toContain(bar.key);
        const day = `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}-01`;
        expect(parsePartialDate(bar.from)!.date <= day && day <= endOfPeriod(parsePartialDate(bar.to)!)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('uses the finest unit that fits: months, years, decades, centuries', () => {
    expect(chooseUnit(monthIndex('2019-01'), monthIndex('2023-12'))).toBe('month');
    expect(chooseUnit(monthIndex('2011-03'), monthIndex('2023-03'))).toBe('year');
    expect(chooseUnit(monthIndex('1900-01'), monthIndex('2036-12'))).toBe('decade');
    expect(chooseUnit(monthIndex('1000-01'), monthIndex('9999-12'))).toBe('century');
    expect(bucketSpan(monthIndex('1000-01'), monthIndex('9999-12'), 'century')).toHaveLength(90);
  });

  it('names each bar and the filter that selects it', () => {
    expect(bucketOf(monthIndex('2023-03'), 'month')).toEqual({ key: '2023-03', label: 'Mar 2023', name: 'March 2023', from: '2023-03', to: '2023-03' });
    expect(bucketOf(monthIndex('2023-03'), 'year')).toEqual({ key: '2023', label: '2023', name: '2023', from: '2023', to: '2023' });
    expect(bucketOf(monthIndex('2023-03'), 'decade')).toEqual({ key: '2020-2029', label: '2020s', name: '2020 to 2029', from: '2020', to: '2029' });
    expect(bucketOf(monthIndex('9999-12'), 'century')).toEqual({ key: '9900-9999', label: '9900s', name: '9900 to 9999', from: '9900', to: '9999' });
  });
});
