/**
 * Opening the SQLite file: one place for the pragmas and for the messages a person sees when the
 * file cannot be used. Usable from scripts and tests (no `server-only` here); the app goes
 * through db/index.ts, which caches one connection per process.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { withStatementCache } from './statement-cache';
import * as schema from '@/db/schema';
import { registerSqlFunctions } from './sql-functions';
import { quickCheck } from './integrity-check';

export type Db = BetterSQLite3Database<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything queries can run on: the database or a transaction. */
export type DbOrTx = Db | Tx;

export interface Connection {
  sqlite: Database.Database;
  db: Db;
  path: string;
}

/** A database file that cannot be opened or used; the message says which file and what to do. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface OpenOptions {
  readonly?: boolean;
  /**
   * What to check before handing the connection out; a file that fails is refused.
   * - `full` (the default, for the scripts): `PRAGMA quick_check`, every page of the file (about
   *   40 s at a million events).
   * - `schema` (the server, which runs the full check in the background: db/engine/integrity.ts):
   *   the header, the file's length against it, and the schema parsed (`checkAtOpen`), a few ms.
   * - `false`: nothing (the caller checked the file already).
   */
  check?: 'full' | 'schema' | false;
}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The cheap checks of a file at open, instead of reading every page: what a file that is not a
 * database, a damaged header, a truncated copy or a damaged schema fails. Throws what is wrong.
 * Damage inside a table or an index is left to the full check (db/engine/integrity.ts).
 */
export function checkAtOpen(sqlite: Database.Database, file: string): void {
  if (file !== ':memory:' && fs.existsSync(file)) {
    const size = fs.statSync(file).size;
    if (size > 0) {
      const header = Buffer.alloc(100);
      const fd = fs.openSync(file, 'r');
      try {
        fs.readSync(fd, header, 0, 100, 0);
      } finally {
        fs.closeSync(fd);
      }
      if (size < 100 || !header.subarray(0, 16).equals(HEADER)) throw new Error('the file does not start with the SQLite header');
      const raw = header.readUInt16BE(16);
      const pageSize = raw === 1 ? 65536 : raw;
      if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) throw new Error(`the header names an impossible page size (${raw})`);
      // The page count in the header is current when its "valid for" counter equals the change
      // counter (SQLite 3.7+), and the file is never shorter, unless a write-ahead log or a
      // rollback journal left by a crash still holds pages (a checkpoint stopped halfway): then
      // SQLite sorts it out when it opens, and this check stands aside.
      const pages = header.readUInt32BE(28);
      const pending = ['-wal', '-journal'].some((suffix) => fs.existsSync(file + suffix) && fs.statSync(file + suffix).size > 0);
      if (!pending && header.readUInt32BE(92) === header.readUInt32BE(24) && pages > 0 && size < pages * pageSize) {
        throw new Error(`the file is shorter than its header says (${Math.floor(size / pageSize)} of ${pages} pages): it was cut off`);
      }
    }
  }
  // Parses every CREATE statement of sqlite_schema (a malformed schema or an unreadable first page
  // fails here), then reads the header page's own cookie.
  sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
  sqlite.pragma('schema_version', { simple: true });
}

/** The message a person sees when the file is damaged: which file, and the way out. */
export function damagedDatabaseError(file: string, err: unknown): DatabaseUnavailableError {
  return new DatabaseUnavailableError(
    `The database at ${file} is damaged or is not a SQLite database (${describe(err)}). ` +
      `Restore it from a backup (npm run db:restore -- <backup>), or move it aside to start with an empty database.`,
    { cause: err },
  );
}

export function openDatabase(file: string, options: OpenOptions = {}): Connection {
  const resolved = file === ':memory:' ? file : path.resolve(file);
  if (resolved !== ':memory:' && !options.readonly) {
    try {
      fs.mkdirSync(path.dirname(resolved), { recursive: true });
      fs.accessSync(path.dirname(resolved), fs.constants.W_OK);
      if (fs.existsSync(resolved)) fs.accessSync(resolved, fs.constants.R_OK | fs.constants.W_OK);
    } catch (err) {
      throw new DatabaseUnavailableError(
        `Cannot write the database at ${resolved}: ${describe(err)}. ` +
          `Make the folder writable for this user, or set DATABASE_PATH to a writable location.`,
        { cause: err },
      );
    }
  }

  let sqlite: Database.Database;
  try {
    sqlite = new Database(resolved, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (err) {
    throw new DatabaseUnavailableError(
      `Cannot open the database at ${resolved}: ${describe(err)}. ` +
        `Check that DATABASE_PATH points at a SQLite file this user can read and write.`,
      { cause: err },
    );
  }

  try {
    const check = options.check ?? 'full';
    // First: the clearest message for a file that is not whole comes from its header.
    if (check) checkAtOpen(sqlite, resolved);
    if (!options.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // FULL: an acknowledged write survives a power cut, not only a process crash.
    sqlite.pragma('synchronous = FULL');
    registerSqlFunctions(sqlite);
    if (check === 'full') {
      const problems = quickCheck(sqlite);
      if (problems) throw new Error(`quick_check reported: ${problems}`);
    }
  } catch (err) {
    sqlite.close();
    throw damagedDatabaseError(resolved, err);
  }

  // Drizzle goes through a statement cache (db/engine/statement-cache.ts); direct users of `sqlite` do not.
  return { sqlite, db: drizzle(withStatementCache(sqlite), { schema }), path: resolved };
}
