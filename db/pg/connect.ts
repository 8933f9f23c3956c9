/**
 * Opening a PostgreSQL database for the tracker, and refusing one that is not fit, before anything
 * is written (issue 16). Every check here reads only: a server that does not answer, a refused
 * password, a missing database, a database of another application or of another version of this
 * one's schema each stop with a message that names what to fix. Only then, and only when asked,
 * are this version's migrations applied (drizzle's migrator, in one transaction).
 *
 * Migrations live in db/pg/migrations (drizzle-kit, `drizzle.pg.config.ts`); the history table is
 * drizzle's own, `drizzle.__drizzle_migrations` (hash and journal time of each applied file).
 */
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import path from 'node:path';
import pg from 'pg';
import * as appSchema from './schema';
import * as authSchema from './auth-schema';

export const pgSchema = { ...appSchema, ...authSchema };
export type PgDb = NodePgDatabase<typeof pgSchema>;

/** drizzle-kit's PostgreSQL output, committed to the repository. Resolved from the project root. */
export const PG_MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db/pg/migrations');

/** A PostgreSQL database that cannot be used as it is; the message says what to do. Nothing was written. */
export class PostgresRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostgresRefusedError';
  }
}

export interface PgConnection {
  pool: pg.Pool;
  db: PgDb;
  /** `host:port/database`, without the password, for messages. */
  label: string;
  close(): Promise<void>;
}

/** The URL's parts for messages: never the password. */
export function describePostgresUrl(url: string): { label: string; user: string; database: string; hostPort: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PostgresRefusedError(`"${redact(url)}" is not a URL. A PostgreSQL address looks like postgres://user:password@host:5432/database.`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new PostgresRefusedError(
      `"${redact(url)}" is not a PostgreSQL address: it must start with postgres:// or postgresql:// (for SQLite, give a file path instead).`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new PostgresRefusedError(`"${redact(url)}" names no database: add one after the host, e.g. postgres://${parsed.host || '127.0.0.1:5432'}/tracker.`);
  const hostPort = `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
  return { label: `${hostPort}/${database}`, user: decodeURIComponent(parsed.username) || process.env.PGUSER || process.env.USER || 'postgres', database, hostPort };
}

/** The URL with its password replaced, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function isPgError(err: unknown): err is Error & { code?: string } {
  return err instanceof Error;
}

/** What a failed connection means for the person running the command. */
export function explainConnectError(err: unknown, url: string): PostgresRefusedError {
  const { hostPort, user, database } = describePostgresUrl(url);
  const code = isPgError(err) ? err.code : undefined;
  const detail = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return new PostgresRefusedError(
        `PostgreSQL at ${hostPort} does not answer (${code}). Start the server, or correct the host and port in the address.`,
      );
    case '28P01':
    case '28000':
      return new PostgresRefusedError(
        `PostgreSQL at ${hostPort} refused user "${user}" (${detail}). Check the user name and password in the address.`,
      );
    case '3D000':
      return new PostgresRefusedError(
        `PostgreSQL at ${hostPort} has no database "${database}". Create it first (createdb -h ${hostPort.split(':')[0]} ${database}), or name an existing one.`,
      );
    default:
      if (/timeout/i.test(detail)) {
        return new PostgresRefusedError(`PostgreSQL at ${hostPort} did not answer within 5 seconds. Check that the server is running and reachable.`);
      }
      return new PostgresRefusedError(`Could not connect to PostgreSQL at ${hostPort}: ${detail}`);
  }
}

export async function connectPostgres(url: string, options: { max?: number } = {}): Promise<PgConnection> {
  const { label } = describePostgresUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server emits here; without a listener the process would exit.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw explainConnectError(err, url);
  }
  return { pool, db: drizzle(pool, { schema: pgSchema }), label, close: () => pool.end() };
}

export interface SchemaState {
  /** Applied migrations this version knows (by hash), in order. */
  applied: number;
  /** This version's migrations. */
  known: number;
  /** Tables in the public schema. */
  publicTables: number;
}

/**
 * Reads where the database stands against this version's migrations and refuses what cannot be
 * used: tables without a tracker migration history (another application's database), a history
 * with a migration this version does not have (a newer version of the tracker, or another
 * branch's schema). Writes nothing.
 */
export async function checkPostgresSchema(connection: PgConnection): Promise<SchemaState> {
  const known = readMigrationFiles({ migrationsFolder: PG_MIGRATIONS_FOLDER });
  const client = await connection.pool.connect();
  try {
    const tables = await client.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    const publicTables = Number(tables.rows[0]!.n);
    const hasHistory = await client.query<{ t: string | null }>(`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
    if (!hasHistory.rows[0]!.t) {
      if (publicTables > 0) {
        throw new PostgresRefusedError(
          `${connection.label} holds ${publicTables} table(s) but no tracker migration history: it is another application's database. ` +
            'Use an empty database (createdb) for the tracker.',
        );
      }
      return { applied: 0, known: known.length, publicTables };
    }
    const rows = (await client.query<{ hash: string; created_at: string }>(`SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at, id`)).rows;
    const byHash = new Map(known.map((m, i) => [m.hash, i]));
    const lastKnown = known.at(-1)?.folderMillis ?? 0;
    for (const [i, row] of rows.entries()) {
      if (Number(row.created_at) > lastKnown) {
        throw new PostgresRefusedError(
          `${connection.label} was migrated by a newer version of the tracker (${rows.length} migrations applied; this version knows ${known.length}). ` +
            'Run the newer version, or restore a backup made by this one.',
        );
      }
      if (byHash.get(row.hash) !== i) {
        throw new PostgresRefusedError(
          `${connection.label} has a different schema history (migration ${i + 1} of the database is not this version's migration ${i + 1}). ` +
            'It was made by another version or branch of the tracker: use an empty database, or the version that made it.',
        );
      }
    }
    return { applied: rows.length, known: known.length, publicTables };
  } finally {
    client.release();
  }
}

/**
 * Connects, checks, and (with `migrate`) brings the schema up to date. A refused database is
 * closed again and nothing has been written to it.
 */
export async function openPostgres(url: string, options: { migrate?: boolean; max?: number } = {}): Promise<PgConnection & { state: SchemaState }> {
  const connection = await connectPostgres(url, options);
  try {
    let state = await checkPostgresSchema(connection);
    if (options.migrate && state.applied < state.known) {
      // Two servers starting at once on an older database: one migrates, the other finds it done.
      // The lock is held on a connection of its own: the pool may have room for one (scripts).
      const lock = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      await lock.connect();
      try {
        await lock.query(`SELECT pg_advisory_lock(hashtext('tracker:migrate'))`);
        state = await checkPostgresSchema(connection);
        if (state.applied < state.known) await migrate(connection.db, { migrationsFolder: PG_MIGRATIONS_FOLDER });
      } finally {
        await lock.end().catch(() => {});
      }
      state = await checkPostgresSchema(connection);
    }
    return { ...connection, state };
  } catch (err) {
    await connection.close().catch(() => {});
    throw err;
  }
}
