/** Test helpers: a fresh, migrated in-memory database per test, and small builders. */
import { openDatabase, type Connection } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { createEntity, type EntityWriteOptions } from '@/db/mutations/entities';
import { createEvent } from '@/db/mutations/events';
import type { ChangeActor } from '@/db/mutations/revisions';
import { entityInputSchema, type EntityInputRaw } from '@/lib/validation/entity';
import { eventInputSchema, type EventInputRaw } from '@/lib/validation/event';

export const TEST_ACTOR: ChangeActor = { userId: 'user-test', label: 'test@example.org' };

export function createTestDb(): Connection {
  const connection = openDatabase(':memory:');
  migrateDatabase(connection.db);
  return connection;
}

export function makeEvent(db: Connection['db'], raw: Partial<EventInputRaw> = {}, actor = TEST_ACTOR) {
  const input = eventInputSchema.parse({
    type: 'statement',
    title: 'A test event',
    summary: 'Something happened.',
    date: '2023-03-28',
    status: 'published',
    ...raw,
  });
  return createEvent(db, input, actor);
}

export function makeEntity(db: Connection['db'], raw: Partial<EntityInputRaw> = {}, actor = TEST_ACTOR, options: EntityWriteOptions = {}) {
  return createEntity(db, entityInputSchema.parse({ kind: 'person', name: 'Test Person', ...raw }), actor, options);
}
