import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dyadBand, type BandSegment } from './bands';
import { FACT_KEYS, type StandingChange } from './change';
import { dyadYearRows } from './dyad-years';
import { addDays, periodEnd } from './period';
import { standingAsOf, type DyadFacts, type FactState } from './standing';
import { changesArb, dayArb, DYAD } from './test-arbitraries';

const RUNS = 300;

/** Everything a segment's tooltip can say about a fact. */
function look(f: DyadFacts): FactState<unknown>[] {
  return FACT_KEYS.map((k) => f[k] as FactState<unknown>);
}

function segmentAt(segments: BandSegment[], day: string): BandSegment {
  const s = segments.find((x) => x.from <= day && day <= x.to);
  if (!s) throw new Error(`no segment holds ${day}`);
  return s;
}

const rangeArb = fc.tuple(dayArb, dayArb).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [string, string]);

/** The days on which the answer can change, and their neighbours: checking these checks every day. */
function telltaleDays(changes: StandingChange[], from: string, to: string): string[] {
  const days = new Set([from, to]);
  for (const c of changes) {
    for (const d of [c.date, periodEnd(c.date, c.precision)]) for (const n of [-1, 0, 1]) days.add(addDays(d, n));
  }
  return [...days].filter((d) => d >= from && d <= to);
}

describe('board bands (properties)', () => {
  it('cover the range day after day, without gaps, overlaps or two identical side by side', () => {
    fc.assert(
      fc.property(changesArb(), rangeArb, (changes, [from, to]) => {
        const { segments } = dyadBand(DYAD, changes, from, to);
        expect(segments[0]!.from).toBe(from);
        expect(segments.at(-1)!.to).toBe(to);
        segments.forEach((s, i) => {
          expect(s.from <= s.to).toBe(true);
          if (i > 0) {
            expect(s.from).toBe(addDays(segments[i - 1]!.to, 1));
            expect(look(s.facts)).not.toEqual(look(segments[i - 1]!.facts));
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('agree with the as-of standing on every day', () => {
    fc.assert(
      fc.property(changesArb(), rangeArb, (changes, [from, to]) => {
        const { segments } = dyadBand(DYAD, changes, from, to);
        for (const day of telltaleDays(changes, from, to)) {
          const seg = segmentAt(segments, day);
          const asOf = standingAsOf(DYAD, changes, day);
          expect(look(seg.facts), day).toEqual(look(asOf));
          expect(seg.uncertain).toBe(FACT_KEYS.some((k) => ['changing', 'ambiguous'].includes(asOf[k].kind)));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('are the same whatever announced or reported changes are added, which only add markers', () => {
    fc.assert(
      fc.property(changesArb(), changesArb({ statuses: ['announced', 'reported'], firstId: 1000 }), rangeArb, (changes, plans, [from, to]) => {
        const plain = dyadBand(DYAD, changes, from, to);
        const withPlans = dyadBand(DYAD, [...plans, ...changes], from, to);
        expect(withPlans.segments).toEqual(plain.segments);
        const inRange = plans.filter((p) => p.date <= to && periodEnd(p.date, p.precision) >= from);
        expect(withPlans.markers.length).toBe(plain.markers.length + inRange.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('do not depend on the order the changes are given in', () => {
    fc.assert(
      fc.property(
        changesArb().chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))),
        rangeArb,
        ([changes, shuffled], [from, to]) => {
          const a = dyadBand(DYAD, changes, from, to);
          const b = dyadBand(DYAD, shuffled, from, to);
          expect(b.segments.map((s) => [s.from, s.to, look(s.facts)])).toEqual(a.segments.map((s) => [s.from, s.to, look(s.facts)]));
          expect(b.markers).toEqual(a.markers);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('give dyad-years the standing as of each 31 December', () => {
    fc.assert(
      fc.property(changesArb(), fc.integer({ min: 2008, max: 2014 }), fc.integer({ min: 0, max: 8 }), (changes, fromYear, years) => {
        const rows = dyadYearRows(DYAD, changes, fromYear, fromYear + years);
        expect(rows.map((r) => r.year)).toEqual(Array.from({ length: years + 1 }, (_, i) => fromYear + i));
        for (const row of rows) {
          const s = standingAsOf(DYAD, changes, `${row.year}-12-31`);
          expect([row.level, row.embassy, row.ambassadorRecalled]).toEqual(
            FACT_KEYS.map((k) => (s[k].kind === 'known' ? (s[k] as { value: unknown }).value : 'unknown')),
          );
          const inYear = changes.filter((c) => c.date.startsWith(String(row.year)));
          expect(row.changeIds).toEqual(inYear.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id).map((c) => c.id));
          expect(row.evidenceEventIds).toEqual([...new Set(inYear.flatMap((c) => c.evidenceEventIds))].sort((a, b) => a - b));
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('board bands (examples)', () => {
  const c = (over: Partial<StandingChange> & Pick<StandingChange, 'id' | 'date' | 'precision'>): StandingChange => ({
    dyad: DYAD,
    level: null,
    embassy: null,
    ambassadorRecalled: null,
    status: 'in_effect',
    evidenceEventIds: [1],
    note: null,
    ...over,
  });

  it('colours by level, splits on the embassy, and hatches a month-precision downgrade', () => {
    const changes = [
      c({ id: 1, date: '2005-04-12', precision: 'day', level: 'ambassador', embassy: 'open' }),
      c({ id: 2, date: '2011-11-01', precision: 'month', level: 'charge_d_affaires' }),
      c({ id: 3, date: '2012-03-06', precision: 'day', embassy: 'closed' }),
    ];
    const { segments, markers } = dyadBand(DYAD, changes, '2005-01-01', '2013-12-31');
    expect(segments.map(({ from, to, level, embassy, uncertain }) => [from, to, level, embassy, uncertain])).toEqual([
      ['2005-01-01', '2005-04-11', 'unknown', 'unknown', false],
      ['2005-04-12', '2011-10-31', 'ambassador', 'open', false],
      ['2011-11-01', '2011-11-29', 'unknown', 'open', true],
      ['2011-11-30', '2012-03-05', 'charge_d_affaires', 'open', false],
      ['2012-03-06', '2013-12-31', 'charge_d_affaires', 'closed', false],
    ]);
    expect(segments[2]!.facts.level).toMatchObject({ kind: 'changing', from: ['ambassador'], to: ['charge_d_affaires'] });
    expect(markers.map((m) => [m.changeId, m.date, m.end])).toEqual([
      [1, '2005-04-12', '2005-04-12'],
      [2, '2011-11-01', '2011-11-30'],
      [3, '2012-03-06', '2012-03-06'],
    ]);
  });

  it('leaves out markers outside the range but keeps what they did', () => {
    const changes = [c({ id: 1, date: '1999-01-01', precision: 'year', level: 'severed' })];
    const band = dyadBand(DYAD, changes, '2001-01-01', '2001-12-31');
    expect(band.markers).toEqual([]);
    expect(band.segments).toMatchObject([{ from: '2001-01-01', to: '2001-12-31', level: 'severed', uncertain: false }]);
  });

  it('is one unknown segment for a dyad without changes', () => {
    expect(dyadBand(DYAD, [], '2020-01-01', '2020-12-31').segments).toMatchObject([{ from: '2020-01-01', to: '2020-12-31', level: 'unknown', embassy: 'unknown', ambassadorRecalled: 'unknown', uncertain: false }]);
  });
});
