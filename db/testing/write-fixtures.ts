/**
 * The records every write needs something to act on: an event with two versions, a deleted event,
 * actors (two to merge, a merged pair to unmerge) and two other accounts.
 */
import { sql } from 'drizzle-orm';
import type { Connection } from '@/db/engine/client';
import { mergeEntities } from '@/db/mutations/entities';
import { deleteEvent, updateEvent } from '@/db/mutations/events';
import { createUser } from '@/db/mutations/users';
import { listRevisions } from '@/db/queries/events';
import { makeEntity, makeEvent, TEST_ACTOR } from '@/db/testing/test-db';
import { eventInputSchema } from '@/lib/validation/event';

export interface WriteFixtures {
  /** Published, at version 2; `firstRevisionId` is its version 1. */
  eventId: number;
  firstRevisionId: number;
  /** Soft-deleted, at version 2. */
  deletedId: number;
  survivorId: number;
  mergedId: number;
  /** entityC merged into entityD, to undo. */
  mergeId: number;
  otherUserId: string;
}

export const EVENT_FIELDS = {
  type: 'designation',
  title: 'Caesar Act sanctions on two Syrians',
  summary: 'Two men designated.',
  date: '2023-03-28',
  status: 'published',
  'sources.0.title': 'Press release',
  'sources.0.url': 'https://home.treasury.gov/news',
} as const;

export async function createWriteFixtures(conn: Connection): Promise<WriteFixtures> {
  const db = conn.db;
  const eventId = makeEvent(db, { title: 'An existing event' }).id;
  updateEvent(db, eventId, eventInputSchema.parse({ ...EVENT_FIELDS, title: 'Second version' }), 1, TEST_ACTOR);
  const firstRevisionId = listRevisions(db, 'event', eventId).at(-1)!.id;
  const deletedId = makeEvent(db, { title: 'A deleted event' }).id;
  deleteEvent(db, deletedId, 1, TEST_ACTOR);
  // Duplicates of the seed's people, on purpose: these are the records to merge.
  const namesake = { allowNamesake: true };
  const survivorId = makeEntity(db, { name: 'Khalid Qaddour' }, TEST_ACTOR, namesake).id;
  const mergedId = makeEntity(db, { name: 'Khaled Qaddour' }, TEST_ACTOR, namesake).id;
  const c = makeEntity(db, { name: 'Samer Kamal al-Assad' }, TEST_ACTOR, namesake).id;
  const d = makeEntity(db, { name: 'Samer al-Assad' }, TEST_ACTOR, namesake).id;
  const { mergeId } = mergeEntities(db, { survivorId: d, survivorVersion: 1, mergedId: c, mergedVersion: 1 }, TEST_ACTOR);
  const cheap = { hash: async (p: string) => `test$${p}` };
  const other = await createUser(db, { email: 'other@example.org', name: '', role: 'viewer', password: 'a long password 1' }, cheap);
  await createUser(db, { email: 'admin2@example.org', name: '', role: 'admin', password: 'a long password 2' }, cheap);
  // The signed-in test users exist too, so an admin acting on themselves is a real case.
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    db.run(sql`INSERT INTO user (id, name, email, email_verified, role, created_at, updated_at) VALUES (${`user-${role}`}, ${role}, ${`${role}@example.org`}, 1, ${role}, 0, 0)`);
  }
  return { eventId, firstRevisionId, deletedId, survivorId, mergedId, mergeId, otherUserId: other.id };
}
