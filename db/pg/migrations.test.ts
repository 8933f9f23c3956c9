/**
 * A newly migrated PostgreSQL database starts where a newly migrated SQLite file does: every
 * table holds the same rows (the reference lists the migrations write, nothing else), compared
 * as db:copy compares them (db/copy/checksum.ts). And the migrations can run twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableChecksum } from '@/db/copy/checksum';
import { copiedTables, MIGRATION_FILLED_TABLES } from '@/db/copy/tables';
import { createTestDb } from '@/db/testing/test-db';
import { createTestPostgres, type TestPostgres } from '@/testing/postgres';
import { openPostgres, type PgConnection } from './connect';

let database: TestPostgres;
let pg: PgConnection;

beforeAll(async () => {
  database = await createTestPostgres('tracker_migrations');
  pg = await openPostgres(database.url, { migrate: true });
});
afterAll(async () => {
  await pg?.close();
  await database?.drop();
});

describe('a newly migrated database', () => {
  it('holds the same rows on both engines, table by table', async () => {
    const sqlite = createTestDb();
    const differ: string[] = [];
    const filled: string[] = [];
    for (const p of copiedTables()) {
      const a = new TableChecksum();
      const b = new TableChecksum();
      for (const row of sqlite.db.select().from(p.sqlite).all()) a.add(row as Record<string, unknown>);
      for (const row of await pg.db.select().from(p.pg)) b.add(row as Record<string, unknown>);
      if (a.rows !== b.rows || a.hex !== b.hex) differ.push(`${p.name}: SQLite ${a.rows} rows, PostgreSQL ${b.rows}`);
      if (a.rows > 0) filled.push(p.name);
    }
    sqlite.sqlite.close();
    expect(differ).toEqual([]);
    // The copy treats exactly these as a migration's, not a tracker's data.
    expect(filled).toEqual([...MIGRATION_FILLED_TABLES]);
  });

  it('is left as it is by migrating again', async () => {
    const again = await openPostgres(database.url, { migrate: true });
    await again.close();
    expect(again.state.applied).toBe(again.state.known);
    const { rows } = await pg.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM relation_organisations');
    expect(rows[0]!.n).toBe(8);
  });
});
