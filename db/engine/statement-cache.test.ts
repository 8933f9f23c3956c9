import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache';

let sqlite: Database.Database;
beforeEach(() => {
  sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES (\'a\'), (\'b\'), (\'c\');');
});
afterEach(() => sqlite.close());

describe('the statement cache Drizzle reads through', () => {
  it('compiles a SQL text once and hands the same statement back', () => {
    const cached = withStatementCache(sqlite);
    const first = cached.prepare('SELECT name FROM t ORDER BY id');
    expect(cached.prepare('SELECT name FROM t ORDER BY id')).toBe(first);
    expect(cached.prepare('SELECT id FROM t')).not.toBe(first);
  });

  it('resets the result mode a previous caller left, so rows come back as objects again', () => {
    const cached = withStatementCache(sqlite);
    expect(cached.prepare('SELECT name FROM t ORDER BY id').raw().all()).toEqual([['a'], ['b'], ['c']]);
    expect(cached.prepare('SELECT name FROM t ORDER BY id').all()).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect(cached.prepare('SELECT name FROM t ORDER BY id').pluck().all()).toEqual(['a', 'b', 'c']);
    expect(cached.prepare('SELECT name FROM t ORDER BY id').get()).toEqual({ name: 'a' });
  });

  it('compiles a fresh statement while the cached one is still being iterated', () => {
    const cached = withStatementCache(sqlite);
    const text = 'SELECT name FROM t ORDER BY id';
    const outer = cached.prepare(text);
    const seen: string[] = [];
    for (const row of outer.iterate() as Iterable<{ name: string }>) {
      // Would throw "This statement is busy executing a query" if the busy one were handed out.
      seen.push(`${row.name}${(cached.prepare(text).all() as unknown[]).length}`);
    }
    expect(seen).toEqual(['a3', 'b3', 'c3']);
  });

  it('drops the least recently used statement beyond its size', () => {
    const cached = withStatementCache(sqlite, 2);
    const a = cached.prepare('SELECT 1');
    const b = cached.prepare('SELECT 2');
    expect(cached.prepare('SELECT 1')).toBe(a);
    cached.prepare('SELECT 3');
    expect(cached.prepare('SELECT 1')).toBe(a);
    expect(cached.prepare('SELECT 2')).not.toBe(b);
  });

  it('passes everything else through: Drizzle reads, writes and runs transactions on it', () => {
    const db = drizzle(withStatementCache(sqlite));
    db.transaction((tx) => {
      tx.run(sql`INSERT INTO t (name) VALUES (${'d'})`);
    });
    expect(() =>
      db.transaction((tx) => {
        tx.run(sql`INSERT INTO t (name) VALUES (${'e'})`);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    for (let i = 0; i < 3; i++) {
      expect(db.all(sql`SELECT name FROM t ORDER BY id`)).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }]);
      expect(db.values(sql`SELECT name FROM t ORDER BY id`)).toEqual([['a'], ['b'], ['c'], ['d']]);
    }
    expect(sqlite.inTransaction).toBe(false);
  });
});
