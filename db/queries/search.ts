/**
 * Full-text search against `events_fts` (see db/migrations/0001 and db/derived/search-index.ts). The MATCH
 * string is always built by lib/search-syntax.ts from sanitised terms, never from user text.
 */
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { toFtsQuery, type SearchGroups } from '@/lib/search-syntax';
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

/** Matching rowids with their bm25 score (lower is better), as a subquery to join for relevance order. */
export function rankedMatches(db: DbOrTx, groups: SearchGroups) {
  return db
    .select({
      id: sql<number>`${eventsFts.rowid}`.as('match_id'),
      score: sql<number>`bm25(events_fts, ${BM25_WEIGHTS})`.as('match_score'),
    })
    .from(eventsFts)
    .where(sql`events_fts MATCH ${toFtsQuery(groups)}`)
    .as('ranked');
}
