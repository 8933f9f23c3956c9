import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '@/db/testing/test-db';
import { compareAsSqlite } from './revisions';

describe('compareAsSqlite', () => {
  it('orders text as SQLite ORDER BY does, astral characters included', () => {
    const conn = createTestDb();
    try {
      fc.assert(
        fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 6 }).map((s) => s.toWellFormed()), { maxLength: 8 }), (values) => {
          const sqlite = (conn.sqlite.prepare(`SELECT value FROM json_each(?) ORDER BY value`).all(JSON.stringify(values)) as { value: string }[]).map((r) => r.value);
          expect([...values].sort(compareAsSqlite)).toEqual(sqlite);
        }),
        { numRuns: 300 },
      );
    } finally {
      conn.sqlite.close();
    }
  });
});
