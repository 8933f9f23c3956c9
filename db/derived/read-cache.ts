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

/** Least-recently-used entries for one database version; a new version empties it. */
export class ReadCache<T> {
  private version: string | null = null;
  private readonly entries = new Map<string, { value: T; size: number }>();
  private size = 0;

  constructor(private readonly options: ReadCacheOptions) {}

  /** The entry for `key` at `version`, or undefined. */
  get(version: string, key: string): T | undefined {
    if (version !== this.version) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(version: string, key: string, value: T, size: number): void {
    if (version !== this.version) {
      this.entries.clear();
      this.size = 0;
      this.version = version;
    }
    if (size > this.options.maxSize) return;
    const old = this.entries.get(key);
    if (old) {
      this.size -= old.size;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, size });
    this.size += size;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.size <= this.options.maxSize) break;
      this.entries.delete(k);
      this.size -= e.size;
    }
  }

  get stats() {
    return { entries: this.entries.size, size: this.size, version: this.version };
  }
}

/** One ReadCache per database connection, read through: the cached value, or `compute()` stored. */
export class ConnectionCaches<T> {
  private readonly caches = new WeakMap<Database.Database, ReadCache<T>>();

  constructor(
    private readonly options: ReadCacheOptions,
    /** The entry's share of `maxSize` (default 1: `maxSize` then bounds the number of entries). */
    private readonly sizeOf: (value: T) => number = () => 1,
  ) {}

  read(sqlite: Database.Database, key: string, fresh: boolean, compute: () => T): { value: T; cached: boolean } {
    let cache = this.caches.get(sqlite);
    if (!cache) {
      cache = new ReadCache<T>(this.options);
      this.caches.set(sqlite, cache);
    }
    const version = dataVersion(sqlite);
    if (!fresh) {
      const hit = cache.get(version, key);
      if (hit !== undefined) return { value: hit, cached: true };
    }
    const value = compute();
    cache.set(version, key, value, this.sizeOf(value));
    return { value, cached: false };
  }
}
