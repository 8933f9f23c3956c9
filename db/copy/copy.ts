/**
 * `npm run db:copy`: moves a whole tracker between SQLite and PostgreSQL, either way (issue 16),
 * history, accounts, list versions and derived counts included, and proves the copy before it is
 * committed.
 *
 * - Both ends are checked before anything is written (db/pg/connect.ts for PostgreSQL): the source
 *   must be at this version's schema; the target must be a new SQLite file or an empty PostgreSQL
 *   database, which is migrated first.
 * - Every table is read in primary-key pages through Drizzle and written in one transaction on the
 *   target. On SQLite the insert triggers that maintain the derived counts are set aside while the
 *   counts are copied as they are, then put back, inside the same transaction. On PostgreSQL the
 *   derived-data triggers (db/pg/derived.ts PG_DERIVED_TRIGGERS) are disabled the same way and
 *   enabled again before the checks (ALTER TABLE is transactional: a rollback restores them too).
 * - Before committing, every table is read back from the target and its row count and checksum
 *   (db/copy/checksum.ts) compared with the source's; any difference rolls the whole copy back.
 *   Into PostgreSQL, the derived data copied as it was must also be what the copied base tables
 *   say (pgDerivedMismatches), since the triggers take it from there.
 * - Search is the one thing not copied row for row: each engine has its own index. SQLite rebuilds
 *   `events_fts`; PostgreSQL's `event_search` is filled with the same folded text (`index_text`,
 *   read from the SQLite source), and its row count is checked against the live events.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { drizzle as pgDrizzle } from 'drizzle-orm/node-postgres';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { openDatabase, type Connection } from '@/db/engine/client';
import { MIGRATIONS_FOLDER, migrateDatabase } from '@/db/engine/migrate';
import { indexedTextAfter, rebuildSearchIndex } from '@/db/derived/search-index';
import { checkPostgresSchema, connectPostgres, pgSchema, PG_MIGRATIONS_FOLDER, PostgresRefusedError, redact, type PgConnection, type PgDb } from '@/db/pg/connect';
import { migrate as pgMigrate } from 'drizzle-orm/node-postgres/migrator';
import { pgDerivedMismatches, setDerivedTriggers } from '@/db/pg/derived';
import { eventSearch } from '@/db/pg/schema';
import { TableChecksum } from './checksum';
import { copiedTables, MIGRATION_FILLED_TABLES, type TablePair } from './tables';

type Row = Record<string, unknown>;

/** A copy that cannot start or did not verify; nothing was committed to the target. */
export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

export interface TableReport {
  name: string;
  rows: number;
  checksum: string;
}

export interface CopyReport {
  from: string;
  to: string;
  tables: TableReport[];
  /** Rows of the target's search index (one per live event). */
  searchRows: number;
  ms: number;
}

export function isPostgresAddress(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

const PAGE = 1_000;
/** Bound parameters per statement: SQLite allows 32,766, PostgreSQL 65,535. */
const MAX_PARAMS = { sqlite: 32_000, postgres: 65_000 } as const;

interface End {
  engine: 'sqlite' | 'postgres';
  label: string;
  page(p: TablePair, after: unknown[] | null): Promise<Row[]>;
  count(table: string): Promise<number>;
}

function keyAfter(columns: unknown[], after: unknown[] | null): SQL | undefined {
  if (!after) return undefined;
  return sql`(${sql.join(columns as SQL[], sql`, `)}) > (${sql.join(after.map((v) => sql`${v}`), sql`, `)})`;
}

function columnsOf(table: object, keys: string[]): unknown[] {
  return keys.map((k) => (table as Record<string, unknown>)[k]);
}

// ---------------------------------------------------------------------------------------------
// SQLite ends

function sqliteMigrationState(connection: Connection): { applied: number; known: number } {
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
  const table = connection.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
  const applied = table ? (connection.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
  return { applied, known };
}

function sqliteEnd(connection: Connection): End {
  const { db, sqlite } = connection;
  return {
    engine: 'sqlite',
    label: connection.path,
    async page(p, after) {
      const t = p.sqlite;
      const key = columnsOf(t, p.key) as SQL[];
      return db.select().from(t).where(keyAfter(key, after)).orderBy(...key).limit(PAGE).all() as Row[];
    },
    async count(table) {
      return (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    },
  };
}

function openSqliteSource(file: string): Connection {
  if (!fs.existsSync(file)) throw new CopyRefusedError(`${file} does not exist: name the SQLite database to copy from.`);
  const connection = openDatabase(file, { readonly: true, check: 'schema' });
  const { applied, known } = sqliteMigrationState(connection);
  if (applied !== known) {
    connection.sqlite.close();
    throw new CopyRefusedError(
      applied < known
        ? `${file} is at an older schema (${applied} of ${known} migrations): bring it up to date first (DATABASE_PATH=${file} npm run db:migrate).`
        : `${file} was made by a newer version of the tracker (${applied} migrations; this version knows ${known}): copy it with that version.`,
    );
  }
  return connection;
}

function createSqliteTarget(file: string): Connection {
  if (fs.existsSync(file)) {
    throw new CopyRefusedError(`${file} already exists: the copy writes a new SQLite file and never overwrites one. Name a new file.`);
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const connection = openDatabase(file, { check: false });
  migrateDatabase(connection.db);
  return connection;
}

function removeSqliteFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL ends

function pgEnd(db: PgDb, client: pg.PoolClient | pg.Pool, label: string): End {
  return {
    engine: 'postgres',
    label,
    async page(p, after) {
      const t = p.pg;
      const key = columnsOf(t, p.key) as SQL[];
      return (await db.select().from(t).where(keyAfter(key, after)).orderBy(...key).limit(PAGE)) as Row[];
    },
    async count(table) {
      const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
      return Number(r.rows[0]!.n);
    },
  };
}

async function openPgSource(url: string): Promise<PgConnection> {
  const connection = await connectPostgres(url);
  try {
    const state = await checkPostgresSchema(connection);
    if (state.applied !== state.known) {
      throw new CopyRefusedError(
        state.applied === 0
          ? `${connection.label} holds no tracker: nothing to copy.`
          : `${connection.label} is at an older schema (${state.applied} of ${state.known} migrations): copy it with the version that made it, or migrate it first.`,
      );
    }
    return connection;
  } catch (err) {
    await connection.close();
    throw err;
  }
}

/** Connects, refuses a database that holds anything, then migrates it. */
async function openPgTarget(url: string): Promise<PgConnection> {
  const connection = await connectPostgres(url);
  try {
    const state = await checkPostgresSchema(connection);
    if (state.applied > 0) {
      const end = pgEnd(connection.db, connection.pool, connection.label);
      const held: string[] = [];
      for (const p of copiedTables()) {
        if (MIGRATION_FILLED_TABLES.has(p.name)) continue;
        const n = await end.count(p.name);
        if (n > 0) held.push(`${p.name} ${n}`);
      }
      if (held.length > 0) {
        throw new CopyRefusedError(
          `${connection.label} already holds a tracker (${held.slice(0, 4).join(', ')}${held.length > 4 ? ', ...' : ''}): the copy only fills an empty database. ` +
            'Create a new one (createdb), or drop this one if it is a copy you mean to replace.',
        );
      }
    }
    await pgMigrate(connection.db, { migrationsFolder: PG_MIGRATIONS_FOLDER });
    return connection;
  } catch (err) {
    await connection.close();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// The copy

type Insert = (p: TablePair, rows: Row[]) => Promise<void>;

/** A table's rows in primary-key pages. */
async function* pagesOf(end: End, p: TablePair): AsyncGenerator<Row[]> {
  let after: unknown[] | null = null;
  for (;;) {
    const rows = await end.page(p, after);
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    const last = rows.at(-1)!;
    after = p.key.map((k) => last[k]);
  }
}

/** Progress for the person running the copy: a line per table, a few per phase. */
export type Progress = (message: string) => void;

async function copyTables(source: End, insert: Insert, targetEngine: End['engine'], progress: Progress): Promise<Map<string, TableChecksum>> {
  const sums = new Map<string, TableChecksum>();
  for (const p of copiedTables()) {
    const started = performance.now();
    const sum = new TableChecksum();
    const columns = Object.keys(getTableColumns(p.sqlite)).length;
    const batch = Math.max(1, Math.floor(MAX_PARAMS[targetEngine] / Math.max(columns, 1)));
    for await (const rows of pagesOf(source, p)) {
      for (const row of rows) sum.add(row);
      for (let i = 0; i < rows.length; i += batch) await insert(p, rows.slice(i, i + batch));
    }
    sums.set(p.name, sum);
    if (sum.rows > 0) progress(`copied ${p.name}: ${sum.rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  progress('reading every table back from the target to compare it with the source...');
  return sums;
}

async function checksumOf(end: End, p: TablePair): Promise<TableChecksum> {
  const sum = new TableChecksum();
  for await (const rows of pagesOf(end, p)) for (const row of rows) sum.add(row);
  return sum;
}

/** Reads every table back from the target and compares it with what was read from the source. */
async function verify(target: End, sums: Map<string, TableChecksum>): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  const wrong: string[] = [];
  for (const p of copiedTables()) {
    const expected = sums.get(p.name)!;
    const got = await checksumOf(target, p);
    if (got.rows !== expected.rows || got.hex !== expected.hex) {
      wrong.push(`${p.name}: source ${expected.rows} rows ${expected.hex.slice(0, 12)}, target ${got.rows} rows ${got.hex.slice(0, 12)}`);
    }
    reports.push({ name: p.name, rows: got.rows, checksum: got.hex });
  }
  if (wrong.length > 0) throw new CopyRefusedError(`The copy did not verify and was rolled back:\n  ${wrong.join('\n  ')}`);
  return reports;
}

async function sqliteToPostgres(from: string, to: string, progress: Progress): Promise<Omit<CopyReport, 'ms'>> {
  const source = openSqliteSource(from);
  let target: PgConnection | undefined;
  try {
    target = await openPgTarget(to);
    const client = await target.pool.connect();
    try {
      const db = pgDrizzle(client, { schema: pgSchema });
      await client.query('BEGIN');
      // The derived tables are copied as they are: their triggers would count every copied row again.
      await setDerivedTriggers(client, false);
      // Rows a migration wrote (reference lists) are replaced by the source's.
      for (const p of [...copiedTables()].reverse()) await client.query(`DELETE FROM "${p.name}"`);
      const insert: Insert = async (p, rows) => {
        await db.insert(p.pg).values(rows as never);
      };
      const sums = await copyTables(sqliteEnd(source), insert, 'postgres', progress);
      let searchRows = 0;
      for (let after = 0; ; ) {
        const rows = indexedTextAfter(source.db, after, PAGE);
        if (rows.length === 0) break;
        await db.insert(eventSearch).values(rows);
        searchRows += rows.length;
        after = rows.at(-1)!.eventId;
      }
      await resetIdentities(client, sqliteSequences(source));
      await setDerivedTriggers(client, true);
      const targetEnd = pgEnd(db, client, target.label);
      const tables = await verify(targetEnd, sums);
      const live = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE deleted_at IS NULL')).rows[0]!.n);
      const indexed = await targetEnd.count('event_search');
      if (indexed !== live || indexed !== searchRows) {
        throw new CopyRefusedError(`The copy did not verify and was rolled back: event_search holds ${indexed} rows for ${live} live events.`);
      }
      // The triggers maintain the derived data from here on: it must be what the base tables say.
      const derived = await pgDerivedMismatches(client);
      if (derived.length > 0) {
        throw new CopyRefusedError(
          `The copy did not verify and was rolled back: the derived data differs from what the copied tables say (${derived.length} difference(s)):\n  ${derived
            .slice(0, 10)
            .map((m) => `${m.table} ${m.key}: expected ${String(m.expected)}, found ${String(m.actual)}`)
            .join('\n  ')}`,
        );
      }
      await client.query('COMMIT');
      await client.query('ANALYZE');
      return { from, to: redact(to), tables, searchRows };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  } finally {
    source.sqlite.close();
    await target?.close();
  }
}

/**
 * Identity columns continue after the copied ids, so the next row the app inserts gets a new one,
 * and after the highest id SQLite ever gave (`used`, from sqlite_sequence): an AUTOINCREMENT table
 * never gives a deleted row's id again (an event an undone import removed keeps its number, so an
 * old link to it cannot come to show another event), and neither does PostgreSQL after the copy.
 */
async function resetIdentities(client: pg.PoolClient, used: ReadonlyMap<string, number>): Promise<void> {
  const identities = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'`,
  );
  for (const { table_name: t, column_name: c } of identities.rows) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), greatest(coalesce((SELECT max("${c}") FROM "${t}"), 0), $3::bigint) + 1, false)`,
      [`public."${t}"`, c, used.get(t) ?? 0],
    );
  }
}

/** The highest id each AUTOINCREMENT table of a SQLite database has given, deleted rows' included. */
function sqliteSequences(connection: Connection): Map<string, number> {
  const rows = connection.sqlite.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[];
  return new Map(rows.map((r) => [r.name, r.seq]));
}

/** The highest id each identity sequence of PostgreSQL has given (whether or not its row is still there). */
async function pgSequences(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ table_name: string; used: string | null }>(
    `SELECT c.table_name, pg_sequence_last_value(pg_get_serial_sequence(format('public.%I', c.table_name), c.column_name)::regclass) AS used
       FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.is_identity = 'YES'`,
  );
  return new Map(rows.filter((r) => r.used !== null).map((r) => [r.table_name, Number(r.used)]));
}

/** `sqliteSequences`' other direction: AUTOINCREMENT goes on after the highest id PostgreSQL gave. */
function setSqliteSequences(connection: Connection, used: ReadonlyMap<string, number>): void {
  const autoincrement = new Set(sqliteSequences(connection).keys());
  const tables = connection.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'`).pluck().all() as string[];
  for (const name of tables) {
    const seq = used.get(name);
    if (seq === undefined) continue;
    if (autoincrement.has(name)) connection.sqlite.prepare('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?').run(seq, name);
    else connection.sqlite.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(name, seq);
  }
}

/** The triggers that run on INSERT: set aside while rows (and the counts they would write) are copied. */
function insertTriggers(connection: Connection): { name: string; sql: string }[] {
  return connection.sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%INSERT ON%' ORDER BY name`)
    .all() as { name: string; sql: string }[];
}

async function postgresToSqlite(from: string, to: string, progress: Progress): Promise<Omit<CopyReport, 'ms'>> {
  const source = await openPgSource(from);
  let target: Connection | undefined;
  let committed = false;
  try {
    target = createSqliteTarget(to);
    const { sqlite, db } = target;
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      sqlite.pragma('defer_foreign_keys = ON');
      const triggers = insertTriggers(target);
      for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name}"`);
      // Rows a migration wrote (reference lists, e.g. relation_organisations) are replaced by the source's.
      for (const p of [...copiedTables()].reverse()) sqlite.exec(`DELETE FROM "${p.name}"`);
      const insert: Insert = async (p, rows) => {
        db.insert(p.sqlite).values(rows as never).run();
      };
      const sums = await copyTables(pgEnd(source.db, source.pool, source.label), insert, 'sqlite', progress);
      for (const t of triggers) sqlite.exec(t.sql);
      setSqliteSequences(target, await pgSequences(source.pool));
      rebuildSearchIndex(db);
      const targetEnd = sqliteEnd(target);
      const tables = await verify(targetEnd, sums);
      const live = (sqlite.prepare('SELECT count(*) AS n FROM events WHERE deleted_at IS NULL').get() as { n: number }).n;
      const searchRows = await targetEnd.count('events_fts');
      if (searchRows !== live) {
        throw new CopyRefusedError(`The copy did not verify and was rolled back: events_fts holds ${searchRows} rows for ${live} live events.`);
      }
      sqlite.exec('COMMIT');
      committed = true;
      sqlite.exec('ANALYZE');
      return { from: redact(from), to, tables, searchRows };
    } catch (err) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw err;
    }
  } finally {
    await source.close();
    target?.sqlite.close();
    if (target && !committed) removeSqliteFile(to);
  }
}

/**
 * Copies the tracker at `from` into `to`: one is a SQLite file, the other a postgres:// address.
 * Throws CopyRefusedError or PostgresRefusedError with a message for the person running it; a
 * refused or failed copy leaves no SQLite file behind and commits nothing to PostgreSQL.
 */
export async function copyDatabase(from: string, to: string, options: { progress?: Progress } = {}): Promise<CopyReport> {
  const progress = options.progress ?? (() => {});
  const started = performance.now();
  const fromPg = isPostgresAddress(from);
  const toPg = isPostgresAddress(to);
  if (fromPg === toPg) {
    throw new CopyRefusedError(
      fromPg
        ? 'Both ends are PostgreSQL: use pg_dump and pg_restore (npm run db:backup / db:restore) to copy within PostgreSQL.'
        : 'Both ends are SQLite files: use npm run db:backup to copy a SQLite database.',
    );
  }
  const report = fromPg ? await postgresToSqlite(from, to, progress) : await sqliteToPostgres(from, to, progress);
  return { ...report, ms: Math.round(performance.now() - started) };
}

export { PostgresRefusedError };
