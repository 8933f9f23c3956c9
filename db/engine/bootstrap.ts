/**
 * Getting the process's database ready: open (with the integrity check), migrate, and load the
 * seed on an empty database. Shared by the server (db/index.ts) and the scripts.
 */
import { openDatabase, type Connection } from './client';
import { migrateDatabase } from './migrate';
import { isEmpty, seedDatabase } from '@/db/seed/seed';

export interface BootstrapOptions {
  path: string;
  seedOnEmpty: boolean;
  log?: (message: string) => void;
}

export function bootstrapDatabase(options: BootstrapOptions): Connection {
  const connection = openDatabase(options.path);
  try {
    migrateDatabase(connection.db);
    if (options.seedOnEmpty && isEmpty(connection.db)) {
      const result = seedDatabase(connection.db);
      options.log?.(
        `Loaded the seed into an empty database at ${connection.path}: ${result.eventsCreated} events, ${result.entitiesCreated} actors.`,
      );
    }
  } catch (err) {
    connection.sqlite.close();
    throw err;
  }
  return connection;
}
