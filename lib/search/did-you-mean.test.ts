import os from 'node:os';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSuggesterState, deletions, maxDistanceFor, NameSuggester, osaDistance, Suggester, transferList, type VocabularyTerm } from './did-you-mean';
import { spellingVariants } from './spelling';

/** Textbook optimal string alignment over the full matrix, to check the bounded one against. */
function referenceOsa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('distance', () => {
  it('counts insertions, deletions, substitutions and neighbouring swaps as one', () => {
    expect(osaDistance('qadour', 'qaddour')).toBe(1);
    expect(osaDistance('normalisaton', 'normalisation')).toBe(1);
    expect(osaDistance('asasd', 'assad')).toBe(1);
    expect(osaDistance('ca', 'abc')).toBe(3); // OSA, not unrestricted Damerau
    expect(osaDistance('kitten', 'sitting')).toBe(3);
    expect(osaDistance('kitten', 'sitting', 1)).toBe(2); // bounded: "more than 1"
  });

  it('property: agrees with the full-matrix reference, and its bound never lies', () => {
    const word = fc.stringMatching(/^[abcd]{0,9}$/);
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        const exact = referenceOsa(a, b);
        expect(osaDistance(a, b)).toBe(exact);
        const bounded = osaDistance(a, b, max);
        expect(bounded).toBe(exact <= max ? exact : max + 1);
      }),
      { numRuns: 5000 },
    );
  });

  it('allows more for longer words', () => {
    expect([1, 2, 3, 4, 5, 12].map(maxDistanceFor)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

const vocab = (entries: Record<string, number>): VocabularyTerm[] => Object.entries(entries).map(([term, frequency]) => ({ term, frequency }));

describe('suggestions from the index vocabulary', () => {
  const suggester = new Suggester(
    vocab({
      qaddour: 40,
      qaddoura: 2,
      khalid: 55,
      normalisation: 5,
      normalization: 2,
      normalise: 4,
      assad: 300,
      asad: 3,
      sanctions: 900,
      caesar: 120,
      captagon: 60,
      الأسد: 80,
    }),
  );

  it('finds the nearest real terms: Qadour → qaddour, normalisaton → normalisation', () => {
    expect(suggester.suggest('Qadour')[0]).toEqual({ term: 'qaddour', display: 'qaddour', distance: 1, frequency: 40 });
    expect(suggester.suggest('normalisaton')[0]).toMatchObject({ term: 'normalisation', distance: 1 });
    expect(suggester.suggest('Ceasar')[0]).toMatchObject({ term: 'caesar', distance: 1 });
    expect(suggester.suggest('sanctinos')[0]).toMatchObject({ term: 'sanctions', distance: 1 });
    // Arabic: a missing letter in the name (normalised, so the hamza does not count).
    expect(suggester.suggest('الاس')[0]).toMatchObject({ term: 'الاسد', distance: 1 });
  });

  it('ranks by distance, then by how many documents hold the term', () => {
    expect(suggester.suggest('qaddoura', { presentRatio: 0 }).map((s) => s.term)).toEqual(['qaddour']);
    expect(suggester.suggest('normalizaton').map((s) => [s.term, s.distance])).toEqual([
      ['normalization', 1],
      ['normalisation', 2],
    ]);
  });

  it('suggests a far more common spelling even when the typed one exists, not a rarer one', () => {
    expect(suggester.suggest('asad').map((s) => s.term)).toEqual(['assad']);
    expect(suggester.suggest('assad')).toEqual([]);
  });

  it('suggests nothing for words too short to correct, or with nothing near', () => {
    expect(suggester.suggest('qa')).toEqual([]);
    expect(suggester.suggest('zzzzzzzz')).toEqual([]);
    expect(suggester.suggest('')).toEqual([]);
  });

  it('shows the spelling nearest to what was typed when the index holds spelling keys', () => {
    const keyed = new Suggester(vocab({ normalization: 7, color: 3 }), { variantsOf: spellingVariants });
    expect(keyed.suggest('normalisaton')[0]).toEqual({ term: 'normalization', display: 'normalisation', distance: 1, frequency: 7 });
    expect(keyed.suggest('normalizaton')[0]).toMatchObject({ display: 'normalization', distance: 1 });
    // A correct British spelling is no misspelling.
    expect(keyed.suggest('normalisation')).toEqual([]);
  });

  it('property: finds exactly what a brute-force scan finds, for any vocabulary and word', () => {
    const word = fc.stringMatching(/^[abcde]{1,11}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 80 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 80, maxLength: 80 }),
        word,
        fc.integer({ min: 1, max: 8 }),
        (terms, freqs, query, prefixLength) => {
          const v = terms.map((term, i) => ({ term, frequency: freqs[i]! }));
          const s = new Suggester(v, { prefixLength });
          const max = maxDistanceFor(query.length);
          const expected = v
            .filter((t) => t.term !== query && max > 0 && referenceOsa(query, t.term) <= max)
            .map((t) => ({ term: t.term, display: t.term, distance: referenceOsa(query, t.term), frequency: t.frequency }))
            .sort((a, b) => a.distance - b.distance || b.frequency - a.frequency || (a.term < b.term ? -1 : 1));
          expect(s.suggest(query, { limit: 1000, presentRatio: 0 })).toEqual(expected);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('answers the same from a state built elsewhere and transferred (as from a worker thread)', () => {
    const v = vocab({ qaddour: 40, normalisation: 5, caesar: 120, captagon: 60, sanctions: 900 });
    const state = buildSuggesterState(v);
    const moved = structuredClone(state, { transfer: transferList(state) });
    expect(state.hashes.byteLength).toBe(0); // transferred, not copied
    const there = new Suggester(moved);
    const here = new Suggester(v);
    for (const q of ['qadour', 'normalisaton', 'ceasar', 'captgon', 'sanctins']) expect(there.suggest(q)).toEqual(here.suggest(q));
  });

  it('deletions: every string within k deletions, the text included', () => {
    expect([...deletions('abc', 1)].sort()).toEqual(['ab', 'abc', 'ac', 'bc']);
    expect(deletions('abcdef', 2).size).toBe(1 + 6 + 15);
  });
});

/** A deterministic generator, so the timing vocabulary is the same on every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SYLLABLES = [
  'al', 'an', 'ar', 'as', 'ba', 'bi', 'da', 'di', 'el', 'en', 'er', 'es', 'fa', 'ha', 'hi', 'in', 'is', 'ja', 'ka',
  'kh', 'la', 'li', 'ma', 'mi', 'mo', 'na', 'ni', 'no', 'on', 'or', 'ou', 'ra', 're', 'ri', 'ro', 'sa', 'se', 'sh',
  'si', 'so', 'ta', 'te', 'th', 'ti', 'to', 'tr', 'un', 'ur', 'va', 've', 'wa', 'ya', 'za', 'tion', 'ment', 'ing',
  'ed', 'er', 'ous', 'ive', 'al', 'ity', 'ize', 'ise', 'our', 'ddour', 'ssad', 'mak', 'hlouf', 'qa', 'qu',
];

function syntheticVocabulary(size: number, seed: number): VocabularyTerm[] {
  const random = rng(seed);
  const terms = new Set<string>();
  while (terms.size < size) {
    const n = 1 + Math.floor(random() * 5);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (w.length >= 2 && w.length <= 24) terms.add(w);
  }
  // Zipf-like document counts: a few very common terms, a long tail of rare ones.
  return [...terms].map((term, i) => ({ term, frequency: Math.max(1, Math.floor(1_000_000 / (i + 1))) }));
}

function misspell(word: string, random: () => number): string {
  const i = Math.floor(random() * word.length);
  const kind = Math.floor(random() * 4);
  const letter = String.fromCharCode(97 + Math.floor(random() * 26));
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + letter + word.slice(i);
  if (kind === 2) return word.slice(0, i) + letter + word.slice(i + 1);
  return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word + letter;
}

describe('speed at 200,000 terms', () => {
  it('builds once, then suggests in well under 20 ms a word', () => {
    const vocabulary = syntheticVocabulary(200_000, 14);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const suggester = new Suggester(vocabulary);
    const buildMs = performance.now() - t0;
    gc?.();
    const after = process.memoryUsage();
    const random = rng(99);
    const queries = Array.from({ length: 2000 }, () => misspell(vocabulary[Math.floor(random() * vocabulary.length)]!.term, random));
    // Wall time, and the process's CPU time: on a shared machine (this one runs several test suites
    // at once on two cores) the wall time also counts waiting for a core, the CPU time only the work.
    const times: number[] = [];
    const cpu: number[] = [];
    let answered = 0;
    for (const q of queries) {
      const c = process.cpuUsage();
      const t = performance.now();
      const result = suggester.suggest(q);
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      if (result.length > 0) answered++;
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const pct = (list: number[], p: number) => list[Math.min(list.length - 1, Math.floor(p * list.length))]!;
    const ms = (list: number[]) => `p50 ${pct(list, 0.5).toFixed(2)} ms, p95 ${pct(list, 0.95).toFixed(2)} ms, p99 ${pct(list, 0.99).toFixed(2)} ms, max ${list.at(-1)!.toFixed(2)} ms`;
    console.log(
      `did-you-mean, ${suggester.size} terms: build ${buildMs.toFixed(0)} ms, index ${(suggester.indexBytes / 2 ** 20).toFixed(1)} MiB ` +
        `(after GC: heap +${((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(0)} MiB, external (typed arrays) +${((after.external - before.external) / 2 ** 20).toFixed(0)} MiB); ` +
        `suggest wall ${ms(times)}; CPU ${ms(cpu)}; ${answered}/${queries.length} misspellings got a suggestion (load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
    expect(pct(cpu, 0.95)).toBeLessThan(20);
    expect(pct(times, 0.5)).toBeLessThan(20);
    expect(answered / queries.length).toBeGreaterThan(0.95);
  }, 120_000);
});

describe('actor names', () => {
  const names = new NameSuggester([
    { id: 1, name: 'Bashar al-Assad', aliases: ['بشار الأسد', 'Bashar Hafez al-Assad'] },
    { id: 2, name: 'Khalid Qaddour' },
    { id: 3, name: 'Maher al-Assad' },
    { id: 4, name: 'Rami Makhlouf', aliases: ['رامي مخلوف'] },
    { id: 5, name: 'Asma al-Assad' },
    { id: 6, name: 'Samer Foz' },
  ]);

  it('suggests the nearest names for a misspelt name of one or more words', () => {
    expect(names.suggest('Qadour')).toEqual([{ id: 2, name: 'Khalid Qaddour', matched: 'Khalid Qaddour', distance: 1 }]);
    expect(names.suggest('Bashar al-Asad')[0]).toEqual({ id: 1, name: 'Bashar al-Assad', matched: 'Bashar al-Assad', distance: 1 });
    expect(names.suggest('Rami Makhluf')[0]).toMatchObject({ id: 4, distance: 1 });
    expect(names.suggest('khal qadour')[0]).toMatchObject({ id: 2, distance: 1 });
    expect(names.suggest('رامي مخلون')[0]).toMatchObject({ id: 4, matched: 'رامي مخلوف', distance: 1 });
    // A typed prefix of a name finds it already; nothing to suggest.
    expect(names.suggest('رامي مخلو')).toEqual([]);
  });

  it('ranks the closest and shortest first, and stays quiet for an exact name', () => {
    expect(names.suggest('Maher al-Asad').map((s) => s.id)).toEqual([3]);
    expect(names.suggest('al-Asad').map((s) => s.name)).toEqual(['Asma al-Assad', 'Bashar al-Assad', 'Maher al-Assad']);
    expect(names.suggest('Khalid Qaddour')).toEqual([]);
    expect(names.suggest('Nobody Known')).toEqual([]);
  });
});
