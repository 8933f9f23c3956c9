/**
 * Loads the curated seed (db/seed/seed-data.ts). Idempotent: events are matched by their seed key
 * (`external_id = 'seed:<key>'`) and entities by name, so loading twice creates nothing new, and
 * an event that staff have since edited or deleted is left as they left it.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/engine/client';
import { createStandingChangeInTx } from '@/db/mutations/standings';
import { createEntity } from '@/db/mutations/entities';
import { createEventInTx } from '@/db/mutations/events';
import { SEED_ACTOR, type ChangeActor } from '@/db/mutations/revisions';
import { entities, events, standingChanges } from '@/db/schema';
import { SEED_ENTITIES, SEED_EVENTS } from './seed-data';
import { SEED_STANDING_CHANGES } from './standings-data';
import { entityInputSchema } from '@/lib/validation/entity';
import { eventInputSchema } from '@/lib/validation/event';
import { standingChangeInputSchema } from '@/lib/relations/change';

export interface SeedResult {
  eventsCreated: number;
  eventsSkipped: number;
  entitiesCreated: number;
  standingChangesCreated: number;
}

export const seedKey = (key: string) => `seed:${key}`;

export function seedDatabase(db: Db, actor: ChangeActor = SEED_ACTOR): SeedResult {
  const result: SeedResult = { eventsCreated: 0, eventsSkipped: 0, entitiesCreated: 0, standingChangesCreated: 0 };
  // IMMEDIATE: two processes starting at once on an empty file must not both seed.
  db.transaction(
    (tx) => {
      const entityIds = new Map<string, number>();
      for (const { key, ...raw } of SEED_ENTITIES) {
        const input = entityInputSchema.parse(raw);
        const existing = tx.select({ id: entities.id }).from(entities).where(eq(entities.name, input.name)).get();
        if (existing) {
          entityIds.set(key, existing.id);
        } else {
          entityIds.set(key, createEntity(tx, input, actor).id);
          result.entitiesCreated++;
        }
      }

      const eventIds = new Map<string, number>();
      for (const { key, actors, links, ...raw } of SEED_EVENTS) {
        const existing = tx
          .select({ id: events.id })
          .from(events)
          .where(eq(events.externalId, seedKey(key)))
          .get();
        if (existing) {
          eventIds.set(key, existing.id);
          result.eventsSkipped++;
          continue;
        }
        const input = eventInputSchema.parse({
          ...raw,
          actors: actors.map((a) => ({ entityId: entityIds.get(a.entity)!, role: a.role })),
          links: links.map((l) => {
            const toEventId = eventIds.get(l.to);
            if (!toEventId) throw new Error(`Seed event ${key} links to ${l.to}, which is not earlier in the list.`);
            return { toEventId, kind: l.kind };
          }),
        });
        eventIds.set(key, createEventInTx(tx, input, actor, { externalId: seedKey(key) }).id);
        result.eventsCreated++;
      }

      result.standingChangesCreated = seedStandingChanges(tx, actor);
    },
    { behavior: 'immediate' },
  );
  return result;
}

/** True when the database holds no events at all (not even deleted ones): a first start. */
export function isEmpty(db: Db): boolean {
  return !db.get<{ one: number } | undefined>(sql`SELECT 1 AS one FROM events LIMIT 1`);
}

/**
 * The article's standing changes (db/seed/standings-data.ts). A change is matched by its dyad,
 * date, precision and status, deleted ones included, so staff edits and deletions are left alone;
 * one whose evidence event is gone (deleted by staff, or absent) is skipped, not forced in.
 */
function seedStandingChanges(tx: Tx, actor: ChangeActor): number {
  let created = 0;
  for (const { evidence, ...raw } of SEED_STANDING_CHANGES) {
    const ids = evidence.map(
      (key) => tx.select({ id: events.id }).from(events).where(and(eq(events.externalId, seedKey(key)), sql`deleted_at IS NULL`)).get()?.id,
    );
    if (ids.some((id) => id === undefined)) continue;
    const input = standingChangeInputSchema.parse({ ...raw, evidenceEventIds: ids });
    const existing = tx
      .select({ id: standingChanges.id })
      .from(standingChanges)
      .where(
        and(
          eq(standingChanges.subject, input.dyad.subject),
          eq(standingChanges.counterpart, input.dyad.counterpart),
          eq(standingChanges.date, input.date),
          eq(standingChanges.precision, input.precision),
          eq(standingChanges.status, input.status),
        ),
      )
      .get();
    if (existing) continue;
    createStandingChangeInTx(tx, { ...raw, evidenceEventIds: ids }, actor);
    created++;
  }
  return created;
}
