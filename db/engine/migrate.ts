import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import path from 'node:path';
import type { Db } from './client';

/** drizzle-kit's output, committed to the repository. Resolved from the project root. */
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db/migrations');

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
