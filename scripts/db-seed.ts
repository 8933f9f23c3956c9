/** npm run db:seed: loads the curated seed events; running it twice creates no duplicates. With DATABASE_URL, fills an empty PostgreSQL database with them. */
import { openDatabase } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { seedDatabase } from '@/db/seed/seed';
import { env } from '@/lib/env';
import { openReplicaSet } from '@/db/pg/replicas';
import { seedIfEmpty } from '@/db/pg/serving';
import { runScript } from './run-script';

runScript(async () => {
  const databaseUrl = env().DATABASE_URL;
  if (databaseUrl) {
    // PostgreSQL: the seed fills an empty database (as the server's first start does); one that holds a tracker is left as it is.
    const set = await openReplicaSet(databaseUrl, [], { migrate: true, max: 2 });
    try {
      if (!(await seedIfEmpty(set, databaseUrl, (m) => console.log(m)))) {
        console.log(`${set.primary.label} already holds a tracker: nothing was added. On PostgreSQL the seed fills an empty database only.`);
      }
    } finally {
      await set.close();
    }
    return;
  }
  const { db, sqlite, path } = openDatabase(env().DATABASE_PATH);
  migrateDatabase(db);
  const result = seedDatabase(db);
  sqlite.close();
  console.log(
    `Seed loaded into ${path}: ${result.eventsCreated} events created, ${result.eventsSkipped} already present, ` +
      `${result.entitiesCreated} actors created.`,
  );
});
