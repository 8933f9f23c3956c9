/**
 * `event_pairs` (decision 0036): the timeline's events between two sides, one row per (country,
 * other side, event) of every live event, for the relations board. Triggers in migration 0016
 * keep it current on every write; this module fills it set-wise where the triggers are off (the
 * synthetic build, the as-recorded rebuild, the CSV import's bulk insert) and says where the
 * maintained rows differ from what the base tables say (the tests use it after every kind of
 * write, with the other derived data: db/derived/counts.ts).
 */
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';

const COLUMNS = 'country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title';

/**
 * The pairs of the events matching `where` (over the junction rows `a`), from the facts copied onto
 * the junction rows: index order, one row per (event, value) through `first_role`.
 */
function pairsFromFacts(where: string): string {
  return `INSERT INTO event_pairs (${COLUMNS})
  SELECT country, side, event_date, event_id, event_visibility, event_date_precision, event_type, (SELECT title FROM events WHERE id = p.event_id)
    FROM (
      SELECT a.country_code AS country, b.country_code AS side, a.event_date, a.event_id, a.event_visibility, a.event_date_precision, a.event_type
        FROM event_countries a JOIN event_countries b ON b.event_id = a.event_id AND b.first_role AND b.country_code <> a.country_code
       WHERE a.first_role AND a.event_visibility IN ('published', 'draft') AND ${where}
      UNION
      SELECT a.country_code, o.key, a.event_date, a.event_id, a.event_visibility, a.event_date_precision, a.event_type
        FROM relation_organisations o JOIN entities n ON n.name = o.name JOIN event_entities b ON b.entity_id = n.id AND b.first_role
        JOIN event_countries a ON a.event_id = b.event_id AND a.first_role
       WHERE a.event_visibility IN ('published', 'draft') AND ${where}
    ) p
   ORDER BY country, side, event_date, event_id`;
}

/**
 * Refills `event_pairs` from the junction rows, whose facts and first-role flags must be right
 * (rebuildDerived computes them first). For loads that ran without the triggers.
 */
export function rebuildEventPairs(sqlite: Database.Database): void {
  sqlite.exec('DELETE FROM event_pairs');
  sqlite.exec(pairsFromFacts('TRUE'));
}

/** Adds the pairs of the new events with ids in [first, last] (their insert triggers were off). */
export function addEventPairsForRange(tx: DbOrTx, first: number, last: number): void {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last)) throw new Error('addEventPairsForRange: ids must be integers');
  tx.run(sql.raw(pairsFromFacts(`a.event_id BETWEEN ${first} AND ${last}`)));
}

/**
 * The rows as the base tables say they are: every live event's countries (any role) with each
 * other country and each organisation (by name) among its actors, with the event's own facts.
 * Written without the junction rows' copied facts or first-role flags, so that it checks them too.
 */
export const EXPECTED_EVENT_PAIRS = `
  SELECT DISTINCT a.country_code AS country, b.country_code AS side, e.date AS event_date, e.id AS event_id, e.status AS event_visibility,
         e.date_precision AS event_date_precision, e.type AS event_type, e.title AS event_title
    FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_countries b ON b.event_id = e.id
   WHERE e.deleted_at IS NULL AND a.country_code <> b.country_code
  UNION
  SELECT DISTINCT a.country_code, o.key, e.date, e.id, e.status, e.date_precision, e.type, e.title
    FROM events e JOIN event_countries a ON a.event_id = e.id JOIN event_entities b ON b.event_id = e.id
    JOIN entities n ON n.id = b.entity_id JOIN relation_organisations o ON o.name = n.name
   WHERE e.deleted_at IS NULL`;

export interface PairMismatch {
  key: string;
  stored: string | null;
  expected: string | null;
}

/** Where `event_pairs` differs from EXPECTED_EVENT_PAIRS (empty when in step). For tests and small databases. */
export function eventPairMismatches(sqlite: Database.Database): PairMismatch[] {
  type Row = Record<string, string | number>;
  const key = (r: Row) => `${r.country}>${r.side}#${r.event_id}`;
  const facts = (r: Row) => [r.event_date, r.event_visibility, r.event_date_precision, r.event_type, r.event_title].join('|');
  const stored = new Map((sqlite.prepare(`SELECT ${COLUMNS} FROM event_pairs`).all() as Row[]).map((r) => [key(r), facts(r)]));
  const expected = new Map((sqlite.prepare(EXPECTED_EVENT_PAIRS).all() as Row[]).map((r) => [key(r), facts(r)]));
  const out: PairMismatch[] = [];
  for (const [k, v] of expected) if (stored.get(k) !== v) out.push({ key: k, stored: stored.get(k) ?? null, expected: v });
  for (const [k, v] of stored) if (!expected.has(k)) out.push({ key: k, stored: v, expected: null });
  return out;
}
