-- Hand-written (issue 10, item 10; docs/decisions/0026-text-normalisation.md): the search index's
-- content is now written through normalise_text (lib/text/normalise.ts, registered on every
-- connection by db/sql-functions.ts), the function the search box's words go through too. Rebuild
-- every row from normalised text, with the same columns as db/search-index.ts at this migration.
-- Needs the app's connection (db/client.ts): the sqlite3 shell has no normalise_text.
DELETE FROM `events_fts`;
--> statement-breakpoint
INSERT INTO `events_fts` (rowid, title, summary, body)
SELECT e.id, normalise_text(e.title), normalise_text(e.summary), normalise_text(concat_ws(' ',
    e.details,
    e.legal_authority,
    e.program,
    (SELECT group_concat(en.name || ' ' || coalesce(
        (SELECT group_concat(a.alias, ' ') FROM entity_aliases a WHERE a.entity_id = en.id), ''), ' ')
       FROM event_entities ee JOIN entities en ON en.id = ee.entity_id
      WHERE ee.event_id = e.id),
    (SELECT group_concat(concat_ws(' ', s.title, s.publisher, s.excerpt), ' ')
       FROM sources s WHERE s.event_id = e.id),
    (SELECT group_concat(t.label, ' ')
       FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE et.event_id = e.id)
  ))
  FROM `events` e
 WHERE e.deleted_at IS NULL;
