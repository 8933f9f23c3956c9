/**
 * Database files for the tests of the checks (db/engine/integrity.test.ts, the write gates): a
 * seeded file on disk, and the damage done to a copy of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { seedDatabase } from '@/db/seed/seed';

/** A migrated, seeded file in `dir`, its log folded in and closed: every page is in the file. */
export function seededFile(dir: string, name = 'tracker.db'): string {
  const file = path.join(dir, name);
  const conn = openDatabase(file);
  migrateDatabase(conn.db);
  seedDatabase(conn.db);
  conn.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  conn.sqlite.close();
  return file;
}

/**
 * Overwrites the cell pointers of one leaf page of `table` (the middle one) in place: the header,
 * the schema and the other pages stay whole, so only a check that reads that page can notice.
 * Returns the page's number.
 */
export function damageTablePage(file: string, table: string): number {
  const conn = openDatabase(file, { check: false, readonly: true });
  const pageSize = conn.sqlite.pragma('page_size', { simple: true }) as number;
  const leaves = conn.sqlite.prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno`).pluck().all(table) as number[];
  conn.sqlite.close();
  if (leaves.length === 0) throw new Error(`${table} has no leaf page`);
  const page = leaves[Math.floor(leaves.length / 2)]!;
  const bytes = fs.readFileSync(file);
  const start = (page - 1) * pageSize;
  // After the leaf page's 8-byte header: its cell pointer array.
  bytes.fill(0xff, start + 8, start + 40);
  fs.writeFileSync(file, bytes);
  return page;
}
