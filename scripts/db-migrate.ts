/**
 * npm run db:migrate: applies pending migrations to DATABASE_PATH (default data/tracker.db), or,
 * with DATABASE_URL set, to that PostgreSQL database (db/pg/migrations; a database of another
 * application or of a newer tracker is refused before anything is written).
 */
import { openDatabase } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { openPostgres, redact } from '@/db/pg/connect';
import { env } from '@/lib/env';
import { runScript } from './run-script';

runScript(async () => {
  const url = env().DATABASE_URL;
  if (url) {
    const connection = await openPostgres(url, { migrate: true, max: 1 });
    await connection.close();
    console.log(`Migrations applied to ${redact(url)}: ${connection.state.applied} of ${connection.state.known}.`);
    return;
  }
  const { db, sqlite, path } = openDatabase(env().DATABASE_PATH);
  migrateDatabase(db);
  sqlite.close();
  console.log(`Migrations applied to ${path}`);
});
