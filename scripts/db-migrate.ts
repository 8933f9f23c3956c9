/** npm run db:migrate: applies pending migrations to DATABASE_PATH (default data/tracker.db). */
import { openDatabase } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { env } from '@/lib/env';
import { runScript } from './run-script';

runScript(() => {
  const { db, sqlite, path } = openDatabase(env().DATABASE_PATH);
  migrateDatabase(db);
  sqlite.close();
  console.log(`Migrations applied to ${path}`);
});
