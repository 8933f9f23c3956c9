/**
 * A small seeded PRNG and the distributions the generator draws from. Math.random() is not
 * seedable, and the synthetic database must be the same bytes-for-rows on every run with the
 * same seed, so every random choice in db/synth goes through one `Rng`.
 */

/** cyrb128: spreads any seed string over four 32-bit words (sfc32's state). */
function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A cumulative weight table for `Rng.weighted`: build once, draw millions of times. */
export interface WeightTable<T> {
  items: readonly T[];
  cumulative: Float64Array;
  total: number;
}

export function weightTable<T>(entries: readonly (readonly [T, number])[]): WeightTable<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, w], i) => {
    if (!(w >= 0)) throw new Error(`weightTable: weight must be >= 0, got ${w}`);
    total += w;
    cumulative[i] = total;
  });
  if (total <= 0) throw new Error('weightTable: weights sum to zero');
  return { items: entries.map(([item]) => item), cumulative, total };
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): fast, 128-bit state, passes PractRand. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    [this.a, this.b, this.c, this.d] = hashSeed(seed);
    // The first outputs of a fresh state are correlated with the seed; discard them.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** An independent stream for one concern, so adding draws to one part leaves the others unchanged. */
  fork(label: string): Rng {
    return new Rng(`${this.uint32()}:${this.uint32()}:${label}`);
  }

  uint32(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  weighted<T>(table: WeightTable<T>): T {
    const x = this.next() * table.total;
    const cum = table.cumulative;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return table.items[lo]!;
  }

  /**
   * A rank in [0, n) with P(rank = r) roughly proportional to 1 / (r + 1)^s: a few ranks take a
   * large share, most are rare. Inverts the continuous power law, so it costs O(1) for any n.
   */
  zipf(n: number, s = 1): number {
    if (n <= 1) return 0;
    const u = this.next();
    let x: number;
    if (Math.abs(s - 1) < 1e-9) {
      x = Math.pow(n + 1, u);
    } else {
      const e = 1 - s;
      x = Math.pow(1 + u * (Math.pow(n + 1, e) - 1), 1 / e);
    }
    return Math.min(n - 1, Math.max(0, Math.floor(x) - 1));
  }

  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** k distinct items from a list (k clipped to its length), in draw order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = items.length;
    const take = Math.min(k, n);
    const chosen = new Set<number>();
    const out: T[] = [];
    while (out.length < take) {
      const i = this.int(n);
      if (chosen.has(i)) continue;
      chosen.add(i);
      out.push(items[i]!);
    }
    return out;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}
