import { describe, expect, it } from 'vitest';
import type { DensityBucket } from '@/db/queries/density';
import { bucketSpan, monthIndex } from '@/lib/density-buckets';
import { axisLabel, barLabel } from './chart-labels';

function months(first: string, last: string): DensityBucket[] {
  return bucketSpan(monthIndex(first), monthIndex(last), 'month').map((p) => ({
    ...p,
    counts: { designation: 1 } as DensityBucket['counts'],
    total: 1,
  }));
}

const labels = (buckets: DensityBucket[]) => buckets.map((b, i) => axisLabel(b, i, buckets.length, 'month'));

describe('the labels under the month bars', () => {
  it('say the month and the year when an actor has events in one month only', () => {
    const [only] = months('2023-03', '2023-03');
    expect(labels([only!])).toEqual(['Mar 2023']);
    expect(barLabel(only!)).toMatch(/^March 2023: 1 event/);
  });

  it('give the year on the first bar and at each January, the months alone otherwise', () => {
    expect(labels(months('2022-11', '2023-03'))).toEqual(['Nov 2022', 'Dec', 'Jan 2023', 'Feb', 'Mar']);
    expect(labels(months('2023-01', '2023-04'))).toEqual(['Jan 2023', 'Feb', 'Mar', 'Apr']);
  });
});
