/**
 * drizzle-kit for the PostgreSQL twin of the schema (db/pg): `npx drizzle-kit generate --config
 * drizzle.pg.config.ts --name <name>`. The SQLite schema's config is drizzle.config.ts.
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./db/pg/schema.ts', './db/pg/auth-schema.ts'],
  out: './db/pg/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/tracker' },
  strict: true,
  verbose: true,
});
