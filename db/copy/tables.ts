/**
 * The tables a copy between engines moves: every table of the SQLite schema with its PostgreSQL
 * twin (db/pg/schema-parity.test.ts keeps the two in step), in an order where each table comes after
 * the tables its foreign keys name. Search tables are not here: each engine builds its own from
 * the copied rows (db/copy/copy.ts).
 */
import { getTableColumns, type Column } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as sqliteApp from '@/db/schema';
import * as sqliteAuth from '@/db/auth-schema';
import * as pgApp from '@/db/pg/schema';
import * as pgAuth from '@/db/pg/auth-schema';

export interface TablePair {
  /** The SQL name, e.g. `event_countries`. */
  name: string;
  sqlite: SQLiteTable;
  pg: PgTable;
  /** The primary key's columns as the row objects name them (TypeScript keys), in key order. */
  key: string[];
}

function tablesOf<T>(modules: object[], isTable: (v: unknown) => v is T, nameOf: (t: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const m of modules) for (const v of Object.values(m)) if (isTable(v)) out.set(nameOf(v), v);
  return out;
}

function keyOf(table: SQLiteTable): string[] {
  const config = sqliteConfig(table);
  const tsKey = new Map(Object.entries(getTableColumns(table)).map(([k, c]) => [(c as Column).name, k]));
  const sqlNames = config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
  if (sqlNames.length === 0) throw new Error(`db/copy: table ${config.name} has no primary key, so it cannot be copied in pages`);
  return sqlNames.map((n) => tsKey.get(n)!);
}

/** Orders tables so that every table follows the tables it references (self-references aside). */
function referencesFirst(pairs: TablePair[]): TablePair[] {
  const byName = new Map(pairs.map((p) => [p.name, p]));
  const done = new Set<string>();
  const out: TablePair[] = [];
  const visit = (p: TablePair, path: string[]) => {
    if (done.has(p.name)) return;
    if (path.includes(p.name)) throw new Error(`db/copy: foreign keys form a cycle: ${[...path, p.name].join(' -> ')}`);
    for (const fk of sqliteConfig(p.sqlite).foreignKeys) {
      const target = sqliteConfig(fk.reference().foreignTable).name;
      if (target !== p.name && byName.has(target)) visit(byName.get(target)!, [...path, p.name]);
    }
    done.add(p.name);
    out.push(p);
  };
  for (const p of [...pairs].sort((a, b) => a.name.localeCompare(b.name))) visit(p, []);
  return out;
}

/**
 * Tables whose rows a migration writes on both engines (reference lists): a newly migrated
 * database holds them, so they do not make a target "not empty", and a copy replaces them with
 * the source's.
 */
export const MIGRATION_FILLED_TABLES: ReadonlySet<string> = new Set(['relation_organisations']);

let cached: TablePair[] | undefined;

export function copiedTables(): TablePair[] {
  if (cached) return cached;
  const sqlite = tablesOf([sqliteApp, sqliteAuth], (v): v is SQLiteTable => v instanceof SQLiteTable, (t) => sqliteConfig(t).name);
  const pg = tablesOf([pgApp, pgAuth], (v): v is PgTable => v instanceof PgTable, (t) => pgConfig(t).name);
  const pairs: TablePair[] = [];
  for (const [name, table] of sqlite) {
    const twin = pg.get(name);
    if (!twin) throw new Error(`db/copy: the SQLite table ${name} has no PostgreSQL twin in db/pg/schema.ts`);
    pairs.push({ name, sqlite: table, pg: twin, key: keyOf(table) });
  }
  cached = referencesFirst(pairs);
  return cached;
}
