/**
 * The derived data of the PostgreSQL schema (the twin of db/derived/counts.ts and
 * db/derived/pairs.ts): the event facts and `first_role` flags copied onto the junction tables,
 * `facet_counts`, `event_month_counts` and `event_pairs`. The triggers of the custom migration
 * `derived_triggers` (db/pg/migrations) keep all of it in step on every write, as SQLite's
 * migrations 0005 and 0016 do; this module names those triggers and says, in SQL over the base
 * tables, where the maintained rows differ from what they must hold.
 */
import type pg from 'pg';

/** A connection to query through: a pool, a client of one, or a lone client. */
export type PgQueryable = pg.PoolClient | pg.Pool | pg.Client;

/**
 * Every trigger of the migration `derived_triggers`, by table. db:copy switches them off while it
 * copies the derived tables as SQLite holds them (db/copy/copy.ts); db/pg/derived.test.ts checks
 * that the list is the database's.
 */
export const PG_DERIVED_TRIGGERS: readonly { table: string; name: string }[] = [
  { table: 'events', name: 'events_derived_insert' },
  { table: 'events', name: 'events_derived_delete' },
  { table: 'events', name: 'events_derived_update' },
  { table: 'events', name: 'events_derived_facts' },
  { table: 'events', name: 'events_pairs_facts' },
  { table: 'events', name: 'events_pairs_delete' },
  { table: 'event_countries', name: 'event_countries_derived_insert' },
  { table: 'event_countries', name: 'event_countries_derived_delete' },
  { table: 'event_countries', name: 'event_countries_derived_update' },
  { table: 'event_countries', name: 'event_countries_derived_move' },
  { table: 'event_countries', name: 'event_countries_pairs_insert' },
  { table: 'event_countries', name: 'event_countries_pairs_delete' },
  { table: 'event_countries', name: 'event_countries_pairs_move' },
  { table: 'event_entities', name: 'event_entities_derived_insert' },
  { table: 'event_entities', name: 'event_entities_derived_delete' },
  { table: 'event_entities', name: 'event_entities_derived_update' },
  { table: 'event_entities', name: 'event_entities_derived_move' },
  { table: 'event_entities', name: 'event_entities_pairs_insert' },
  { table: 'event_entities', name: 'event_entities_pairs_delete' },
  { table: 'event_entities', name: 'event_entities_pairs_move' },
  { table: 'event_tags', name: 'event_tags_derived_insert' },
  { table: 'event_tags', name: 'event_tags_derived_delete' },
  { table: 'event_tags', name: 'event_tags_derived_update' },
  { table: 'entities', name: 'entities_pairs_rename' },
];

/**
 * Switches every derived-data trigger off or back on. ALTER TABLE is transactional in PostgreSQL:
 * run inside a transaction, a rollback puts the triggers back as they were, and no other
 * connection sees them off (the statement locks each table until the transaction ends).
 */
export async function setDerivedTriggers(client: PgQueryable, enabled: boolean): Promise<void> {
  for (const { table, name } of PG_DERIVED_TRIGGERS) {
    await client.query(`ALTER TABLE "${table}" ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER "${name}"`);
  }
}

export interface PgDerivedMismatch {
  /** What differs: `facet_counts`, `event_month_counts`, `event_pairs`, `<junction table> facts` or `<junction table> first_role`. */
  table: string;
  key: string;
  expected: number | string | null;
  actual: number | string | null;
}

const VISIBILITY = `CASE WHEN e.deleted_at IS NOT NULL THEN 'deleted' ELSE e.status END`;
const PUBLISHED = `e.deleted_at IS NULL AND e.status = 'published'`;

/** The junction tables that carry event facts, and the column that names their value. */
const FACT_TABLES = [
  { table: 'event_countries', value: 'country_code', roles: true },
  { table: 'event_entities', value: 'entity_id', roles: true },
  { table: 'event_tags', value: 'tag_id', roles: false },
] as const;

/** What each count is over (db/derived/counts.ts COUNTED); each is also counted per event type. */
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
  const n = distinct ? 'CAST(count(DISTINCT j.event_id) AS integer)' : 'CAST(count(*) AS integer)';
  const rows = from ? `${from} JOIN events e ON e.id = j.event_id` : 'events e';
  return [
    `SELECT ${facet} AS facet, ${value} AS value, ${n} AS n FROM ${rows} WHERE ${PUBLISHED} AND ${where} GROUP BY 1, 2`,
    `SELECT ${facet} || '@' || e.type, ${value}, ${n} FROM ${rows} WHERE ${PUBLISHED} AND ${where} GROUP BY 1, 2`,
  ];
}).join('\n  UNION ALL\n  ');

const EXPECTED_MONTH_COUNTS = `
  SELECT substr(e.date, 1, 7) AS month, e.date_precision, e.type, CAST(count(*) AS integer) AS n
    FROM events e WHERE ${PUBLISHED} GROUP BY 1, 2, 3`;

const PAIR_COLUMNS = 'country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title';

/**
 * The pairs as the base tables say they are (db/derived/pairs.ts EXPECTED_EVENT_PAIRS): every live
 * event's countries (any role) with each other country and each organisation among its actors.
 */
const EXPECTED_EVENT_PAIRS = `
  SELECT DISTINCT a.country_code AS country, b.country_code AS side, e.date AS event_date, e.id AS event_id, e.status AS event_visibility,
         e.date_precision AS event_date_precision, e.type AS event_type, e.title AS event_title
    FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id
   WHERE e.deleted_at IS NULL AND a.country_code <> b.country_code
  UNION
  SELECT DISTINCT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
    FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
    JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
   WHERE e.deleted_at IS NULL`;

/** At most this many stale junction rows are named per table and kind. */
const LIMIT = 20;

async function rows<T>(client: PgQueryable, text: string): Promise<T[]> {
  return (await client.query<T & pg.QueryResultRow>(text)).rows;
}

function compare(table: string, actual: Map<string, number | string>, expected: Map<string, number | string>, out: PgDerivedMismatch[]) {
  for (const [key, value] of expected) {
    if (actual.get(key) !== value) out.push({ table, key, expected: value, actual: actual.get(key) ?? null });
  }
  for (const [key, value] of actual) {
    if (!expected.has(key)) out.push({ table, key, expected: null, actual: value });
  }
}

/**
 * Where the maintained data differs from what the base tables say (empty when all is in step): the
 * PostgreSQL twin of db/derived/counts.ts `derivedMismatches` with `eventPairMismatches`. Count rows
 * at 0 (left by decrements, as in SQLite) are ignored. It recomputes everything: for tests, and for
 * checks on small or medium databases (db:copy runs it before committing).
 */
export async function pgDerivedMismatches(client: PgQueryable): Promise<PgDerivedMismatch[]> {
  const out: PgDerivedMismatch[] = [];
  for (const { table, value, roles } of FACT_TABLES) {
    const stale = await rows<{ event_id: number; v: string; actual: string; expected: string }>(
      client,
      `SELECT j.event_id, CAST(j.${value} AS TEXT) AS v,
              concat_ws('|', j.event_visibility, j.event_type, j.event_date, j.event_date_precision) AS actual,
              concat_ws('|', ${VISIBILITY}, e.type, e.date, e.date_precision) AS expected
         FROM ${table} j JOIN events e ON e.id = j.event_id
        WHERE j.event_visibility IS DISTINCT FROM ${VISIBILITY} OR j.event_type IS DISTINCT FROM e.type
           OR j.event_date IS DISTINCT FROM e.date OR j.event_date_precision IS DISTINCT FROM e.date_precision
        ORDER BY 1, 2 LIMIT ${LIMIT}`,
    );
    for (const r of stale) out.push({ table: `${table} facts`, key: `${r.event_id}:${r.v}`, expected: r.expected, actual: r.actual });
    if (roles) {
      // The first role is the least in binary order, as SQLite compares (COLLATE "C").
      const wrong = await rows<{ event_id: number; v: string; role: string; first_role: boolean }>(
        client,
        `SELECT j.event_id, CAST(j.${value} AS TEXT) AS v, j.role, j.first_role FROM ${table} j
          WHERE j.first_role IS DISTINCT FROM
                (j.role = (SELECT min(x.role COLLATE "C") FROM ${table} x WHERE x.event_id = j.event_id AND x.${value} = j.${value}))
          ORDER BY 1, 2, 3 LIMIT ${LIMIT}`,
      );
      for (const r of wrong) {
        out.push({ table: `${table} first_role`, key: `${r.event_id}:${r.v}:${r.role}`, expected: r.first_role ? 0 : 1, actual: r.first_role ? 1 : 0 });
      }
    }
  }

  type Count = { facet: string; value: string; n: number };
  const k = (r: Count) => `${r.facet}=${r.value}`;
  const stored = await rows<Count>(client, `SELECT facet, value, n FROM facet_counts WHERE n <> 0`);
  const expected = await rows<Count>(client, EXPECTED_FACET_COUNTS);
  compare('facet_counts', new Map(stored.map((r) => [k(r), r.n])), new Map(expected.map((r) => [k(r), r.n])), out);

  type Month = { month: string; date_precision: string; type: string; n: number };
  const mk = (r: Month) => `${r.month}|${r.date_precision}|${r.type}`;
  const months = await rows<Month>(client, `SELECT month, date_precision, type, n FROM event_month_counts WHERE n <> 0`);
  const expectedMonths = await rows<Month>(client, EXPECTED_MONTH_COUNTS);
  compare('event_month_counts', new Map(months.map((r) => [mk(r), r.n])), new Map(expectedMonths.map((r) => [mk(r), r.n])), out);

  type Pair = Record<string, string | number>;
  const pk = (r: Pair) => `${r.country}>${r.side}#${r.event_id}`;
  const facts = (r: Pair) => [r.event_date, r.event_visibility, r.event_date_precision, r.event_type, r.event_title].join('|');
  const pairs = await rows<Pair>(client, `SELECT ${PAIR_COLUMNS} FROM event_pairs`);
  const expectedPairs = await rows<Pair>(client, EXPECTED_EVENT_PAIRS);
  const pairMismatches: PgDerivedMismatch[] = [];
  compare('event_pairs', new Map(pairs.map((r) => [pk(r), facts(r)])), new Map(expectedPairs.map((r) => [pk(r), facts(r)])), pairMismatches);
  out.push(...pairMismatches.slice(0, LIMIT));
  return out;
}
