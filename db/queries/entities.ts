/** Reads of entities (actors): persons, organisations, governments and other bodies. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { entities, entityAliases, eventEntities, events } from '../schema';

export type EntityDetail = typeof entities.$inferSelect & { aliases: string[] };

export function getEntity(db: DbOrTx, id: number): EntityDetail | null {
  const entity = db.select().from(entities).where(eq(entities.id, id)).get();
  if (!entity) return null;
  const aliases = db
    .select({ alias: entityAliases.alias })
    .from(entityAliases)
    .where(eq(entityAliases.entityId, id))
    .orderBy(asc(entityAliases.alias))
    .all()
    .map((a) => a.alias);
  return { ...entity, aliases };
}

/** Condition for event queries: the event involves this entity in any role. */
export function involvesEntity(entityId: number) {
  return sql`EXISTS (SELECT 1 FROM ${eventEntities} WHERE ${eventEntities.eventId} = ${events.id} AND ${eventEntities.entityId} = ${entityId})`;
}

/** The roles an entity has played, with how many visible events each, for its page. */
export function entityRoleCounts(db: DbOrTx, entityId: number) {
  return db
    .select({ role: eventEntities.role, n: sql<number>`count(*)` })
    .from(eventEntities)
    .innerJoin(events, eq(events.id, eventEntities.eventId))
    .where(and(eq(eventEntities.entityId, entityId), eq(events.status, 'published'), sql`${events.deletedAt} IS NULL`))
    .groupBy(eventEntities.role)
    .all();
}
