/**
 * Recall and precision of a search over the analyst queries of lib/search/recall-fixtures.ts. The
 * measurement takes the search as a function, so the database side can measure its own search (the
 * FTS index, the countries table, did-you-mean) on the same events and queries, and compare.
 */
import { parseSearch } from '@/lib/search-syntax';
import { words } from '@/lib/text/normalise';
import { Suggester } from './did-you-mean';
import { analyseQuery, indexDocument, matchesDocument, widelyCitedTitles, type SearchableDocument } from './query';
import type { RecallQuery } from './recall-fixtures';
import { spellingVariants } from './spelling';

export interface QueryOutcome {
  query: string;
  expected: string[];
  found: string[];
  missed: string[];
  extra: string[];
  recall: number;
  precision: number;
}

export interface RecallReport {
  queries: QueryOutcome[];
  /** Found and expected over all queries (micro-averaged). */
  recall: number;
  /** Found and expected over all found (micro-averaged). */
  precision: number;
  /** Queries that found exactly what they should. */
  exact: number;
}

/** Measures `search` (query text → keys of the events found) on every query. */
export function measureRecall(queries: readonly RecallQuery[], search: (query: string) => Iterable<string>): RecallReport {
  let hit = 0;
  let expectedTotal = 0;
  let foundTotal = 0;
  let exact = 0;
  const outcomes = queries.map((q) => {
    const found = [...new Set(search(q.query))].sort();
    const expected = [...q.expected].sort();
    const missed = expected.filter((k) => !found.includes(k));
    const extra = found.filter((k) => !expected.includes(k));
    const good = expected.length - missed.length;
    hit += good;
    expectedTotal += expected.length;
    foundTotal += found.length;
    if (missed.length === 0 && extra.length === 0) exact++;
    return {
      query: q.query,
      expected,
      found,
      missed,
      extra,
      recall: expected.length === 0 ? (found.length === 0 ? 1 : 0) : good / expected.length,
      precision: found.length === 0 ? (expected.length === 0 ? 1 : 0) : good / found.length,
    };
  });
  return { queries: outcomes, recall: expectedTotal === 0 ? 1 : hit / expectedTotal, precision: foundTotal === 0 ? 1 : hit / foundTotal, exact };
}

/**
 * The pipeline of this folder over documents in memory: keyed words, countries, widely cited
 * source titles left out, and, when nothing is found, the query again with each word that is not in
 * the index replaced by the top "Did you mean" suggestion (what a person who follows the suggestion
 * gets).
 */
export function memorySearch(docs: readonly SearchableDocument[], options: { followSuggestion?: boolean } = {}): (query: string) => string[] {
  const skip = widelyCitedTitles(docs);
  const indexed = docs.map((d) => indexDocument(d, skip));
  const frequency = new Map<string, number>();
  for (const doc of indexed) for (const w of new Set(doc.fields.flat())) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const suggester = new Suggester([...frequency].map(([term, n]) => ({ term, frequency: n })), { variantsOf: spellingVariants });
  const run = (q: string) => {
    const { groups } = analyseQuery(q);
    return indexed.filter((d) => matchesDocument(groups, d)).map((d) => d.key);
  };
  return (query) => {
    const found = run(query);
    if (found.length > 0 || !options.followSuggestion) return found;
    const corrected = words(query).map((w) => (frequency.has(w) ? w : (suggester.suggest(w, { limit: 1 })[0]?.display ?? w)));
    return run(corrected.join(' '));
  };
}

/**
 * The search as it was before issue 14, for comparison: normalised words matched as prefixes in
 * the title, summary, actors and every source title, no spelling variants, no country names.
 */
export function baselineSearch(docs: readonly SearchableDocument[]): (query: string) => string[] {
  const indexed = docs.map((d) => ({
    key: d.key,
    fields: [d.title, d.summary, ...(d.actors ?? []).flatMap((a) => [a.name, ...(a.aliases ?? [])]), ...(d.sourceTitles ?? [])].map((t) => words(t)),
  }));
  return (query) => {
    const { groups } = parseSearch(query);
    if (groups.length === 0) return [];
    return indexed
      .filter((d) =>
        groups.every((g) =>
          g.some((t) =>
            d.fields.some((f) => {
              for (let i = 0; i + t.tokens.length <= f.length; i++) {
                if (t.tokens.every((tok, k) => (k === t.tokens.length - 1 && t.prefix ? f[i + k]!.startsWith(tok) : f[i + k] === tok))) return true;
              }
              return false;
            }),
          ),
        ),
      )
      .map((d) => d.key);
  };
}
