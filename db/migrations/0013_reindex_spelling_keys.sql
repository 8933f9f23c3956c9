-- Hand-written (issue 14; docs/decisions/0031-dyads-and-inferred-dates.md): the search index now
-- holds each word as its spelling key (index_text, lib/search/query.ts, registered on every
-- connection by db/engine/sql-functions.ts), so "normalisation" and "normalization" are one word,
-- and no longer holds source titles (one title cited by every event made every event match).
-- Rebuild every row with the same columns as db/derived/search-index.ts at this migration.
-- Needs the app's connection: the sqlite3 shell has no index_text.
DELETE FROM `events_fts`;
--> statement-breakpoint
INSERT INTO `events_fts` (rowid, title, summary, body)
SELECT e.id, index_text(e.title), index_text(e.summary), index_text(concat_ws(' ',
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
  ))
  FROM `events` e
 WHERE e.deleted_at IS NULL;
--> statement-breakpoint
-- The index's own vocabulary (term, documents holding it), for "Did you mean …?"
-- (db/derived/suggestions.ts).
CREATE VIRTUAL TABLE `events_fts_vocab` USING fts5vocab(`events_fts`, 'row');
