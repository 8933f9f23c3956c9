/** Reads of entities (actors): persons, organisations, governments and other bodies. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { entities, entityAliases } from '../schema';
import { entityIsPublic, entityVisibleTo } from './entity-visibility';
import type { Visibility } from './events';

export type EntityDetail = typeof entities.$inferSelect & { aliases: string[]; isPublic: boolean };

/** Any actor, whoever may see it: for staff pages and writes (which check the role first). */
export function getEntity(db: DbOrTx, id: number): EntityDetail | null {
  return readEntity(db, id, undefined);
}

/**
 * The actor as this viewer may see it, or null: an actor the public may not see (db/queries/
 * entity-visibility.ts) is as missing as an id that never existed. A merged actor is seen when the
 * actor it was merged into is (its page leads there).
 */
export function getEntityFor(db: DbOrTx, id: number, visibility: Visibility): EntityDetail | null {
  const condition = entityVisibleTo(visibility, sql`coalesce(${entities.mergedIntoId}, ${entities.id})`, sql`(SELECT s.made_public FROM entities s WHERE s.id = coalesce(${entities.mergedIntoId}, ${entities.id}))`);
  return readEntity(db, id, condition);
}

function readEntity(db: DbOrTx, id: number, condition: ReturnType<typeof entityVisibleTo>): EntityDetail | null {
  const entity = db
    .select({ entity: entities, isPublic: sql<number>`${entityIsPublic()}` })
    .from(entities)
    .where(and(eq(entities.id, id), condition))
    .get();
  if (!entity) return null;
  return { ...entity.entity, aliases: entityAliasList(db, id), isPublic: entity.isPublic === 1 };
}

/** An actor's aliases, in SQLite's text order (as snapshots store them). */
export function entityAliasList(db: DbOrTx, id: number): string[] {
  return db
    .select({ alias: entityAliases.alias })
    .from(entityAliases)
    .where(eq(entityAliases.entityId, id))
    .orderBy(asc(entityAliases.alias))
    .all()
    .map((a) => a.alias);
}
