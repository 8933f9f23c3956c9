/**
 * Full-text search against `events_fts` (see db/migrations/0001 and db/derived/search-index.ts), made
 * forgiving (issue 14, decision 0031): the search box's text goes through `analyseQuery`
 * (lib/search/query.ts), which keys each word by spelling as the index does (normalise/normalize),
 * and turns country names (Turkey, Türkiye, Syrian Arab Republic, تركيا) into groups that match an
 * event involving the country (event_countries) or any of the country's names in its text. The MATCH
 * strings are always built by lib/search-syntax.ts from sanitised terms, never from user text.
 */
import { sql, type SQL } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LRUCache } from 'lru-cache';
import type { TimelineFilters } from '@/lib/filters';
import { analyseQuery, countryCodesOfGroups, textSearchGroups, type QueryGroups } from '@/lib/search/query';
import { toFtsQuery } from '@/lib/search-syntax';
import type { DbOrTx } from '@/db/engine/client';

/**
 * The FTS5 table as Drizzle sees it, for joins and subqueries. Declared here and not in
 * db/schema.ts: drizzle-kit cannot create virtual tables (the custom migration does).
 */
export const eventsFts = sqliteTable('events_fts', {
  rowid: integer('rowid').notNull(),
  title: text('title'),
  summary: text('summary'),
  body: text('body'),
});

/** Column weights for bm25: a word in the title counts most, one in the body least. */
const BM25_WEIGHTS = sql.raw('10.0, 4.0, 1.0');

const analysed = new LRUCache<string, { groups: QueryGroups }>({ max: 200 });

/** The filters' search as groups to match (every group must), or null when there is none. */
export function searchQueryGroups(filters: Pick<TimelineFilters, 'q'>): QueryGroups | null {
  if (!filters.q) return null;
  let hit = analysed.get(filters.q);
  if (!hit) {
    hit = { groups: analyseQuery(filters.q).groups };
    analysed.set(filters.q, hit);
  }
  return hit.groups.length > 0 ? hit.groups : null;
}

const hasCountry = (codes: readonly string[]) => codes.length > 0;

/**
 * `SELECT id ...` of the live events that match: one FTS5 MATCH when no group names a country
 * (the common case, exactly as fast as before), otherwise the intersection of the groups, a country
 * group being its words in the index or the country among the event's countries (in any role).
 * Deleted events are in neither (the index drops them; their country rows say 'deleted').
 */
export function matchingIdsSql(groups: QueryGroups): SQL {
  const codes = countryCodesOfGroups(groups);
  const text = textSearchGroups(groups);
  if (!codes.some(hasCountry)) return sql`SELECT rowid AS id FROM events_fts WHERE events_fts MATCH ${toFtsQuery(text)}`;
  const parts: SQL[] = [];
  const plain = text.filter((_, i) => !hasCountry(codes[i]!));
  if (plain.length > 0) parts.push(sql`SELECT rowid AS id FROM events_fts WHERE events_fts MATCH ${toFtsQuery(plain)}`);
  groups.forEach((_, i) => {
    if (!hasCountry(codes[i]!)) return;
    const inCountries = sql`SELECT event_id AS id FROM event_countries WHERE country_code IN (${sql.join(
      codes[i]!.map((c) => sql`${c}`),
      sql`, `,
    )}) AND event_visibility <> 'deleted'`;
    parts.push(
      text[i]!.length > 0
        ? sql`SELECT rowid AS id FROM events_fts WHERE events_fts MATCH ${toFtsQuery([text[i]!])} UNION ${inCountries}`
        : inCountries,
    );
  });
  return sql.join(
    parts.map((p) => sql`SELECT id FROM (${p})`),
    sql` INTERSECT `,
  );
}

/**
 * Matching rowids with their bm25 score (lower is better), as a subquery to join for relevance
 * order. With a country in the search, events found only through their countries score 0 (after
 * every word match); the words of all groups score the rest.
 */
export function rankedMatches(db: DbOrTx, groups: QueryGroups) {
  const codes = countryCodesOfGroups(groups);
  const text = textSearchGroups(groups);
  if (!codes.some(hasCountry)) {
    return db
      .select({
        id: sql<number>`${eventsFts.rowid}`.as('match_id'),
        score: sql<number>`bm25(events_fts, ${BM25_WEIGHTS})`.as('match_score'),
      })
      .from(eventsFts)
      .where(sql`events_fts MATCH ${toFtsQuery(text)}`)
      .as('ranked');
  }
  // Scores from one MATCH of every word, and 0 for events found through their countries, kept to
  // the matching set (built once, as an ephemeral index), best score per event.
  const anyWord = toFtsQuery([text.flat()]);
  const allCodes = [...new Set(codes.flat())];
  return db
    .select({
      id: sql<number>`s.id`.as('match_id'),
      score: sql<number>`min(s.score)`.as('match_score'),
    })
    .from(
      sql`(SELECT rowid AS id, bm25(events_fts, ${BM25_WEIGHTS}) AS score FROM events_fts WHERE events_fts MATCH ${anyWord}
           UNION ALL
           SELECT event_id AS id, 0 AS score FROM event_countries WHERE country_code IN (${sql.join(
             allCodes.map((c) => sql`${c}`),
             sql`, `,
           )}) AND event_visibility <> 'deleted') AS s`,
    )
    // `+`: tested against the set, never pushed into the MATCH as a rowid to look up one by one.
    .where(sql`+s.id IN (${matchingIdsSql(groups)})`)
    .groupBy(sql`s.id`)
    .as('ranked');
}
