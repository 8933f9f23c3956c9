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
  /** Run `PRAGMA quick_check` and refuse a damaged file. On by default. */
  check?: boolean;
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
    if (!options.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // FULL: an acknowledged write survives a power cut, not only a process crash.
    sqlite.pragma('synchronous = FULL');
    registerSqlFunctions(sqlite);
    if (options.check ?? true) {
      const result = sqlite.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new Error(`quick_check reported: ${String(result)}`);
    }
  } catch (err) {
    sqlite.close();
    throw new DatabaseUnavailableError(
      `The database at ${resolved} is damaged or is not a SQLite database (${describe(err)}). ` +
        `Restore it from a backup (npm run db:restore -- <backup>), or move it aside to start with an empty database.`,
      { cause: err },
    );
  }

  // Drizzle goes through a statement cache (db/engine/statement-cache.ts); direct users of `sqlite` do not.
  return { sqlite, db: drizzle(withStatementCache(sqlite), { schema }), path: resolved };
}
