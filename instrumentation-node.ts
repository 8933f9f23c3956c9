import { getConnection } from './db/index';
import { installConnectionHook } from './lib/http/connection-hook';
import { ensureFirstAdmin } from './server/auth/first-admin';
import { resolveAuthSecret } from './server/auth/secret';
import { env } from './lib/env';
import { startAlertDispatcher } from './server/alerts/scheduler';
import { startFacetIndex } from './db/derived/facet-index';

// First: from here on every request carries its socket's addresses (lib/http/request-site.ts).
installConnectionHook();

try {
  const { path, db } = getConnection();
  console.log(`Database ready at ${path}`);
  const config = env();
  if (resolveAuthSecret(db, config.BETTER_AUTH_SECRET).source === 'generated') {
    console.log('Generated a session-signing secret and stored it in the database (set BETTER_AUTH_SECRET to manage it yourself).');
  }
  await ensureFirstAdmin(db, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD }, (m) => console.log(m));
} catch (err) {
  console.error(`\nThe tracker cannot start.\n${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

// Webhook alerts queued by event writes are sent from this process, on a timer (decision 0035).
startAlertDispatcher();

// The facet index (decision 0039): built in the background after start; the SQL answers until then.
startFacetIndex(getConnection(), (m) => console.log(m));
