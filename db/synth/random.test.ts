import { describe, expect, it } from 'vitest';
import { Rng, weightTable } from './random';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.uint32());

describe('Rng', () => {
  it('repeats its sequence for the same seed and changes it for another', () => {
    expect(draws(new Rng('42'), 100)).toEqual(draws(new Rng('42'), 100));
    const other = draws(new Rng('43'), 100);
    const same = draws(new Rng('42'), 100);
    expect(other.filter((v, i) => v === same[i]).length).toBeLessThan(3);
  });

  it('forks independent streams that are themselves deterministic', () => {
    const a = new Rng('s');
    const b = new Rng('s');
    expect(draws(a.fork('x'), 20)).toEqual(draws(b.fork('x'), 20));
    expect(draws(new Rng('s').fork('x'), 20)).not.toEqual(draws(new Rng('s').fork('y'), 20));
  });

  it('draws uniformly in [0, 1) and within integer bounds', () => {
    const rng = new Rng('u');
    let sum = 0;
    let min = 1;
    let max = 0;
    const ints = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
      ints.add(rng.between(3, 5));
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
    expect([...ints].sort()).toEqual([3, 4, 5]);
  });

  it('follows the weights of a table', () => {
    const rng = new Rng('w');
    const table = weightTable([
      ['a', 70],
      ['b', 20],
      ['c', 10],
    ] as const);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[rng.weighted(table)]++;
    expect(counts.a / 20_000).toBeCloseTo(0.7, 1);
    expect(counts.b / 20_000).toBeCloseTo(0.2, 1);
    expect(counts.c / 20_000).toBeCloseTo(0.1, 1);
  });

  it('gives Zipf ranks: the first few take a large share, the tail is long and stays in range', () => {
    const rng = new Rng('z');
    const n = 10_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < 100_000; i++) {
      const r = rng.zipf(n, 1);
      counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    expect(Math.min(...counts.keys())).toBe(0);
    expect(Math.max(...counts.keys())).toBeLessThan(n);
    const c = (r: number) => counts.get(r) ?? 0;
    // P(r) ~ 1/((r+1.5) ln(n+1)): rank 0 about 7%, rank 9 about ten times rarer.
    expect(c(0) / 100_000).toBeGreaterThan(0.05);
    expect(c(0)).toBeGreaterThan(5 * c(9));
    const ranksSeenOnce = [...counts.values()].filter((v) => v <= 2).length;
    expect(ranksSeenOnce).toBeGreaterThan(2_000);
  });
});
