/**
 * Getting the process's database ready: open (with the check asked for), migrate, and load the
 * seed on an empty database. Shared by the server (db/index.ts) and the scripts.
 */
import { damagedDatabaseError, openDatabase, type Connection, type OpenOptions } from './client';
import { isDamageError } from './integrity-check';
import { migrateDatabase } from './migrate';
import { isEmpty, seedDatabase } from '@/db/seed/seed';

export interface BootstrapOptions {
  path: string;
  seedOnEmpty: boolean;
  /**
   * `full` (the default) reads every page before anything else; the server asks for `schema` and
   * runs the full check in the background (db/engine/integrity.ts).
   */
  check?: Exclude<OpenOptions['check'], false>;
  log?: (message: string) => void;
}

export function bootstrapDatabase(options: BootstrapOptions): Connection {
  const connection = openDatabase(options.path, { check: options.check ?? 'full' });
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
    // Damage the check at open cannot see may still show here, on the pages these steps read.
    throw isDamageError(err) ? damagedDatabaseError(connection.path, err) : err;
  }
  return connection;
}
