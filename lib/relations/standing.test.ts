import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACT_KEYS, type FactKey, type StandingChange } from './change';
import { describeFact } from './describe';
import { addDays, periodEnd } from './period';
import { UNKNOWN } from './scale';
import { factValue, standingAsOf, type DyadFacts, type FactState } from './standing';
import { changesArb, dayArb, DYAD } from './test-arbitraries';

const RUNS = 500;

function change(over: Partial<StandingChange> & Pick<StandingChange, 'id' | 'date' | 'precision'>): StandingChange {
  return {
    dyad: DYAD,
    level: null,
    embassy: null,
    ambassadorRecalled: null,
    status: 'in_effect',
    evidenceEventIds: [over.id + 100],
    note: null,
    ...over,
  };
}

const facts = (s: DyadFacts) => ({ level: s.level, embassy: s.embassy, ambassadorRecalled: s.ambassadorRecalled });

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * One way the recorded history could really have gone: each in-effect change happened on some
 * day of its period, and changes on the same day in some order.
 */
const realisationArb = (n: number) => fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), order: fc.nat() }), { minLength: n, maxLength: n });

function realisedValue(changes: StandingChange[], picks: { at: number; order: number }[], key: FactKey, asOf: string): unknown {
  let best: { day: number; order: number; value: unknown } | null = null;
  changes.forEach((c, i) => {
    if (c.status !== 'in_effect' || c[key] === null) return;
    const start = dayNumber(c.date);
    const length = dayNumber(periodEnd(c.date, c.precision)) - start;
    const day = start + Math.min(length, Math.floor(picks[i]!.at * (length + 1)));
    if (day > dayNumber(asOf)) return;
    const { order } = picks[i]!;
    if (!best || day > best.day || (day === best.day && order > best.order)) best = { day, order, value: c[key] };
  });
  return best === null ? UNKNOWN : (best as { value: unknown }).value;
}

function admits(state: FactState<unknown>, value: unknown): boolean {
  switch (state.kind) {
    case 'known':
      return state.value === value;
    case 'unknown':
      return value === UNKNOWN;
    case 'changing':
      return state.from.includes(value) || state.to.includes(value);
    case 'ambiguous':
      return state.possible.includes(value);
  }
}

describe('the standing as of a date (properties)', () => {
  it('never guesses: whatever day in its period each change really happened, the answer allows what followed', () => {
    fc.assert(
      fc.property(
        changesArb().chain((changes) => fc.tuple(fc.constant(changes), realisationArb(changes.length), dayArb)),
        ([changes, picks, asOf]) => {
          const s = standingAsOf(DYAD, changes, asOf);
          for (const key of FACT_KEYS) {
            const real = realisedValue(changes, picks, key, asOf);
            if (!admits(s[key] as FactState<unknown>, real)) {
              throw new Error(`${key}: ${JSON.stringify(s[key])} does not allow ${String(real)}`);
            }
          }
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('is certain when every change is known to the day and no two share a day', () => {
    fc.assert(
      fc.property(
        changesArb({ statuses: ['in_effect'] }).map((cs) => {
          const seen = new Set<string>();
          return cs
            .map((c) => ({ ...c, date: c.date, precision: 'day' as const }))
            .filter((c) => !seen.has(c.date) && seen.add(c.date));
        }),
        dayArb,
        (changes, asOf) => {
          const s = standingAsOf(DYAD, changes, asOf);
          expect(s.changing).toBe(false);
          for (const key of FACT_KEYS) {
            const state = s[key] as FactState<unknown>;
            expect(['known', 'unknown']).toContain(state.kind);
            expect(factValue(state)).toBe(realisedValue(changes, changes.map(() => ({ at: 0, order: 0 })), key, asOf));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never moves a fact for an announced or reported change', () => {
    fc.assert(
      fc.property(
        changesArb(),
        changesArb({ statuses: ['announced', 'reported'], firstId: 1000 }),
        dayArb,
        (changes, plans, asOf) => {
          expect(facts(standingAsOf(DYAD, [...changes, ...plans], asOf))).toEqual(facts(standingAsOf(DYAD, changes, asOf)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('does not depend on the order the changes are given in', () => {
    fc.assert(
      fc.property(
        changesArb().chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))),
        dayArb,
        ([changes, shuffled], asOf) => {
          expect(standingAsOf(DYAD, shuffled, asOf)).toEqual(standingAsOf(DYAD, changes, asOf));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('after every change, equals the last in-effect value of each fact, and nothing is changing', () => {
    fc.assert(
      fc.property(changesArb(), (changes) => {
        const last = changes.reduce((d, c) => (periodEnd(c.date, c.precision) > d ? periodEnd(c.date, c.precision) : d), '2000-01-01');
        const s = standingAsOf(DYAD, changes, addDays(last, 1));
        expect(s.changing).toBe(false);
        for (const key of FACT_KEYS) {
          const speaking = changes.filter((c) => c.status === 'in_effect' && c[key] !== null);
          const state = s[key] as FactState<unknown>;
          if (speaking.length === 0) {
            expect(state).toEqual({ kind: 'unknown', recorded: false, changeId: null });
            continue;
          }
          // When one change surely came after all the others, it alone decides.
          const latest = speaking.reduce((a, b) => (b.date > a.date ? b : a));
          if (speaking.every((c) => c === latest || periodEnd(c.date, c.precision) < latest.date)) {
            expect(factValue(state)).toBe(latest[key]);
            expect(state.kind).toBe(latest[key] === UNKNOWN ? 'unknown' : 'known');
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('before the first change, every fact is unknown for want of data, and nothing is pending', () => {
    fc.assert(
      fc.property(changesArb(), fc.integer({ min: 1, max: 400 }), (changes, daysBefore) => {
        const first = changes.reduce((d, c) => (c.date < d ? c.date : d), '9999-12-31');
        const s = standingAsOf(DYAD, changes, addDays(first === '9999-12-31' ? '2010-01-01' : first, -daysBefore));
        for (const key of FACT_KEYS) expect(s[key]).toEqual({ kind: 'unknown', recorded: false, changeId: null });
        expect(s.pending).toEqual([]);
        expect(s.changing).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the standing as of a date (examples)', () => {
  it('takes a change on the as-of day itself as in effect on that day', () => {
    const changes = [change({ id: 1, date: '2019-03-05', precision: 'day', embassy: 'closed' })];
    expect(standingAsOf(DYAD, changes, '2019-03-04').embassy.kind).toBe('unknown');
    expect(standingAsOf(DYAD, changes, '2019-03-05').embassy).toMatchObject({ kind: 'known', value: 'closed' });
  });

  it('keeps a fact a change does not speak to (null) and replaces one it marks unknown', () => {
    const changes = [
      change({ id: 1, date: '2015-01-10', precision: 'day', level: 'ambassador', embassy: 'open' }),
      change({ id: 2, date: '2016-02-01', precision: 'day', ambassadorRecalled: true }),
      change({ id: 3, date: '2017-02-01', precision: 'day', level: 'unknown', embassy: 'closed' }),
    ];
    const mid = standingAsOf(DYAD, changes, '2016-06-01');
    expect(factValue(mid.level)).toBe('ambassador');
    expect(factValue(mid.ambassadorRecalled)).toBe(true);
    const late = standingAsOf(DYAD, changes, '2017-06-01');
    expect(late.level).toEqual({ kind: 'unknown', recorded: true, changeId: 3 });
    expect(factValue(late.embassy)).toBe('closed');
    expect(factValue(late.ambassadorRecalled)).toBe(true);
  });

  it('shows a month-precision change as changing within that month, from the earlier value', () => {
    const changes = [
      change({ id: 1, date: '2012-02-06', precision: 'day', embassy: 'closed' }),
      change({ id: 2, date: '2018-12-01', precision: 'month', embassy: 'open' }),
    ];
    const s = standingAsOf(DYAD, changes, '2018-12-15');
    expect(s.embassy).toEqual({ kind: 'changing', from: ['closed'], to: ['open'], within: { date: '2018-12-01', precision: 'month' }, changeIds: [1, 2] });
    expect(describeFact('embassy', s.embassy)).toBe('changing in December 2018, from closed to open');
  });

  it('is not changing when a change inside its period only repeats the value', () => {
    const changes = [
      change({ id: 1, date: '2015-05-01', precision: 'day', embassy: 'open' }),
      change({ id: 2, date: '2018-01-01', precision: 'year', embassy: 'open' }),
    ];
    const s = standingAsOf(DYAD, changes, '2018-06-01');
    expect(s.changing).toBe(false);
    expect(s.embassy).toMatchObject({ kind: 'known', value: 'open', changeId: 1 });
  });

  it('does not pretend to know the order of a day and a year that overlap and disagree', () => {
    const changes = [
      change({ id: 1, date: '2012-01-01', precision: 'year', embassy: 'closed' }),
      change({ id: 2, date: '2012-03-20', precision: 'day', embassy: 'open' }),
    ];
    const s = standingAsOf(DYAD, changes, '2013-01-01');
    expect(s.embassy).toEqual({ kind: 'ambiguous', possible: ['closed', 'open'], within: { date: '2012-01-01', precision: 'year' }, changeIds: [1, 2] });
    expect(describeFact('embassy', s.embassy)).toBe('closed or open (order within 2012 not recorded)');
    // A later precise change settles it.
    const settled = standingAsOf(DYAD, [...changes, change({ id: 3, date: '2014-07-01', precision: 'day', embassy: 'open' })], '2015-01-01');
    expect(settled.embassy).toMatchObject({ kind: 'known', value: 'open', changeId: 3 });
  });

  it('closes a pending plan once an in-effect change on the same fact has happened, not before', () => {
    const changes = [
      change({ id: 1, date: '2023-03-01', precision: 'month', embassy: 'open', status: 'reported' }),
      change({ id: 2, date: '2023-05-10', precision: 'day', level: 'ambassador', status: 'announced' }),
      change({ id: 3, date: '2023-06-01', precision: 'month', embassy: 'open' }),
    ];
    expect(standingAsOf(DYAD, changes, '2023-04-01').pending.map((p) => p.changeId)).toEqual([1]);
    expect(standingAsOf(DYAD, changes, '2023-06-15').pending.map((p) => p.changeId)).toEqual([1, 2]);
    // The June reopening has surely happened by 30 June: the report is closed; the ambassador is still only announced.
    const july = standingAsOf(DYAD, changes, '2023-07-01');
    expect(july.pending.map((p) => [p.changeId, p.status, p.periodContainsDate])).toEqual([[2, 'announced', false]]);
    expect(factValue(july.level)).toBe('unknown');
  });

  it('keeps an older plan open when the in-effect change came before the plan', () => {
    const changes = [
      change({ id: 1, date: '2020-01-05', precision: 'day', embassy: 'closed' }),
      change({ id: 2, date: '2021-01-01', precision: 'year', embassy: 'open', status: 'reported' }),
    ];
    expect(standingAsOf(DYAD, changes, '2022-01-01').pending.map((p) => p.changeId)).toEqual([2]);
  });
});
