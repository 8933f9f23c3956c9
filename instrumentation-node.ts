import path from 'node:path';
import { getConnection, getStore, openServingPostgres } from './db/index';
import { installConnectionHook } from './lib/http/connection-hook';
import { ensureFirstAdmin } from './server/auth/first-admin';
import { rememberAuthSecret, resolveAuthSecretIn } from './server/auth/secret';
import { env } from './lib/env';
import { startAlertDispatcher } from './server/alerts/scheduler';
import { startIntegrityChecks } from './db/engine/integrity';
import { damagedDatabaseError } from './db/engine/client';
import { isDamageError } from './db/engine/integrity-check';
import { startFacetIndex } from './db/derived/facet-index';

// First: from here on every request carries its socket's addresses (lib/http/request-site.ts).
installConnectionHook();

let databasePath: string | null = null;
try {
  const config = env();
  if (config.DATABASE_URL) {
    // PostgreSQL (decision 0046): checked, migrated and (when empty) seeded before the first request; refused with what to fix.
    await openServingPostgres((m) => console.log(m));
  } else {
    const connection = getConnection();
    databasePath = connection.path;
    console.log(`Database ready at ${databasePath}`);
  }
  const store = getStore();
  const secret = await resolveAuthSecretIn(store.auth, config.BETTER_AUTH_SECRET);
  rememberAuthSecret(secret.secret);
  if (secret.source === 'generated') {
    console.log('Generated a session-signing secret and stored it in the database (set BETTER_AUTH_SECRET to manage it yourself).');
  }
  await ensureFirstAdmin(store.auth, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD }, (m) => console.log(m));
} catch (caught) {
  // Damage the checks at open could not see may show on the pages these first reads touch.
  const err = isDamageError(caught) ? damagedDatabaseError(path.resolve(env().DATABASE_PATH), caught) : caught;
  const message = err instanceof Error ? err.message : String(err);
  // process.env, not env(): the configuration itself may be what is wrong.
  const onPostgres = Boolean(process.env.DATABASE_URL?.trim());
  console.error(`\nThe tracker cannot start.\n${onPostgres && !message.startsWith('DATABASE_') && !message.startsWith('Invalid environment') ? `DATABASE_URL: ${message}` : message}\n`);
  process.exit(1);
}

// Webhook alerts queued by event writes are sent from this process, on a timer (decision 0035).
startAlertDispatcher();

if (databasePath) {
  // The full check of the file (every page), in a worker thread once the server answers, then on a
  // schedule; /api/health reports it, and writes are refused if it finds damage (decision 0037).
  startIntegrityChecks(databasePath, { delayMs: 5_000, intervalMs: env().INTEGRITY_CHECK_HOURS * 3_600_000 });
  // The facet index (decision 0039): built in the background after start; the SQL answers until then.
  startFacetIndex(getConnection(), (m) => console.log(m));
}
