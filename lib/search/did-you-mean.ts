/**
 * "Did you mean Qaddour?" (issue 14): the nearest real terms for a misspelt word, from the search
 * index's own vocabulary, and the nearest actor names for a misspelt name.
 *
 * The vocabulary is (term, document count) pairs, as FTS5's `fts5vocab` table gives them
 * (`CREATE VIRTUAL TABLE events_fts_vocab USING fts5vocab(events_fts, 'row')`: columns term, doc,
 * cnt). Distance is the optimal-string-alignment form of Damerau-Levenshtein (an insertion, a
 * deletion, a substitution or a swap of two neighbouring letters each count one), allowed up to 1
 * for words of 3-4 letters and 2 from 5 letters; suggestions rank by distance, then by how many
 * documents hold the term, then alphabetically.
 *
 * Speed comes from a symmetric-delete index (the SymSpell idea): every string that is at most two
 * deletions away from the first `prefixLength` letters of a term is hashed, and a misspelt word's own
 * deletions find the terms that might be near; only those are measured. Terms are grouped by that
 * prefix, and the index holds the groups, not the terms, so it stays small: two typed arrays of
 * one entry per (prefix deletion, prefix). Two strings within distance k share a deletion string
 * of their prefixes made with at most k deletions on each side (an edit inside the prefix costs at
 * most one deletion on each side, counting the letter it pushes past the prefix's end), so nothing
 * within the distance is missed; the tests compare every answer with a brute-force scan.
 */
import { normaliseText, words as wordsOf } from '@/lib/text/normalise';

export interface VocabularyTerm {
  term: string;
  /** How many documents hold the term (fts5vocab's `doc`). */
  frequency: number;
}

export interface Suggestion {
  /** The vocabulary's term. */
  term: string;
  /** The spelling to show: the term, or the variant of it closest to what was typed. */
  display: string;
  distance: number;
  frequency: number;
}

/** The largest distance worth suggesting for a word of this many characters. */
export function maxDistanceFor(length: number): number {
  if (length <= 2) return 0;
  if (length <= 4) return 1;
  return 2;
}

/**
 * Optimal string alignment distance between `a` and `b`, or `max + 1` as soon as it is certain to
 * exceed `max` (so a far candidate costs little). Works on UTF-16 units: normalised Latin and Arabic
 * words are in the basic plane.
 */
export function osaDistance(a: string, b: string, max: number = Infinity): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  if (rows.length < 3 * (lb + 1)) rows = new Int32Array(6 * (lb + 1));
  // Three rows in one buffer: two back (for swaps), previous, current.
  const w = lb + 1;
  let back = 0;
  let prev = w;
  let cur = 2 * w;
  for (let j = 0; j <= lb; j++) rows[prev + j] = j;
  for (let i = 1; i <= la; i++) {
    rows[cur] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    const caPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = rows[prev + j - 1]! + (ca === cb ? 0 : 1);
      const del = rows[prev + j]! + 1;
      const ins = rows[cur + j - 1]! + 1;
      if (del < v) v = del;
      if (ins < v) v = ins;
      if (j > 1 && ca === b.charCodeAt(j - 2) && caPrev === cb) {
        const swap = rows[back + j - 2]! + 1;
        if (swap < v) v = swap;
      }
      rows[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = back;
    back = prev;
    prev = cur;
    cur = t;
  }
  const d = rows[prev + lb]!;
  return d > max ? max + 1 : d;
}

/** Reused by `osaDistance`: one allocation for all the measuring a suggestion does. */
let rows = new Int32Array(3 * 64);

/**
 * 32-bit FNV-1a hashes of every string made from `text` by deleting at most `max` characters (the
 * text itself included), computed without building the strings; the same string made twice gives
 * the same hash twice. Collisions only add candidates: each is measured.
 */
function deletionHashes(text: string, max: number, emit: (hash: number) => void): void {
  const skip: number[] = [];
  const hashSkipping = () => {
    let h = 0x811c9dc5;
    for (let i = 0, k = 0; i < text.length; i++) {
      if (k < skip.length && skip[k] === i) {
        k++;
        continue;
      }
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  };
  const walk = (from: number) => {
    emit(hashSkipping());
    if (skip.length === max) return;
    for (let i = from; i < text.length; i++) {
      skip.push(i);
      walk(i + 1);
      skip.pop();
    }
  };
  walk(0);
}

/** Every string made from `text` by deleting at most `max` characters (the text itself included). */
export function deletions(text: string, max: number): Set<string> {
  const out = new Set<string>([text]);
  let frontier = [text];
  for (let d = 0; d < max; d++) {
    const next: string[] = [];
    for (const s of frontier) {
      for (let i = 0; i < s.length; i++) {
        const del = s.slice(0, i) + s.slice(i + 1);
        if (!out.has(del)) {
          out.add(del);
          next.push(del);
        }
      }
    }
    frontier = next;
  }
  return out;
}

export interface SuggesterOptions {
  /** Letters of each term that the index covers; shorter is smaller and slower. Default 6. */
  prefixLength?: number;
  /** The largest distance the index supports. Default 2 (the most `maxDistanceFor` asks). */
  maxDistance?: number;
  /**
   * Other spellings of a vocabulary term, for an index that holds spelling keys
   * (lib/search/spelling.ts `spellingVariants`): the distance is measured to the nearest one, and
   * that one is shown, so "normalisaton" suggests "normalisation" from the key "normalization".
   */
  variantsOf?: (term: string) => string[];
}

export interface SuggestOptions {
  /** At most this many suggestions. Default 5. */
  limit?: number;
  /** Overrides `maxDistanceFor(word.length)`, up to the index's maximum. */
  maxDistance?: number;
  /**
   * When the word itself is in the vocabulary, suggest only terms held by at least this many times
   * as many documents (a rare spelling next to a common one: "Qadour" in one event, "Qaddour" in
   * forty). Default 10.
   */
  presentRatio?: number;
}

const MAX_GROUPS = 2 ** 21;

/**
 * What a built index consists of: plain arrays and typed arrays, so it can be built in a worker
 * thread and handed over (`postMessage(state, transferList(state))`) without blocking the server's
 * thread for the build (about a second for 200,000 terms; see docs/analyst-cores.md).
 */
export interface SuggesterState {
  prefixLength: number;
  maxDistance: number;
  /** Sorted terms and their document counts. */
  terms: string[];
  frequencies: Float64Array;
  /** Group g holds the terms in [groupStart[g], groupStart[g + 1]) (one prefix is contiguous). */
  groupStart: Uint32Array;
  /** Sorted hashes of prefix deletions, and the group each belongs to. */
  hashes: Uint32Array;
  groups: Uint32Array;
}

/** The typed arrays' buffers, for `postMessage`'s transfer list. */
export function transferList(state: SuggesterState): ArrayBuffer[] {
  return [state.frequencies, state.groupStart, state.hashes, state.groups].map((a) => a.buffer as ArrayBuffer);
}

/** Builds the index (pure, synchronous: run it in a worker for large vocabularies). */
export function buildSuggesterState(vocabulary: Iterable<VocabularyTerm>, options: { prefixLength?: number; maxDistance?: number } = {}): SuggesterState {
  const prefixLength = options.prefixLength ?? 6;
  const maxDistance = options.maxDistance ?? 2;
  const merged = new Map<string, number>();
  for (const entry of vocabulary) {
    // fts5vocab's terms are normalised already; for them this is a lower-casing.
    const term = normaliseText(entry.term);
    if (term.length === 0) continue;
    merged.set(term, (merged.get(term) ?? 0) + entry.frequency);
  }
  const terms = [...merged.keys()].sort();
  const frequencies = Float64Array.from(terms, (t) => merged.get(t)!);

  const starts: number[] = [];
  const groupKeys: string[] = [];
  let last: string | null = null;
  terms.forEach((t, i) => {
    const p = t.slice(0, prefixLength);
    if (p !== last) {
      starts.push(i);
      groupKeys.push(p);
      last = p;
    }
  });
  starts.push(terms.length);
  if (groupKeys.length >= MAX_GROUPS) throw new Error(`Suggester: more than ${MAX_GROUPS} distinct prefixes; use a shorter prefixLength`);

  // Pack (hash, group) into one float: hash < 2^32, group < 2^21, so the value is < 2^53 (exact).
  let packed = new Float64Array(1024);
  let n = 0;
  groupKeys.forEach((p, g) => {
    deletionHashes(p, maxDistance, (h) => {
      if (n === packed.length) {
        const bigger = new Float64Array(packed.length * 2);
        bigger.set(packed);
        packed = bigger;
      }
      packed[n++] = h * MAX_GROUPS + g;
    });
  });
  const sorted = packed.subarray(0, n).sort();
  const hashes = new Uint32Array(n);
  const groups = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    const v = sorted[i]!;
    hashes[m] = Math.floor(v / MAX_GROUPS);
    groups[m] = v % MAX_GROUPS;
    m++;
  }
  return { prefixLength, maxDistance, terms, frequencies, groupStart: Uint32Array.from(starts), hashes: hashes.slice(0, m), groups: groups.slice(0, m) };
}

export class Suggester {
  private readonly terms: string[];
  private readonly frequencies: Float64Array;
  private readonly groupStart: Uint32Array;
  private readonly hashes: Uint32Array;
  private readonly groups: Uint32Array;
  private readonly seen: Uint32Array;
  private stamp = 0;
  readonly prefixLength: number;
  readonly maxDistance: number;
  private readonly variantsOf?: (term: string) => string[];

  /** From a vocabulary (built here), or from a state built elsewhere (`buildSuggesterState`). */
  constructor(source: Iterable<VocabularyTerm> | SuggesterState, options: SuggesterOptions = {}) {
    const state = isState(source) ? source : buildSuggesterState(source, options);
    this.prefixLength = state.prefixLength;
    this.maxDistance = state.maxDistance;
    this.terms = state.terms;
    this.frequencies = state.frequencies;
    this.groupStart = state.groupStart;
    this.hashes = state.hashes;
    this.groups = state.groups;
    this.variantsOf = options.variantsOf;
    this.seen = new Uint32Array(Math.max(0, this.groupStart.length - 1));
  }

  /** The built index, to hand to another thread or keep. */
  get state(): SuggesterState {
    const { prefixLength, maxDistance, terms, frequencies, groupStart, hashes, groups } = this;
    return { prefixLength, maxDistance, terms, frequencies, groupStart, hashes, groups };
  }

  get size(): number {
    return this.terms.length;
  }

  /** Bytes held by the index's typed arrays (the terms themselves are extra). */
  get indexBytes(): number {
    return this.hashes.byteLength + this.groups.byteLength + this.groupStart.byteLength + this.frequencies.byteLength + this.seen.byteLength;
  }

  /** Index of the first term not before `text` (terms are sorted). */
  private termBound(text: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]! < text) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Terms that start with `prefix`, in order, at most `limit`. */
  termsWithPrefix(prefix: string, limit = 100): string[] {
    const out: string[] = [];
    for (let i = this.termBound(prefix); i < this.terms.length && out.length < limit && this.terms[i]!.startsWith(prefix); i++) out.push(this.terms[i]!);
    return out;
  }

  /** How many documents hold the term; 0 when it is not in the vocabulary. */
  frequencyOf(term: string): number {
    const i = this.termBound(term);
    return this.terms[i] === term ? this.frequencies[i]! : 0;
  }

  private lowerBound(h: number): number {
    let lo = 0;
    let hi = this.hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.hashes[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The nearest terms to a word (normalised here), nearest and most frequent first, without the
   * word itself. Empty when the word is too short to correct or nothing is near.
   */
  suggest(input: string, options: SuggestOptions = {}): Suggestion[] {
    const word = normaliseText(input).trim();
    const max = Math.min(options.maxDistance ?? maxDistanceFor(word.length), this.maxDistance);
    if (max <= 0) return [];
    const limit = options.limit ?? 5;
    const ownFrequency = this.frequencyOf(word);
    const minFrequency = ownFrequency > 0 ? ownFrequency * (options.presentRatio ?? 10) : 0;

    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const found: Suggestion[] = [];
    deletionHashes(word.slice(0, this.prefixLength), max, (h) => {
      for (let k = this.lowerBound(h); k < this.hashes.length && this.hashes[k] === h; k++) {
        const g = this.groups[k]!;
        if (this.seen[g] === this.stamp) continue;
        this.seen[g] = this.stamp;
        for (let t = this.groupStart[g]!; t < this.groupStart[g + 1]!; t++) {
          const term = this.terms[t]!;
          const frequency = this.frequencies[t]!;
          if (term === word || frequency < minFrequency) continue;
          const candidate = this.measure(word, term, max);
          if (candidate) found.push({ ...candidate, frequency });
        }
      }
    });
    return found
      .sort((a, b) => a.distance - b.distance || b.frequency - a.frequency || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
      .slice(0, limit);
  }

  private measure(word: string, term: string, max: number): { term: string; display: string; distance: number } | null {
    let best: { display: string; distance: number } | null = null;
    const distance = osaDistance(word, term, max);
    if (distance <= max) best = { display: term, distance };
    if (this.variantsOf) {
      for (const variant of this.variantsOf(term)) {
        if (variant === term) continue;
        const dv = osaDistance(word, variant, max);
        if (dv <= max && (!best || dv < best.distance)) best = { display: variant, distance: dv };
      }
    }
    // The variant shown must not be the word itself (it was typed right, in another spelling).
    if (!best || best.display === word) return null;
    // The index found `term` by its own prefix; a variant nearer than the term is only measured for
    // terms the index already proposed, which is enough: variants differ after the stem.
    return { term, ...best };
  }
}

// ---------------------------------------------------------------------------------------------
// Actor names

export interface NamedRecord {
  id: number;
  name: string;
  aliases?: readonly string[];
}

export interface NameSuggestion {
  id: number;
  /** The actor's name (as stored). */
  name: string;
  /** The name or alias that matched. */
  matched: string;
  /** Sum of the word distances. */
  distance: number;
}

/**
 * Nearest actor names for a misspelt name of one or more words ("Bashar al-Asad" → "Bashar
 * al-Assad", "Qadour" → "Khalid Qaddour"). Every typed word must match a different word of the
 * name or alias, exactly, as the start of it (typed "khal" for "khalid"), or within its distance;
 * names rank by the sum of distances, then by how few words they add, then alphabetically.
 */
function isState(source: Iterable<VocabularyTerm> | SuggesterState): source is SuggesterState {
  return (source as SuggesterState).hashes instanceof Uint32Array;
}

export class NameSuggester {
  private readonly words: Suggester;
  private readonly postings = new Map<string, number[]>();
  private readonly entries: { id: number; name: string; form: string; words: string[] }[] = [];

  constructor(records: Iterable<NamedRecord>, options: Omit<SuggesterOptions, 'variantsOf'> = {}) {
    const counts = new Map<string, number>();
    for (const record of records) {
      for (const form of [record.name, ...(record.aliases ?? [])]) {
        const w = wordsOf(form);
        if (w.length === 0) continue;
        const index = this.entries.length;
        this.entries.push({ id: record.id, name: record.name, form, words: w });
        for (const word of new Set(w)) {
          const list = this.postings.get(word);
          if (list) list.push(index);
          else this.postings.set(word, [index]);
          counts.set(word, (counts.get(word) ?? 0) + 1);
        }
      }
    }
    this.words = new Suggester([...counts].map(([term, frequency]) => ({ term, frequency })), options);
  }

  suggest(input: string, options: { limit?: number } = {}): NameSuggestion[] {
    const typed = wordsOf(input);
    if (typed.length === 0) return [];
    // For each typed word, the name words it may stand for, with their distance: the word itself,
    // words it starts (typed "khal" for "khalid"), and near words.
    const near = typed.map((w) => {
      const m = new Map<string, number>();
      if (this.words.frequencyOf(w) > 0) m.set(w, 0);
      if (w.length >= 2) for (const t of this.words.termsWithPrefix(w, 200)) m.set(t, 0);
      for (const s of this.words.suggest(w, { limit: 50, presentRatio: Infinity })) if (!m.has(s.term)) m.set(s.term, s.distance);
      return m;
    });
    // Candidates: the entries holding a word near the typed word with the fewest such entries.
    const postingsOf = (m: Map<string, number>) => [...m.keys()].reduce((n, w) => n + (this.postings.get(w)?.length ?? 0), 0);
    const first = near.reduce((a, b) => (postingsOf(a) <= postingsOf(b) ? a : b));
    const candidates = new Set<number>();
    for (const word of first.keys()) for (const e of this.postings.get(word) ?? []) candidates.add(e);
    const best = new Map<number, NameSuggestion & { extra: number }>();
    for (const e of candidates) {
      const entry = this.entries[e]!;
      const distance = assign(typed, near, entry.words);
      if (distance === null || distance === 0) continue;
      const extra = entry.words.length - typed.length;
      const current = best.get(entry.id);
      if (!current || distance < current.distance || (distance === current.distance && extra < current.extra)) {
        best.set(entry.id, { id: entry.id, name: entry.name, matched: entry.form, distance, extra });
      }
    }
    return [...best.values()]
      .sort((a, b) => a.distance - b.distance || a.extra - b.extra || a.name.localeCompare(b.name))
      .slice(0, options.limit ?? 5)
      .map(({ extra: _extra, ...s }) => s);
  }
}

/**
 * The least total distance matching each typed word to a different word of the name, or null. Names are short: a greedy pass in
 * typed order, cheapest word first, is what a person means.
 */
function assign(typed: string[], near: Map<string, number>[], nameWords: string[]): number | null {
  const used = new Set<number>();
  let total = 0;
  for (let i = 0; i < typed.length; i++) {
    let bestJ = -1;
    let bestD = Infinity;
    nameWords.forEach((nw, j) => {
      if (used.has(j)) return;
      const d = near[i]!.get(nw);
      if (d !== undefined && d < bestD) {
        bestD = d;
        bestJ = j;
      }
    });
    if (bestJ < 0) return null;
    used.add(bestJ);
    total += bestD;
  }
  return total;
}
