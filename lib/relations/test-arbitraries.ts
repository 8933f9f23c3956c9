/**
 * fast-check generators for the relations tests (imported by *.test.ts only): changes of one
 * dyad with dates of every precision packed into a few years, so that periods overlap, ties
 * happen and imprecise changes contain the dates asked about.
 */
import fc from 'fast-check';
import { startOfPeriod, type DatePrecision } from '@/lib/dates';
import type { Dyad, StandingChange } from './change';
import { addDays } from './period';
import { CHANGE_STATUSES, DIPLOMATIC_LEVELS, UNKNOWN, type ChangeStatus } from './scale';

export const DYAD: Dyad = { subject: 'AE', counterpart: 'SY' };

export const FIRST_DAY = '2010-01-01';
/** Days after FIRST_DAY that generated dates fall in (about six years). */
export const SPAN_DAYS = 6 * 366;

export const dayArb = fc.integer({ min: -30, max: SPAN_DAYS + 30 }).map((n) => addDays(FIRST_DAY, n));

export const partialDateArb = fc
  .record({ day: fc.integer({ min: 0, max: SPAN_DAYS }), precision: fc.constantFrom<DatePrecision>('day', 'day', 'month', 'year') })
  .map(({ day, precision }) => ({ date: startOfPeriod(addDays(FIRST_DAY, day), precision), precision }));

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });

export function changeArb(statuses: readonly ChangeStatus[] = CHANGE_STATUSES): fc.Arbitrary<Omit<StandingChange, 'id'>> {
  return fc.record({
    dyad: fc.constant(DYAD),
    // Few values, so that changes often agree and often disagree.
    level: maybe(fc.constantFrom('ambassador', 'charge_d_affaires', 'severed', UNKNOWN)) as fc.Arbitrary<(typeof DIPLOMATIC_LEVELS)[number] | 'unknown' | null>,
    embassy: maybe(fc.constantFrom('open' as const, 'closed' as const, UNKNOWN)),
    ambassadorRecalled: maybe(fc.constantFrom(true, false, UNKNOWN)),
    status: fc.constantFrom(...statuses),
    evidenceEventIds: fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 3 }),
    note: fc.constant(null),
  }).chain((facts) => partialDateArb.map((d) => ({ ...facts, ...d })));
}

/** Ids are given by position, so that every list has distinct ids. */
export function changesArb(opts: { maxLength?: number; statuses?: readonly ChangeStatus[]; firstId?: number } = {}): fc.Arbitrary<StandingChange[]> {
  const firstId = opts.firstId ?? 1;
  return fc
    .array(changeArb(opts.statuses), { maxLength: opts.maxLength ?? 12 })
    .map((list) => list.map((c, i) => ({ ...c, id: firstId + i })));
}
