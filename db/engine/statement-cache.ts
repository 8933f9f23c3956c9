/**
 * Drizzle's better-sqlite3 driver calls `prepare()` for every query it runs. Compiling a statement
 * costs SQLite tens to hundreds of microseconds (the timeline's queries join several tables and
 * carry subqueries), which at a rare filter is most of the request: the benchmark measured the API
 * at 4.8 times the bare SQL for an actor with four events (docs/performance.md). The timeline's SQL
 * is built from the filters, so the same few hundred texts come back again and again.
 *
 * `withStatementCache` hands Drizzle a view of the connection whose `prepare` keeps compiled
 * statements by SQL text (least recently used first out). A statement is handed out only when it is
 * idle (an unfinished `iterate()` keeps it busy; a fresh one is compiled then), and with its result
 * modes reset, because Drizzle switches statements to `raw()` for some reads and not others. Code
 * that uses the connection directly is unaffected.
 */
import type Database from 'better-sqlite3';

export const STATEMENT_CACHE_SIZE = 512;

export function withStatementCache(sqlite: Database.Database, maxEntries = STATEMENT_CACHE_SIZE): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      // Most recently used last, so the first key is the one to drop.
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const statement = sqlite.prepare(source);
    if (!hit) {
      cache.set(source, statement);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
