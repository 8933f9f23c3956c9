/**
 * npm run user:create -- --email E --role admin|editor|viewer [--name "Full Name"]
 *
 * Creates a staff account. The password is asked for twice with hidden input; for scripts, put it
 * in USER_PASSWORD instead (it is never read from the command line, where it would end up in the
 * shell history and the process list).
 *
 * With DATABASE_URL set, the account is created in that PostgreSQL database (migrated first, as the
 * SQLite file is), through the same data-access interface the app uses (db/store).
 */
import { openDatabase } from '@/db/engine/client';
import { MutationError } from '@/db/mutations/errors';
import { migrateDatabase } from '@/db/engine/migrate';
import { createUser } from '@/db/mutations/users';
import { openPostgres } from '@/db/pg/connect';
import { postgresAuthStore } from '@/db/store/auth-postgres';
import { ROLES } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import { newUserSchema, type NewUserInput } from '@/lib/validation/user';
import { parseFlags, runScript, UsageError } from './run-script';

const USAGE = `Usage: npm run user:create -- --email you@example.org --role ${ROLES.join('|')} [--name "Full Name"]
The password is asked for (hidden), or read from USER_PASSWORD.`;

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(new UsageError('No terminal to ask for a password: set USER_PASSWORD instead.'));
  }
  process.stdout.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (fn: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stdout.write('\n');
      fn();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(value));
        if (ch === '\u0003') return done(() => reject(new UsageError('Cancelled.')));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.USER_PASSWORD;
  if (fromEnv) return fromEnv;
  const first = await promptHidden('Password (at least 12 characters): ');
  const second = await promptHidden('Same password again: ');
  if (first !== second) throw new UsageError('The two passwords differ; nothing was created.');
  return first;
}

/** The account in a PostgreSQL database; refused before anything is written when the server, the password or the database is wrong. */
async function createOnPostgres(url: string, input: NewUserInput): Promise<void> {
  const pg = await openPostgres(url, { migrate: true, max: 1 });
  try {
    const user = await postgresAuthStore(pg.db).createUser(input);
    console.log(`Created ${user.role} ${user.email} in ${pg.label}. They can sign in at /sign-in.`);
  } catch (err) {
    if (err instanceof MutationError) throw new UsageError(err.message);
    throw err;
  } finally {
    await pg.close();
  }
}

runScript(async () => {
  const args = parseFlags(process.argv.slice(2), { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } }, USAGE);
  if (!args.email || !args.role) throw new UsageError(USAGE);
  // Check what can be checked before asking for a password.
  const early = newUserSchema.pick({ email: true, role: true }).safeParse(args);
  if (!early.success) throw new UsageError(`${early.error.issues.map((i) => i.message).join(' ')}\n${USAGE}`);

  const parsed = newUserSchema.safeParse({ ...args, password: await readPassword() });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join(' '));

  const databaseUrl = env().DATABASE_URL;
  if (databaseUrl) return createOnPostgres(databaseUrl, parsed.data);

  // The cheap checks at open (header, length, schema), as the server makes: creating an account
  // writes two rows, and the full check would read every page first (40 s at a million events).
  // The server's background check still covers the whole file (db/engine/integrity.ts).
  const { db, sqlite, path } = openDatabase(env().DATABASE_PATH, { check: 'schema' });
  try {
    migrateDatabase(db);
    const user = await createUser(db, parsed.data);
    console.log(`Created ${user.role} ${user.email} in ${path}. They can sign in at /sign-in.`);
  } catch (err) {
    if (err instanceof MutationError) throw new UsageError(err.message);
    throw err;
  } finally {
    sqlite.close();
  }
});
