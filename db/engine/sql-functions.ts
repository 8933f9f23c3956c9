/**
 * SQL functions the queries need and SQLite lacks, registered on every connection (db/engine/client.ts).
 *
 * `facet_count(key [, weight])` and `facet_top(key, k [, weight])` are hash aggregates: SQLite has no
 * hash GROUP BY, so `GROUP BY key` over rows that do not arrive in key order sorts every row first,
 * several times dearer per row than counting into a Map (docs/performance.md, "Measurements behind the code"). They return JSON: `[[key, count], ...]`, largest count first.
 * `weight` (default 1) sums counts that are already counts (facet_counts rows).
 *
 * Over many rows, `json_group_array(key)` counted by `countKeys` is cheaper still (the facets use
 * it): SQLite builds the array natively, and JavaScript is entered once rather than once a row.
 *
 * `normalise_text(text)` is lib/text/normalise.ts's `normaliseText`: the search index's content is
 * written through it (db/derived/search-index.ts, and the migration that re-indexed existing rows), so the
 * index and the search box fold text by one definition. A connection without it (the sqlite3
 * shell) can read the index but not write it.
 *
 * `index_text(text)` is lib/search/query.ts's `indexText`: the normalised words, each replaced by
 * its spelling key (normalisation and normalization are one word, `normalization`), joined by
 * spaces. The search index is written through it since migration 0011 (decision 0031); the search
 * box's words are keyed the same way (`analyseQuery`).
 *
 * `normalise_source_url(url)` is the address as lib/validation/source-url.ts stores it (a browser's
 * serialisation), or the value unchanged when that rule refuses it; migration 0007 used it on the
 * addresses stored before the rule.
 */
import type Database from 'better-sqlite3';
import { indexText } from '@/lib/search/query';
import { normaliseText } from '@/lib/text/normalise';
import { normaliseSourceUrl } from '@/lib/validation/source-url';

type Key = string | number | bigint | null;

function counter() {
  return new Map<Key, number>();
}

function step(map: Map<Key, number>, key: Key, weight: number | bigint = 1): Map<Key, number> {
  if (key !== null) map.set(key, (map.get(key) ?? 0) + Number(weight));
  return map;
}

function sorted(map: Map<Key, number>): [Key, number][] {
  return [...map].sort((a, b) => b[1] - a[1]);
}

/**
 * Counts per key of a `json_group_array(key)` result, largest count first (ties in the order the
 * keys first appeared), as `facet_count` would give them. Handing SQLite's native JSON array to
 * JavaScript once costs about a quarter of calling an aggregate's step for every row.
 */
export function countKeys(json: string | null | undefined): [Key, number][] {
  const map = counter();
  if (json) for (const key of JSON.parse(json) as Key[]) if (key !== null) map.set(key, (map.get(key) ?? 0) + 1);
  return sorted(map);
}

/**
 * The k largest counts, and every key that ties with the k-th, so that the caller can break ties
 * its own way (by name) and still return exactly the first k. A list must be sorted already (countKeys).
 */
export function topWithTies(map: Map<Key, number> | [Key, number][], k: number): [Key, number][] {
  const all = map instanceof Map ? sorted(map) : map;
  if (all.length <= k) return all;
  const threshold = all[k - 1]![1];
  let end = k;
  while (end < all.length && all[end]![1] === threshold) end++;
  return all.slice(0, end);
}

interface TopState {
  map: Map<Key, number>;
  k: number;
}

export function registerSqlFunctions(sqlite: Database.Database): void {
  sqlite.function('normalise_text', { deterministic: true }, (value: unknown) =>
    value === null || value === undefined ? null : normaliseText(String(value)),
  );
  sqlite.function('index_text', { deterministic: true }, (value: unknown) =>
    value === null || value === undefined ? null : indexText(String(value)),
  );
  sqlite.function('normalise_source_url', { deterministic: true }, (value: unknown) => {
    if (value === null || value === undefined) return null;
    const result = normaliseSourceUrl(String(value));
    return result.ok ? result.url : String(value);
  });
  const json = (rows: [Key, number][]) => JSON.stringify(rows.map(([k, n]) => [typeof k === 'bigint' ? Number(k) : k, n]));
  // The typings expect step(total, next) with one argument; SQL passes each argument in turn.
  sqlite.aggregate('facet_count', {
    varargs: true,
    start: counter,
    step: ((map: Map<Key, number>, key: Key, weight?: number | bigint) => step(map, key, weight)) as (state: unknown, key: unknown) => unknown,
    result: (map: unknown) => json(sorted(map as Map<Key, number>)),
  });
  sqlite.aggregate('facet_top', {
    varargs: true,
    start: (): TopState => ({ map: counter(), k: 0 }),
    step: ((state: TopState, key: Key, k: number | bigint, weight?: number | bigint) => {
      state.k = Number(k);
      step(state.map, key, weight);
      return state;
    }) as (state: unknown, key: unknown) => unknown,
    result: (state: unknown) => json(topWithTies((state as TopState).map, (state as TopState).k)),
  });
}
