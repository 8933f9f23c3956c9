/**
 * A PostgreSQL database of its own for each test file: created on a server the suite can reach,
 * dropped afterwards, never shared. The server is found at PG_TEST_ADMIN_URL (default: the local
 * server at 127.0.0.1:5432 as user postgres); `npm run test:tools` starts or installs one when none
 * answers (scripts/ensure-test-tools.ts).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_PG_ADMIN_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

export function pgAdminUrl(): string {
  return process.env.PG_TEST_ADMIN_URL || DEFAULT_PG_ADMIN_URL;
}

export interface TestPostgres {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** The admin URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgAdminUrl(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `The PostgreSQL tests need a server at ${pgAdminUrl().replace(/:[^:@/]*@/, ':***@')} (${err instanceof Error ? err.message : String(err)}). ` +
        'Run `npm run test:tools` (it starts or installs one), or set PG_TEST_ADMIN_URL to a superuser address.',
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database named for this process and a random suffix. `icuLocale` gives it a
 * linguistic collation (ICU's "en-US" orders "aid" before "Assets" before "Caesar"), as managed
 * servers often have, where this machine's databases order bytes (C.UTF-8): a query that forgets
 * `COLLATE "C"` then orders differently from SQLite, and the test comparing them fails.
 */
export async function createTestPostgres(prefix = 'tracker_test', options: { icuLocale?: string } = {}): Promise<TestPostgres> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const locale = options.icuLocale ? ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${options.icuLocale.replace(/[^A-Za-z-]/g, '')}' LOCALE 'C.UTF-8'` : '';
  await admin((c) => c.query(`CREATE DATABASE "${name}"${locale}`));
  return {
    name,
    url: withDatabase(pgAdminUrl(), name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
