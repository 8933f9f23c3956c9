/** npm run db:seed: loads the curated seed events; running it twice creates no duplicates. */
import { openDatabase } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { seedDatabase } from '@/db/seed/seed';
import { env } from '@/lib/env';
import { runScript } from './run-script';

runScript(() => {
  const { db, sqlite, path } = openDatabase(env().DATABASE_PATH);
  migrateDatabase(db);
  const result = seedDatabase(db);
  sqlite.close();
  console.log(
    `Seed loaded into ${path}: ${result.eventsCreated} events created, ${result.eventsSkipped} already present, ` +
      `${result.entitiesCreated} actors created.`,
  );
});
