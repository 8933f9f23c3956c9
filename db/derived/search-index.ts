/**
 * Keeps `events_fts` in step with the tables it is built from. Every write path calls
 * `reindexEvents` inside its transaction, so a committed change is searchable at once and a
 * rolled-back one leaves no trace. Deleted events are removed from the index.
 *
 * The index holds the text as `index_text` (lib/search/query.ts `indexText`) gives it: the words
 * as `normalise_text` folds them (lib/text/normalise.ts, decision 0026), each replaced by its
 * spelling key (lib/search/spelling.ts), so "normalisation" and "normalization" are one indexed
 * word, and the search box's words are keyed the same way (decision 0031).
 *
 * Source titles are not indexed: a title is about the source, and one article cited by every event
 * made "normalize" find them all (issue 14). The publisher and the excerpt (the passage the event
 * rests on) are; the source's note is ours and about the source, so it is not.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';

const BODY = sql`
  concat_ws(' ',
    e.details,
    e.legal_authority,
    e.program,
    (SELECT group_concat(en.name || ' ' || coalesce(
        (SELECT group_concat(a.alias, ' ') FROM entity_aliases a WHERE a.entity_id = en.id), ''), ' ')
       FROM event_entities ee JOIN entities en ON en.id = ee.entity_id
      WHERE ee.event_id = e.id),
    (SELECT group_concat(concat_ws(' ', s.publisher, s.excerpt), ' ')
       FROM sources s WHERE s.event_id = e.id),
    (SELECT group_concat(t.label, ' ')
       FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE et.event_id = e.id)
  )`;

export function reindexEvents(tx: DbOrTx, ids: Iterable<number>): void {
  for (const id of new Set(ids)) {
    tx.run(sql`DELETE FROM events_fts WHERE rowid = ${id}`);
    tx.run(sql`
      INSERT INTO events_fts (rowid, title, summary, body)
      SELECT e.id, index_text(e.title), index_text(e.summary), index_text(${BODY})
        FROM events e
       WHERE e.id = ${id} AND e.deleted_at IS NULL`);
  }
}

/** Rebuilds the whole index: after bulk loads that bypass the mutations (synthetic data). */
export function rebuildSearchIndex(tx: DbOrTx): void {
  tx.run(sql`DELETE FROM events_fts`);
  tx.run(sql`
    INSERT INTO events_fts (rowid, title, summary, body)
    SELECT e.id, index_text(e.title), index_text(e.summary), index_text(${BODY})
      FROM events e
     WHERE e.deleted_at IS NULL`);
}

/** Indexes new events with ids in [first, last] in one statement (they have no entries yet). */
export function indexNewEvents(tx: DbOrTx, first: number, last: number): void {
  tx.run(sql`
    INSERT INTO events_fts (rowid, title, summary, body)
    SELECT e.id, index_text(e.title), index_text(e.summary), index_text(${BODY})
      FROM events e
     WHERE e.id BETWEEN ${first} AND ${last} AND e.deleted_at IS NULL`);
}

export interface IndexedText {
  eventId: number;
  title: string;
  summary: string;
  body: string;
}

/**
 * The text the index holds for live events with ids above `afterId`, in id order: what another
 * engine's search table is filled with (db/copy), keyed by the same `index_text` as here.
 */
export function indexedTextAfter(tx: DbOrTx, afterId: number, limit: number): IndexedText[] {
  return tx.all<IndexedText>(sql`
    SELECT e.id AS eventId, index_text(e.title) AS title, index_text(e.summary) AS summary, index_text(${BODY}) AS body
      FROM events e
     WHERE e.id > ${afterId} AND e.deleted_at IS NULL
     ORDER BY e.id
     LIMIT ${limit}`);
}
