import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionCaches, dataVersion } from './read-cache';

const open: Database.Database[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

function database() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x)');
  open.push(db);
  return db;
}

describe('the read caches (decision 0012)', () => {
  it('serves an entry only for the state of the database it was computed at', () => {
    const db = database();
    const caches = new ConnectionCaches<{ n: number }>({ maxEntries: 10, maxSize: 10 });
    let computed = 0;
    const read = () => caches.read(db, 'k', false, () => ({ n: ++computed }));
    expect(read()).toEqual({ value: { n: 1 }, cached: false });
    expect(read()).toEqual({ value: { n: 1 }, cached: true });
    const before = dataVersion(db);
    db.prepare('INSERT INTO t VALUES (1)').run();
    expect(dataVersion(db)).not.toBe(before);
    expect(read()).toEqual({ value: { n: 2 }, cached: false });
    // A fresh read computes and stores what it computed.
    expect(caches.read(db, 'k', true, () => ({ n: 99 }))).toEqual({ value: { n: 99 }, cached: false });
    expect(read()).toEqual({ value: { n: 99 }, cached: true });
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const db = database();
    const caches = new ConnectionCaches<{ key: string }>({ maxEntries: 2, maxSize: 100 });
    const read = (key: string) => caches.read(db, key, false, () => ({ key })).cached;
    read('a');
    read('b');
    expect(read('a')).toBe(true); // a is now the most recent
    read('c'); // evicts b
    expect(read('a')).toBe(true);
    expect(read('b')).toBe(false);
  });

  it('keeps the summed size under maxSize, and never keeps an entry larger than it', () => {
    const db = database();
    const caches = new ConnectionCaches<Buffer>({ maxEntries: 100, maxSize: 10 }, (b) => b.length);
    const read = (key: string, size: number) => caches.read(db, key, false, () => Buffer.alloc(size)).cached;
    read('a', 4);
    read('b', 4);
    read('c', 4); // 12 > 10: a goes
    expect(read('b', 4)).toBe(true);
    expect(read('c', 4)).toBe(true);
    expect(read('a', 4)).toBe(false);
    expect(read('huge', 11)).toBe(false);
    expect(read('huge', 11)).toBe(false);
  });

  it('keeps one cache per connection', () => {
    const [one, two] = [database(), database()];
    const caches = new ConnectionCaches<{ db: number }>({ maxEntries: 10, maxSize: 10 });
    caches.read(one, 'k', false, () => ({ db: 1 }));
    expect(caches.read(two, 'k', false, () => ({ db: 2 }))).toEqual({ value: { db: 2 }, cached: false });
    expect(caches.read(one, 'k', false, () => ({ db: 3 }))).toEqual({ value: { db: 1 }, cached: true });
  });
});
