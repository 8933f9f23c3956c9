/**
 * Who may see an actor (issue 10, item 3). Staff see every actor. Everyone else sees an actor once
 * a published, not deleted event involves it, or when staff made it public on purpose
 * (`entities.made_public`); an actor that only drafts name (created inline in a draft, or by
 * importing a draft row) stays unseen, everywhere: its page answers 404 exactly like an id that
 * does not exist, and no search, suggestion, filter chip, facet, export or feed names it.
 *
 * Every read of actors for a viewer goes through `entityVisibleTo`. It costs one index seek per
 * actor: `event_entities_lookup_idx` starts with (entity_id, event_visibility), and the event's
 * visibility on each row is kept by triggers in the transaction of every write (db/derived/counts.ts),
 * so publishing a draft makes its actors public and deleting the only published event hides them
 * again, whoever writes.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { entities } from '../schema';
import type { Visibility } from './events';

/** True for an actor the public may see: `made_public`, or a published event involves it. */
export function entityIsPublic(id: AnySQLiteColumn | SQL = entities.id, madePublic: AnySQLiteColumn | SQL = entities.madePublic): SQL {
  return sql`(${madePublic} = 1 OR EXISTS (SELECT 1 FROM event_entities pe WHERE pe.entity_id = ${id} AND pe.event_visibility = 'published'))`;
}

/** The condition on `entities` rows for this viewer: none for staff, `entityIsPublic` for the rest. */
export function entityVisibleTo(visibility: Visibility, id?: AnySQLiteColumn | SQL, madePublic?: AnySQLiteColumn | SQL): SQL | undefined {
  return visibility.includeDrafts ? undefined : entityIsPublic(id, madePublic);
}
