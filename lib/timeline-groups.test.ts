import { describe, expect, it } from 'vitest';
import { headingsFor } from './timeline-groups';

const items = [
  { date: '2023-03-28', datePrecision: 'day' as const },
  { date: '2023-03-01', datePrecision: 'month' as const },
  { date: '2023-01-13', datePrecision: 'day' as const },
  { date: '2023-01-01', datePrecision: 'year' as const },
  { date: '2022-03-01', datePrecision: 'month' as const },
];

describe('timeline headings', () => {
  it('starts a year and a month at the first item and at each change', () => {
    const headings = items.map((item, i) => headingsFor(item, items[i - 1]));
    expect(headings.map((h) => [h.year, h.month])).toEqual([
      ['2023', 'March'],
      [undefined, undefined],
      [undefined, 'January'],
      [undefined, 'Month not recorded'],
      ['2022', 'March'],
    ]);
  });

  it('gives the same headings when the list arrives in two pages', () => {
    const whole = items.map((item, i) => headingsFor(item, items[i - 1]));
    const firstPage = items.slice(0, 2);
    const secondPage = items.slice(2);
    const joined = [...firstPage, ...secondPage];
    expect(joined.map((item, i) => headingsFor(item, joined[i - 1]))).toEqual(whole);
  });
});
