/**
 * Derived data that makes counting cheap at a million events (docs/performance.md,
 * docs/decisions/0010-derived-counts.md):
 *
 *  - every row of `event_countries`, `event_entities` and `event_tags` carries a copy of its event's
 *    visibility, type, date and date precision, and (countries, actors) a `first_role` flag on one
 *    row per (event, value);
 *  - `facet_counts` and `event_month_counts` hold the counts of the published timeline;
 *  - `event_pairs` holds the events between two sides, for the relations board (db/derived/pairs.ts).
 *
 * Triggers in migration 0005 maintain all of it in the transaction of every write, whoever writes
 * (the mutations, the seed, an import, a hand-written UPDATE). This module rebuilds it from the base
 * tables after a bulk load that ran without the triggers, and says where maintained and recomputed
 * data differ (the tests use it after every kind of write).
 */
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { addEventPairsForRange, eventPairMismatches, rebuildEventPairs } from './pairs';

/** The names of a facet's maintained counts for a view's event types: `actor`, or `actor@designation`, ... */
export function facetCountNames(base: string, types: readonly string[]): string[] {
  return types.length === 0 ? [base] : types.map((t) => `${base}@${t}`);
}

/** Values as a list of SQL text parameters, for `IN (...)`: maintained counts are keyed by text. */
export function textList(values: readonly (string | number)[]) {
  return sql.join(
    values.map((v) => sql`${String(v)}`),
    sql`, `,
  );
}

const VISIBILITY = `CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END`;
const PUBLISHED = `e.deleted_at IS NULL AND e.status = 'published'`;

/** The junction tables that carry event facts, and the column that names their value. */
export const FACT_TABLES = [
  { table: 'event_countries', value: 'country_code', roles: true },
  { table: 'event_entities', value: 'entity_id', roles: true },
  { table: 'event_tags', value: 'tag_id', roles: false },
] as const;

/**
 * What each count is over: the facet's name and value, the rows and the condition. Every facet is
 * also counted per event type, as `<facet>@<type>` (e.g. `actor@designation`).
 */
const COUNTED = [
  { facet: `'country:' || j.role`, value: 'j.country_code', from: 'event_countries j', where: 'TRUE', distinct: false },
  { facet: `'country'`, value: 'j.country_code', from: 'event_countries j', where: 'TRUE', distinct: true },
  { facet: `'actor'`, value: 'CAST(j.entity_id AS TEXT)', from: 'event_entities j', where: 'TRUE', distinct: true },
  { facet: `'tag'`, value: 'CAST(j.tag_id AS TEXT)', from: 'event_tags j', where: 'TRUE', distinct: false },
  { facet: `'authority'`, value: 'e.legal_authority', from: null, where: 'e.legal_authority IS NOT NULL', distinct: false },
  { facet: `'program'`, value: 'e.program', from: null, where: 'e.program IS NOT NULL', distinct: false },
] as const;

/** The counts as the base tables say they are, computed without any derived column. */
const EXPECTED_FACET_COUNTS = COUNTED.flatMap(({ facet, value, from, where, distinct }) => {
  const n = distinct ? 'count(DISTINCT j.event_id)' : 'count(*)';
  const rows = from ? `${from} JOIN events e ON e.id = j.event_id` : 'events e';
  return [
    `SELECT ${facet} AS facet, ${value} AS value, ${n} AS n FROM ${rows} WHERE ${PUBLISHED} AND ${where} GROUP BY 1, 2`,
    `SELECT ${facet} || '@' || e.type, ${value}, ${n} FROM ${rows} WHERE ${PUBLISHED} AND ${where} GROUP BY 1, 2`,
  ];
}).join('\n  UNION ALL\n  ');

const EXPECTED_MONTH_COUNTS = `
  SELECT substr(e.date, 1, 7) AS month, e.date_precision, e.type, count(*) AS n
    FROM events e WHERE ${PUBLISHED} GROUP BY 1, 2, 3`;

export interface DerivedMismatch {
  what: string;
  key: string;
  stored: unknown;
  expected: unknown;
}

function keyed<T extends Record<string, unknown>>(rows: T[], key: (r: T) => string, value: (r: T) => unknown) {
  return new Map(rows.map((r) => [key(r), value(r)]));
}

function compare(what: string, stored: Map<string, unknown>, expected: Map<string, unknown>, out: DerivedMismatch[]) {
  for (const [key, value] of expected) {
    if (stored.get(key) !== value) out.push({ what, key, stored: stored.get(key) ?? null, expected: value });
  }
  for (const [key, value] of stored) {
    if (!expected.has(key)) out.push({ what, key, stored: value, expected: null });
  }
}

/**
 * Where the maintained data differs from what the base tables say (empty when all is in step).
 * Zero counts left behind by decrements are ignored. Meant for tests and checks on small or
 * medium databases: it recomputes everything.
 */
export function derivedMismatches(sqlite: Database.Database): DerivedMismatch[] {
  const out: DerivedMismatch[] = [];
  for (const { table, value, roles } of FACT_TABLES) {
    const stale = sqlite
      .prepare(
        `SELECT j.event_id, j.${value} AS v FROM ${table} j JOIN events e ON e.id = j.event_id
          WHERE j.event_visibility IS NOT ${VISIBILITY} OR j.event_type IS NOT e.type OR j.event_date IS NOT e.date
             OR j.event_date_precision IS NOT e.date_precision LIMIT 20`,
      )
      .all() as { event_id: number; v: unknown }[];
    for (const r of stale) out.push({ what: `${table} facts`, key: `${r.event_id}:${String(r.v)}`, stored: 'stale', expected: 'event facts' });
    if (roles) {
      const wrong = sqlite
        .prepare(
          `SELECT j.event_id, j.${value} AS v, j.role, j.first_role FROM ${table} j
            WHERE j.first_role IS NOT (j.role = (SELECT min(x.role) FROM ${table} x WHERE x.event_id = j.event_id AND x.${value} = j.${value}))
            LIMIT 20`,
        )
        .all() as { event_id: number; v: unknown; role: string; first_role: number }[];
      for (const r of wrong) out.push({ what: `${table} first_role`, key: `${r.event_id}:${String(r.v)}:${r.role}`, stored: r.first_role, expected: 1 - r.first_role });
    }
  }
  const stored = sqlite.prepare(`SELECT facet, value, n FROM facet_counts WHERE n <> 0`).all() as { facet: string; value: string; n: number }[];
  const expected = sqlite.prepare(EXPECTED_FACET_COUNTS).all() as { facet: string; value: string; n: number }[];
  const k = (r: { facet: string; value: string }) => `${r.facet}=${r.value}`;
  compare('facet_counts', keyed(stored, k, (r) => r.n), keyed(expected, k, (r) => r.n), out);
  type MonthRow = { month: string; date_precision: string; type: string; n: number };
  const months = sqlite.prepare(`SELECT month, date_precision, type, n FROM event_month_counts WHERE n <> 0`).all() as MonthRow[];
  const expectedMonths = sqlite.prepare(EXPECTED_MONTH_COUNTS).all() as MonthRow[];
  const mk = (r: MonthRow) => `${r.month}|${r.date_precision}|${r.type}`;
  compare('event_month_counts', keyed(months, mk, (r) => r.n), keyed(expectedMonths, mk, (r) => r.n), out);
  for (const m of eventPairMismatches(sqlite).slice(0, 20)) out.push({ what: 'event_pairs', ...m });
  return out;
}

/**
 * Recomputes every derived column and count from the base tables. For bulk loads that write
 * without the triggers (db/synth/build.ts); the app never needs it. Run inside a transaction.
 * `facts: false` keeps the junction facts and first_role flags as loaded and only recounts.
 */
export function rebuildDerived(sqlite: Database.Database, options: { facts?: boolean } = {}): void {
  if (options.facts ?? true) {
    for (const { table, value, roles } of FACT_TABLES) {
      sqlite.exec(`UPDATE ${table} SET (event_visibility, event_type, event_date, event_date_precision) =
        (SELECT ${VISIBILITY}, e.type, e.date, e.date_precision FROM events e WHERE e.id = ${table}.event_id)`);
      if (roles) {
        sqlite.exec(`UPDATE ${table} SET first_role = (role = (SELECT min(x.role) FROM ${table} x
          WHERE x.event_id = ${table}.event_id AND x.${value} = ${table}.${value}))`);
      }
    }
  }
  // From the facts (index scans), where the expected counts above join events.
  sqlite.exec(`DELETE FROM facet_counts`);
  sqlite.exec(`DELETE FROM event_month_counts`);
  for (const { facet, value, from, where } of COUNTED) {
    const onlyOnce = facet === `'country'` || facet === `'actor'` ? ' AND j.first_role' : '';
    const [rows, visible, type] = from
      ? [from, `j.event_visibility = 'published'${onlyOnce}`, 'j.event_type']
      : ['events e', `e.deleted_at IS NULL AND e.status = 'published'`, 'e.type'];
    sqlite.exec(`INSERT INTO facet_counts (facet, value, n)
      SELECT ${facet}, ${value}, count(*) FROM ${rows} WHERE ${visible} AND ${where} GROUP BY 1, 2
      UNION ALL
      SELECT ${facet} || '@' || ${type}, ${value}, count(*) FROM ${rows} WHERE ${visible} AND ${where} GROUP BY 1, 2`);
  }
  sqlite.exec(`INSERT INTO event_month_counts (month, date_precision, type, n)
    SELECT substr(date, 1, 7), date_precision, type, count(*) FROM events
     WHERE deleted_at IS NULL AND status = 'published' GROUP BY 1, 2, 3`);
  rebuildEventPairs(sqlite);
}

/**
 * The per-row insert triggers of migrations 0005 and 0016. Each new junction row runs up to a
 * dozen statements through them (count, copy the event's facts, which fires the update trigger and
 * moves the count, mark the first role, rewrite the event's pairs): about two thirds of a
 * 5,000-row import's time went there.
 */
export const DERIVED_INSERT_TRIGGERS = [
  'events_derived_insert',
  'event_countries_derived_insert',
  'event_entities_derived_insert',
  'event_tags_derived_insert',
  'event_countries_pairs_insert',
  'event_entities_pairs_insert',
] as const;

/**
 * Inserts many new events with the insert triggers off and counts them afterwards in a few
 * set-based statements: what the CSV import does with thousands of rows.
 *
 * `insert` must write only new events (ids above every existing one, so the events of the call are
 * one id range) and give every junction row its event's facts and its first_role flag as it
 * writes it (what the insert triggers would have copied). It returns the id range it wrote.
 *
 * Must run inside a transaction that is rolled back if anything throws: SQLite's DDL is
 * transactional, so no other connection ever sees the triggers missing, and a failure restores
 * them with everything else. The other triggers (update, delete) stay in place throughout. The
 * tests compare the counts with `derivedMismatches` after every bulk import.
 */
export function insertWithSetBasedCounts(tx: DbOrTx, insert: () => { first: number; last: number } | null): void {
  const saved = tx.all<{ name: string; sql: string }>(
    sql`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${sql.join(
      DERIVED_INSERT_TRIGGERS.map((n) => sql`${n}`),
      sql`, `,
    )}) ORDER BY name`,
  );
  if (saved.length !== DERIVED_INSERT_TRIGGERS.length) {
    // A migration renamed or removed one: counting here as well as in a trigger would count twice.
    throw new Error(`insertWithSetBasedCounts: expected the triggers ${DERIVED_INSERT_TRIGGERS.join(', ')}, found ${saved.map((t) => t.name).join(', ')}`);
  }
  for (const t of saved) tx.run(sql.raw(`DROP TRIGGER "${t.name}"`));
  const range = insert();
  if (range) countEventRange(tx, range.first, range.last);
  for (const t of saved) tx.run(sql.raw(t.sql));
}

/** Adds the events with ids in [first, last], and their junction rows, to the counts. */
function countEventRange(tx: DbOrTx, first: number, last: number): void {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last)) throw new Error('countEventRange: ids must be integers');
  for (const { facet, value, from, where } of COUNTED) {
    const onlyOnce = facet === `'country'` || facet === `'actor'` ? ' AND j.first_role' : '';
    const [rows, id, visible, type] = from
      ? [from, 'j.event_id', `j.event_visibility = 'published'${onlyOnce}`, 'j.event_type']
      : ['events e', 'e.id', PUBLISHED, 'e.type'];
    const range = `${id} BETWEEN ${first} AND ${last} AND ${visible} AND ${where}`;
    tx.run(
      sql.raw(`INSERT INTO facet_counts (facet, value, n)
        SELECT facet, value, n FROM (
          SELECT ${facet} AS facet, ${value} AS value, count(*) AS n FROM ${rows} WHERE ${range} GROUP BY 1, 2
          UNION ALL
          SELECT ${facet} || '@' || ${type}, ${value}, count(*) FROM ${rows} WHERE ${range} GROUP BY 1, 2
        ) WHERE TRUE
        ON CONFLICT (facet, value) DO UPDATE SET n = n + excluded.n`),
    );
  }
  tx.run(
    sql.raw(`INSERT INTO event_month_counts (month, date_precision, type, n)
      SELECT substr(e.date, 1, 7), e.date_precision, e.type, count(*) FROM events e
       WHERE e.id BETWEEN ${first} AND ${last} AND ${PUBLISHED} GROUP BY 1, 2, 3
      ON CONFLICT (month, date_precision, type) DO UPDATE SET n = n + excluded.n`),
  );
  addEventPairsForRange(tx, first, last);
}
