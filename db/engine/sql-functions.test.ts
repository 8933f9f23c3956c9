import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { countKeys, registerSqlFunctions, topWithTies } from './sql-functions';

describe('countKeys', () => {
  const sqlite = new Database(':memory:');
  registerSqlFunctions(sqlite);
  sqlite.exec(`CREATE TABLE t (k); INSERT INTO t VALUES (3), ('a'), (3), (NULL), ('b'), ('a'), (7), (3), ('3'), ('x,y"z')`);

  it('counts a json_group_array exactly as facet_count does, in the same order', () => {
    const { keys, counts } = sqlite.prepare(`SELECT json_group_array(k) AS keys, facet_count(k) AS counts FROM t`).get() as {
      keys: string;
      counts: string;
    };
    expect(countKeys(keys)).toEqual(JSON.parse(counts));
    expect(countKeys(keys)[0]).toEqual([3, 3]);
  });

  it('gives nothing for no rows, and keeps ties with the k-th in a top list', () => {
    const { keys } = sqlite.prepare(`SELECT json_group_array(k) AS keys FROM t WHERE 0`).get() as { keys: string };
    expect(countKeys(keys)).toEqual([]);
    expect(countKeys(null)).toEqual([]);
    const all = countKeys((sqlite.prepare(`SELECT json_group_array(k) AS keys FROM t`).get() as { keys: string }).keys);
    expect(topWithTies(all, 2)).toEqual([
      [3, 3],
      ['a', 2],
    ]);
    expect(topWithTies(all, 3).length).toBe(all.length);
  });
});
