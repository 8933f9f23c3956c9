/**
 * npm run user:create against PostgreSQL (DATABASE_URL), run as an operator runs it: a real
 * process, the password from USER_PASSWORD, a database of this file's own that it migrates. The
 * account is read back with plain SQL and psql.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgres, type TestPostgres } from '@/testing/postgres';

let database: TestPostgres;

beforeAll(async () => {
  database = await createTestPostgres('tracker_user_create');
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

function userCreate(args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _unset, ...rest } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-create.ts', ...args], { encoding: 'utf8', env: { ...rest, ...env }, timeout: 60_000 });
}

async function rows(query: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(query)).rows;
  } finally {
    await client.end();
  }
}

describe('npm run user:create with DATABASE_URL', () => {
  it('migrates the empty database and creates the account there, with a password hash Better Auth reads', async () => {
    const run = userCreate(['--email', 'Chief@Example.org', '--role', 'admin', '--name', 'Chief'], { DATABASE_URL: database.url, USER_PASSWORD: 'a long admin password' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Created admin chief@example\.org in 127\.0\.0\.1:5432\/tracker_user_create_\w+\. They can sign in at \/sign-in\.\n$/);
    expect(await rows(`SELECT u.email, u.role, u.name, a.provider_id FROM "user" u JOIN account a ON a.user_id = u.id`)).toEqual([
      { email: 'chief@example.org', role: 'admin', name: 'Chief', provider_id: 'credential' },
    ]);
    const [hash] = (await rows(`SELECT password FROM account`)) as { password: string }[];
    expect(hash!.password).toMatch(/^scrypt\$/);
  }, 90_000);

  it('refuses a second account with the same address, and a database that does not exist, writing nothing', async () => {
    const again = userCreate(['--email', 'chief@example.org', '--role', 'viewer'], { DATABASE_URL: database.url, USER_PASSWORD: 'a long admin password' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('An account with this e-mail already exists.');
    expect(await rows(`SELECT count(*)::int AS n FROM "user"`)).toEqual([{ n: 1 }]);

    const missing = userCreate(['--email', 'x@example.org', '--role', 'viewer'], { DATABASE_URL: database.url.replace(/\/[^/]+$/, '/tracker_no_such_db'), USER_PASSWORD: 'a long admin password' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/tracker_no_such_db/);
    expect(missing.stderr).not.toMatch(/at \w+ \(/);
    expect(execFileSync('psql', [database.url, '-Atc', 'SELECT count(*) FROM "user"'], { encoding: 'utf8' }).trim()).toBe('1');
  }, 90_000);
});
