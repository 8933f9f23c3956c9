/**
 * "Did you mean …?" on PostgreSQL: the twin of db/derived/suggestions.ts over the same JavaScript
 * suggester, fed by this engine's vocabulary of the search index, `ts_stat` over event_search's
 * tsvectors (every word and how many events hold it, as FTS5's vocabulary table gives them). The
 * vocabulary is read again when the server's WAL position has moved (any write since) and, for a
 * large vocabulary, at most once a minute, as on SQLite.
 */
import { sql } from 'drizzle-orm';
import type { CorrectedQuery } from '@/lib/search/correction';
import type { Suggester } from '@/lib/search/did-you-mean';
import { correctionFrom, stillFresh, suggesterOf, type Built } from '@/db/derived/suggestions';
import type { Visibility } from '@/db/queries/events';
import type { TimelineFilters } from '@/lib/filters';
import type { PgDb } from './connect';
import { pgCountTimeline } from './events';

const built = new WeakMap<object, Built>();

/** Where the server's WAL stands: it moves with every write (on a replica, with every replayed one). */
async function walPosition(db: PgDb): Promise<string> {
  const { rows } = await db.execute<{ lsn: string }>(
    sql`SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text AS lsn`,
  );
  return rows[0]!.lsn;
}

/** Every word of the search index and how many events hold it. */
export async function pgVocabulary(db: PgDb): Promise<{ term: string; doc: number }[]> {
  const { rows } = await db.execute<{ term: string; doc: number }>(sql`SELECT word AS term, ndoc AS doc FROM ts_stat('SELECT document FROM event_search')`);
  return rows.map((r) => ({ term: r.term, doc: Number(r.doc) }));
}

export async function pgIndexSuggester(db: PgDb, now = Date.now()): Promise<Suggester> {
  const current = await walPosition(db);
  const cached = built.get(db);
  if (cached && stillFresh(cached, current, now)) return cached.suggester;
  const suggester = suggesterOf(await pgVocabulary(db));
  built.set(db, { suggester, version: current, at: now });
  return suggester;
}

/** `suggestCorrection`'s twin: the search with each unknown word replaced by the nearest known one, or null. */
export async function pgSuggestCorrection(db: PgDb, q: string): Promise<CorrectedQuery | null> {
  return correctionFrom(await pgIndexSuggester(db), q);
}

/** A corrected search for a view that found nothing, when the correction finds something: `searchSuggestion`'s twin. */
export async function pgSearchSuggestion(db: PgDb, filters: TimelineFilters, visibility: Visibility): Promise<CorrectedQuery | null> {
  if (!filters.q) return null;
  const corrected = await pgSuggestCorrection(db, filters.q);
  if (!corrected) return null;
  return (await pgCountTimeline(db, { ...filters, q: corrected.text }, visibility)) > 0 ? corrected : null;
}
