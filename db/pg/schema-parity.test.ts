/**
 * Keeps the PostgreSQL twin (db/pg/schema.ts, db/pg/auth-schema.ts) in step with the SQLite schema
 * (db/schema.ts, db/auth-schema.ts): same tables, column names, nullability, keys, unique and plain
 * indexes, foreign keys and CHECK names, and each column's type translated by the rules in the
 * twin's header. No database: it compares what drizzle's table configs say. A column added to one
 * schema and not the other fails here, naming the table and column.
 *
 * The inferred row types are compared at compile time (`npx tsc`), below the runtime checks.
 */
import { describe, expect, it } from 'vitest';
import { is, SQL } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgDialect, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteSyncDialect, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as sqliteAuth from '@/db/auth-schema';
import * as sqliteMain from '@/db/schema';
import * as pgAuth from './auth-schema';
import * as pgMain from './schema';

/** Tables only the PostgreSQL schema has: the search text and its tsvector, in place of FTS5 `events_fts`. */
const PG_ONLY_TABLES = new Set(['event_search']);
/** Indexes only the PostgreSQL schema has (search and "did you mean"), as `table.index`. */
const PG_ONLY_INDEXES = new Set(['entities.entities_name_trgm_idx', 'entity_aliases.entity_aliases_alias_trgm_idx', 'event_search.event_search_document_idx']);
/** SQLite integers that pass 2^31 (epoch milliseconds, sizes, hashes): `bigint` in PostgreSQL. Every other integer is `integer`. */
const BIGINT_COLUMNS = new Set(['sign_in_failures.at']);

function tablesOf<T>(module: Record<string, unknown>, isTable: (value: unknown) => value is T): Map<string, T> {
  const tables = new Map<string, T>();
  for (const [exportName, value] of Object.entries(module)) if (isTable(value)) tables.set(exportName, value);
  return tables;
}
const isSqliteTable = (value: unknown): value is SQLiteTable => is(value, SQLiteTable);
const isPgTable = (value: unknown): value is PgTable => is(value, PgTable);

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();
const sqlText = (dialect: SQLiteSyncDialect | PgDialect, where: SQL | undefined) =>
  where === undefined ? null : dialect.sqlToQuery(where).sql.replace(/\s+/g, ' ').trim();

/** One dialect's table as plain data, so that both sides compare with toEqual. */
interface Shape {
  columns: string[];
  notNull: Record<string, boolean>;
  hasDefault: Record<string, boolean>;
  /** Plain (non-SQL) default values: 'day', 1, false, ''. */
  plainDefaults: Record<string, unknown>;
  primaryKey: string[];
  uniques: Record<string, string>;
  indexes: Record<string, string>;
  foreignKeys: string[];
  checks: string[];
}

type AnyColumn = SQLiteColumn | PgColumn;

/** An index's columns by name; an expression (pg's trigram indexes) as its SQL in brackets. */
function indexColumns(columns: readonly unknown[], dialect: SQLiteSyncDialect | PgDialect) {
  return columns.map((c) => (is(c, SQL) ? `(${sqlText(dialect, c)})` : (c as { name?: string }).name ?? '?')).join(', ');
}

function shapeOf(
  columns: AnyColumn[],
  primaryKeys: { columns: AnyColumn[] }[],
  indexes: { config: { name?: string; columns: readonly unknown[]; unique: boolean; where?: SQL } }[],
  uniqueConstraints: { getName(): string | undefined; columns: AnyColumn[] }[],
  foreignKeys: { reference(): { columns: AnyColumn[]; foreignColumns: AnyColumn[]; foreignTable: SQLiteTable | PgTable }; onDelete?: string; onUpdate?: string }[],
  checks: { name: string }[],
  dialect: SQLiteSyncDialect | PgDialect,
  tableName: (table: SQLiteTable | PgTable) => string,
): Shape {
  const composite = primaryKeys.map((pk) => pk.columns.map((c) => c.name));
  const uniques: Record<string, string> = {};
  const plainIndexes: Record<string, string> = {};
  for (const c of columns) if (c.isUnique) uniques[c.uniqueName ?? `${c.name}_unique`] = c.name;
  for (const u of uniqueConstraints) uniques[u.getName() ?? '?'] = u.columns.map((c) => c.name).join(', ');
  for (const { config } of indexes) {
    const where = sqlText(dialect, config.where);
    const text = `(${indexColumns(config.columns, dialect)})${where ? ` WHERE ${where}` : ''}`;
    if (config.unique) uniques[config.name ?? '?'] = text;
    else plainIndexes[config.name ?? '?'] = text;
  }
  return {
    columns: columns.map((c) => c.name).sort(),
    notNull: Object.fromEntries(columns.map((c) => [c.name, c.notNull])),
    hasDefault: Object.fromEntries(columns.map((c) => [c.name, c.hasDefault])),
    plainDefaults: Object.fromEntries(
      columns.filter((c) => c.default !== undefined && !is(c.default, SQL)).map((c) => [c.name, c.default]),
    ),
    primaryKey: composite.length > 0 ? composite.flat() : columns.filter((c) => c.primary).map((c) => c.name),
    uniques,
    indexes: plainIndexes,
    foreignKeys: foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return `(${ref.columns.map((c) => c.name).join(', ')}) -> ${tableName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(', ')}) on delete ${fk.onDelete ?? 'no action'} on update ${fk.onUpdate ?? 'no action'}`;
      })
      .sort(),
    checks: checks.map((c) => c.name).sort(),
  };
}

function sqliteShape(table: SQLiteTable): Shape {
  const c = sqliteTableConfig(table);
  return shapeOf(c.columns, c.primaryKeys, c.indexes, c.uniqueConstraints, c.foreignKeys, c.checks, sqliteDialect, (t) => sqliteTableConfig(t as SQLiteTable).name);
}

function pgShape(table: PgTable): Shape {
  const c = pgTableConfig(table);
  return shapeOf(c.columns, c.primaryKeys, c.indexes, c.uniqueConstraints, c.foreignKeys, c.checks, pgDialect, (t) => pgTableConfig(t as PgTable).name);
}

/** Why the PostgreSQL column is not the translation of the SQLite one, or null when it is. */
function typeMismatch(table: string, s: SQLiteColumn, p: PgColumn): string | null {
  const key = `${table}.${s.name}`;
  const sqliteType = s.columnType;
  const pgType = p.columnType;
  const got = `is ${pgType} (${p.getSQLType()})`;
  const identity = (p as PgColumn & { generatedIdentity?: { type: string } }).generatedIdentity?.type;
  switch (sqliteType) {
    case 'SQLiteInteger': {
      if ((s as SQLiteColumn & { autoIncrement?: boolean }).autoIncrement) {
        return pgType === 'PgInteger' && identity === 'byDefault' ? null : `${key}: autoIncrement key must be integer generated by default as identity, ${got}, identity ${identity ?? 'none'}`;
      }
      if (identity !== undefined) return `${key}: only autoIncrement keys are identities (identity ${identity})`;
      if (BIGINT_COLUMNS.has(key)) return pgType === 'PgBigInt53' ? null : `${key}: listed in BIGINT_COLUMNS, must be bigint({ mode: 'number' }), ${got}`;
      return pgType === 'PgInteger' ? null : `${key}: integer must be integer (or bigint listed in BIGINT_COLUMNS), ${got}`;
    }
    case 'SQLiteBoolean':
      return pgType === 'PgBoolean' ? null : `${key}: integer({ mode: 'boolean' }) must be boolean, ${got}`;
    case 'SQLiteTimestamp': {
      const ts = p as PgColumn & { withTimezone?: boolean; precision?: number };
      return pgType === 'PgTimestamp' && ts.withTimezone === true && ts.precision === 3
        ? null
        : `${key}: integer({ mode: 'timestamp_ms' }) must be timestamp({ withTimezone: true, precision: 3, mode: 'date' }), ${got}`;
    }
    case 'SQLiteTextJson':
      return pgType === 'PgJsonb' ? null : `${key}: text({ mode: 'json' }) must be jsonb, ${got}`;
    case 'SQLiteText': {
      if (pgType !== 'PgText') return `${key}: text must be text, ${got}`;
      const sEnum = s.enumValues ?? [];
      const pEnum = p.enumValues ?? [];
      return JSON.stringify(sEnum) === JSON.stringify(pEnum) ? null : `${key}: enum [${sEnum.join(', ')}] in SQLite, [${pEnum.join(', ')}] in PostgreSQL`;
    }
    default:
      return `${key}: SQLite type ${sqliteType} has no rule in db/pg/schema-parity.test.ts; add one (and to the header of db/pg/schema.ts)`;
  }
}

const pairs = [
  { label: 'db/schema.ts ~ db/pg/schema.ts', sqlite: tablesOf(sqliteMain, isSqliteTable), pg: tablesOf(pgMain, isPgTable) },
  { label: 'db/auth-schema.ts ~ db/pg/auth-schema.ts', sqlite: tablesOf(sqliteAuth, isSqliteTable), pg: tablesOf(pgAuth, isPgTable) },
];

describe.each(pairs)('$label', ({ sqlite, pg }) => {
  const sqliteByName = new Map([...sqlite.values()].map((t) => [sqliteTableConfig(t).name, t]));
  const pgByName = new Map([...pg.values()].map((t) => [pgTableConfig(t).name, t]));

  it('has the same tables (PostgreSQL adds only event_search)', () => {
    const sqliteNames = [...sqliteByName.keys()].sort();
    const pgNames = [...pgByName.keys()].filter((n) => !PG_ONLY_TABLES.has(n)).sort();
    expect(pgNames, 'table names').toEqual(sqliteNames);
  });

  it('exports each table under the same TypeScript name', () => {
    const problems: string[] = [];
    for (const [exportName, table] of sqlite) {
      const twin = pg.get(exportName);
      const name = sqliteTableConfig(table).name;
      if (!twin) problems.push(`${name}: exported as ${exportName} from the SQLite schema, not from the PostgreSQL one`);
      else if (pgTableConfig(twin).name !== name) problems.push(`${exportName}: is table ${name} in SQLite, ${pgTableConfig(twin).name} in PostgreSQL`);
    }
    expect(problems).toEqual([]);
  });

  describe.each([...sqliteByName.keys()].sort())('table %s', (name) => {
    const sqliteTable = sqliteByName.get(name)!;
    const pgTable = pgByName.get(name);
    const s = sqliteShape(sqliteTable);
    const p = pgTable ? pgShape(pgTable) : undefined;

    it('exists in the PostgreSQL schema', () => {
      expect(pgTable, `${name}: missing from the PostgreSQL schema`).toBeDefined();
    });
    if (!pgTable || !p) return;

    it('has the same columns, nullability and defaults', () => {
      const problems: string[] = [];
      for (const c of s.columns) if (!p.columns.includes(c)) problems.push(`${name}.${c}: in SQLite, missing from PostgreSQL`);
      for (const c of p.columns) if (!s.columns.includes(c)) problems.push(`${name}.${c}: in PostgreSQL, missing from SQLite`);
      for (const c of s.columns.filter((c) => p.columns.includes(c))) {
        if (s.notNull[c] !== p.notNull[c]) problems.push(`${name}.${c}: notNull ${s.notNull[c]} in SQLite, ${p.notNull[c]} in PostgreSQL`);
        if (s.hasDefault[c] !== p.hasDefault[c]) problems.push(`${name}.${c}: has a default in ${s.hasDefault[c] ? 'SQLite' : 'PostgreSQL'} only`);
        if (c in s.plainDefaults && s.plainDefaults[c] !== p.plainDefaults[c]) {
          problems.push(`${name}.${c}: default ${JSON.stringify(s.plainDefaults[c])} in SQLite, ${JSON.stringify(p.plainDefaults[c])} in PostgreSQL`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('translates each column type by the rules', () => {
      const pgColumns = new Map(pgTableConfig(pgTable).columns.map((c) => [c.name, c]));
      const problems = sqliteTableConfig(sqliteTable)
        .columns.map((c) => (pgColumns.has(c.name) ? typeMismatch(name, c, pgColumns.get(c.name)!) : null))
        .filter((m): m is string => m !== null);
      expect(problems).toEqual([]);
    });

    it('has the same primary key', () => {
      expect(p.primaryKey, `${name}: primary key columns`).toEqual(s.primaryKey);
    });

    it('has the same unique indexes, by name, columns and WHERE', () => {
      expect(p.uniques, `${name}: unique indexes (name -> columns)`).toEqual(s.uniques);
    });

    it('has the same plain indexes, by name, columns and WHERE (PostgreSQL may add its search indexes)', () => {
      const pgIndexes = Object.fromEntries(Object.entries(p.indexes).filter(([n]) => !PG_ONLY_INDEXES.has(`${name}.${n}`)));
      expect(pgIndexes, `${name}: indexes (name -> columns)`).toEqual(s.indexes);
    });

    it('has the same foreign keys', () => {
      expect(p.foreignKeys, `${name}: foreign keys`).toEqual(s.foreignKeys);
    });

    it('has the same CHECK constraints, by name', () => {
      expect(p.checks, `${name}: CHECK constraint names`).toEqual(s.checks);
    });
  });
});

describe('PostgreSQL-only parts', () => {
  it('lists only tables and indexes that exist', () => {
    const pgTables = new Map([...tablesOf(pgMain, isPgTable).values()].map((t) => [pgTableConfig(t).name, pgTableConfig(t)]));
    for (const name of PG_ONLY_TABLES) expect(pgTables.has(name), `${name}: listed in PG_ONLY_TABLES`).toBe(true);
    for (const entry of PG_ONLY_INDEXES) {
      const [table, index] = entry.split('.');
      expect(pgTables.get(table!)?.indexes.some((i) => i.config.name === index), `${entry}: listed in PG_ONLY_INDEXES`).toBe(true);
    }
    for (const entry of BIGINT_COLUMNS) {
      const [table, column] = entry.split('.');
      expect(pgTables.get(table!)?.columns.find((c) => c.name === column)?.columnType, `${entry}: listed in BIGINT_COLUMNS`).toBe('PgBigInt53');
    }
  });

  it('event_search: one row per event, a generated tsvector with a GIN index', () => {
    const c = pgTableConfig(pgMain.eventSearch);
    expect(c.columns.map((col) => col.name)).toEqual(['event_id', 'title', 'summary', 'body', 'document']);
    const document = c.columns.find((col) => col.name === 'document')!;
    expect(document.getSQLType()).toBe('tsvector');
    expect(document.generated?.type).toBe('always');
    expect(c.indexes.find((i) => i.config.name === 'event_search_document_idx')?.config.method).toBe('gin');
    expect(c.foreignKeys.map((fk) => [pgTableConfig(fk.reference().foreignTable).name, fk.onDelete])).toEqual([['events', 'cascade']]);
  });
});

// Compile-time: every SQLite table's select and insert types equal its twin's (checked by `npx tsc`).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type TablesOf<M> = { [K in keyof M as M[K] extends SQLiteTable ? K : never]: M[K] };
type Mismatched<S, P> = {
  [K in keyof TablesOf<S>]: K extends keyof P
    ? TablesOf<S>[K] extends { $inferSelect: infer SS; $inferInsert: infer SI }
      ? P[K] extends { $inferSelect: infer PS; $inferInsert: infer PI }
        ? Equal<SS, PS> extends true
          ? Equal<SI, PI> extends true
            ? never
            : K
          : K
        : K
      : K
    : K;
}[keyof TablesOf<S>];
type RowTypeMismatches = Mismatched<typeof sqliteMain, typeof pgMain> | Mismatched<typeof sqliteAuth, typeof pgAuth>;
/** A type error here ("'true' is not assignable to '"events"'") names the tables whose row types differ. */
const sameRowTypes: [RowTypeMismatches] extends [never] ? true : RowTypeMismatches = true;
void sameRowTypes;
