/**
 * A small in-process cache of read results, valid for one state of the database. Every write
 * changes the state's version, whoever makes it: `total_changes()` counts the rows this connection
 * has changed (the app's own writes) and `PRAGMA data_version` changes when another connection
 * commits (a script, a second server process). A cached result is only ever served for the exact
 * version it was computed at, so a reader never sees data older than the last commit.
 *
 * Used by `GET /api/events`, where many readers ask for the same first pages, and by the pages'
 * timeline views; a request can skip it with `Cache-Control: no-cache` (the benchmark measures
 * both; docs/performance.md, decision 0012).
 */
import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

const versionStatements = new WeakMap<Database.Database, { dataVersion: Database.Statement; changes: Database.Statement }>();

/** The version of what this connection sees now. Costs two tiny statements. */
export function dataVersion(sqlite: Database.Database): string {
  let s = versionStatements.get(sqlite);
  if (!s) {
    s = { dataVersion: sqlite.prepare('PRAGMA data_version').pluck(), changes: sqlite.prepare('SELECT total_changes()').pluck() };
    versionStatements.set(sqlite, s);
  }
  return `${String(s.dataVersion.get())}:${String(s.changes.get())}`;
}

export interface ReadCacheOptions {
  maxEntries: number;
  /** Bound on the summed `size` of the entries (e.g. bytes of cached JSON). */
  maxSize: number;
}

/**
 * Least-recently-used entries for one database version; a new version empties it. Eviction by
 * count and size is lru-cache's; what is ours is the version: an entry is only ever served for the
 * exact state it was computed at (decision 0012), which no time-to-live can promise.
 */
export class ReadCache<T extends object> {
  private version: string | null = null;
  private readonly entries: LRUCache<string, T>;

  constructor(options: ReadCacheOptions, sizeOf: (value: T) => number = () => 1) {
    this.entries = new LRUCache<string, T>({ max: options.maxEntries, maxSize: options.maxSize, sizeCalculation: (value) => sizeOf(value) });
  }

  /** The entry for `key` at `version`, or undefined. */
  get(version: string, key: string): T | undefined {
    return version === this.version ? this.entries.get(key) : undefined;
  }

  /** Stores an entry computed at `version`; one larger than `maxSize` is not kept. */
  set(version: string, key: string, value: T): void {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    this.entries.set(key, value);
  }

  get stats() {
    return { entries: this.entries.size, size: this.entries.calculatedSize, version: this.version };
  }
}

/** One ReadCache per database connection, read through: the cached value, or `compute()` stored. */
export class ConnectionCaches<T extends object> {
  private readonly caches = new WeakMap<Database.Database, ReadCache<T>>();

  constructor(
    private readonly options: ReadCacheOptions,
    /** The entry's share of `maxSize` (default 1: `maxSize` then bounds the number of entries). */
    private readonly sizeOf: (value: T) => number = () => 1,
  ) {}

  read(sqlite: Database.Database, key: string, fresh: boolean, compute: () => T): { value: T; cached: boolean } {
    let cache = this.caches.get(sqlite);
    if (!cache) {
      cache = new ReadCache<T>(this.options, this.sizeOf);
      this.caches.set(sqlite, cache);
    }
    const version = dataVersion(sqlite);
    if (!fresh) {
      const hit = cache.get(version, key);
      if (hit !== undefined) return { value: hit, cached: true };
    }
    const value = compute();
    cache.set(version, key, value);
    return { value, cached: false };
  }
}
