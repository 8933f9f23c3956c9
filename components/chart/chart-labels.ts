import type { DensityBucket, DensityChartData } from '@/db/queries/density';
import { EVENT_TYPES, eventTypeInfo, type EventTypeKey } from '@/lib/event-types';

export const UNIT_HEADINGS: Record<DensityChartData['unit'], string> = { month: 'Month', year: 'Year', decade: 'Decade', century: 'Century' };

function countPhrase(n: number, type?: EventTypeKey): string {
  if (!type) return n === 1 ? '1 event' : `${n} events`;
  const info = eventTypeInfo(type);
  return `${n} ${n === 1 ? info.label.toLowerCase() : info.plural.toLowerCase()}`;
}

/** What a bar says to a screen reader and in its tooltip: the period, the total, and each type. */
export function barLabel(bucket: DensityBucket): string {
  const parts = EVENT_TYPES.filter((t) => bucket.counts[t.key] > 0).map((t) => countPhrase(bucket.counts[t.key], t.key));
  return `${bucket.name}: ${countPhrase(bucket.total)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** The label under bar `i` of `n`, or null where labels would crowd: about a dozen along the axis. */
export function axisLabel(bucket: DensityBucket, i: number, n: number, unit: DensityChartData['unit']): string | null {
  if (unit !== 'month') {
    const step = Math.ceil(n / 12);
    return i % step === 0 || i === n - 1 ? bucket.label : null;
  }
  const month = bucket.key.slice(5, 7);
  // A few months: each by name, and the first (and any January) with its year, so that one bar
  // reads "Mar 2023", never a month of no particular year.
  if (n <= 12) return i === 0 || month === '01' ? bucket.label : bucket.label.slice(0, 3);
  if (i === 0 || month === '01') return n <= 24 && month !== '01' ? bucket.label : bucket.key.slice(0, 4);
  return null;
}
