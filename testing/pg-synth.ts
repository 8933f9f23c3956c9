/**
 * A synthetic tracker on both engines, for the tests that compare PostgreSQL's answers with
 * SQLite's (db/pg/*.test.ts): a synthetic database built into a temporary SQLite file (db/synth),
 * copied into a PostgreSQL database of its own with db:copy's code, both opened; `close` removes
 * both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyDatabase } from '@/db/copy/copy';
import { openDatabase, type Connection } from '@/db/engine/client';
import { connectPostgres, type PgConnection } from '@/db/pg/connect';
import { buildSynthDatabase } from '@/db/synth/build';
import { createTestPostgres } from './postgres';

export interface SynthOnBothEngines {
  sqlite: Connection;
  pg: PgConnection;
  /** The first value of an SQLite query (for picking the data's most used country, actor, ...). */
  first(query: string): string;
  close(): Promise<void>;
}

export async function synthOnBothEngines(name: string, events = 2_000): Promise<SynthOnBothEngines> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tracker-${name}-`));
  const file = path.join(dir, 'synth.db');
  buildSynthDatabase({ file, events, seed: name, revisions: false });
  // Ordered as a managed server in the United States would order text (testing/postgres.ts).
  const database = await createTestPostgres(`tracker_${name.replace(/\W/g, '_')}`, { icuLocale: 'en-US' });
  await copyDatabase(file, database.url);
  const sqlite = openDatabase(file);
  const pg = await connectPostgres(database.url);
  return {
    sqlite,
    pg,
    first: (query) => String(sqlite.sqlite.prepare(query).pluck().get()),
    async close() {
      sqlite.sqlite.close();
      await pg.close();
      await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
