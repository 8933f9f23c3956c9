/**
 * Loads the curated seed (db/seed/seed-data.ts). Idempotent: events are matched by their seed key
 * (`external_id = 'seed:<key>'`) and entities by name, so loading twice creates nothing new, and
 * an event that staff have since edited or deleted is left as they left it.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/engine/client';
import { createEntity } from '@/db/mutations/entities';
import { createEventInTx } from '@/db/mutations/events';
import { SEED_ACTOR, type ChangeActor } from '@/db/mutations/revisions';
import { entities, events } from '@/db/schema';
import { SEED_ENTITIES, SEED_EVENTS } from './seed-data';
import { entityInputSchema } from '@/lib/validation/entity';
import { eventInputSchema } from '@/lib/validation/event';

export interface SeedResult {
  eventsCreated: number;
  eventsSkipped: number;
  entitiesCreated: number;
}

export const seedKey = (key: string) => `seed:${key}`;

export function seedDatabase(db: Db, actor: ChangeActor = SEED_ACTOR): SeedResult {
  const result: SeedResult = { eventsCreated: 0, eventsSkipped: 0, entitiesCreated: 0 };
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
    },
    { behavior: 'immediate' },
  );
  return result;
}

/** True when the database holds no events at all (not even deleted ones): a first start. */
export function isEmpty(db: Db): boolean {
  return !db.get<{ one: number } | undefined>(sql`SELECT 1 AS one FROM events LIMIT 1`);
}
