/**
 * The history write path. A revision holds the full record after the change, so any version can
 * be shown, compared or restored without replaying earlier ones. Callers run these inside the
 * transaction that makes the change: the history and the data commit together or not at all.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { entityAliasList } from '@/db/queries/entities';
import { standingChangeSnapshotOf } from '@/db/queries/relations';
import {
  entities,
  eventCountries,
  eventEntities,
  eventLinks,
  events,
  eventTags,
  revisions,
  sources,
  tags,
} from '@/db/schema';
import type { RevisionAction, RevisionRecordType } from '@/lib/vocabulary';

/** Who made a change: a signed-in user, or a script named by its label. */
export interface ChangeActor {
  userId: string | null;
  label: string;
}

export const SEED_ACTOR: ChangeActor = { userId: null, label: 'seed script' };

export function nowIso(): string {
  return new Date().toISOString();
}

export function eventSnapshot(tx: DbOrTx, id: number) {
  const event = tx.select().from(events).where(eq(events.id, id)).get();
  if (!event) throw new Error(`eventSnapshot: no event ${id}`);
  const countries = tx
    .select({ code: eventCountries.countryCode, role: eventCountries.role })
    .from(eventCountries)
    .where(eq(eventCountries.eventId, id))
    .orderBy(asc(eventCountries.countryCode), asc(eventCountries.role))
    .all();
  const actors = tx
    .select({ entityId: eventEntities.entityId, name: entities.name, role: eventEntities.role })
    .from(eventEntities)
    .innerJoin(entities, eq(entities.id, eventEntities.entityId))
    .where(eq(eventEntities.eventId, id))
    .orderBy(asc(entities.name), asc(eventEntities.role))
    .all();
  const tagLabels = tx
    .select({ label: tags.label })
    .from(eventTags)
    .innerJoin(tags, eq(tags.id, eventTags.tagId))
    .where(eq(eventTags.eventId, id))
    .orderBy(asc(tags.label))
    .all()
    .map((t) => t.label);
  const sourceRows = tx
    .select({
      url: sources.url,
      title: sources.title,
      publisher: sources.publisher,
      publishedDate: sources.publishedDate,
      excerpt: sources.excerpt,
      note: sources.note,
    })
    .from(sources)
    .where(eq(sources.eventId, id))
    .orderBy(asc(sources.position), asc(sources.id))
    .all();
  const links = tx
    .select({ toEventId: eventLinks.toEventId, kind: eventLinks.kind })
    .from(eventLinks)
    .where(eq(eventLinks.fromEventId, id))
    .orderBy(asc(eventLinks.toEventId), asc(eventLinks.kind))
    .all();
  return { ...event, countries, actors, tags: tagLabels, sources: sourceRows, links };
}

export type EventSnapshot = ReturnType<typeof eventSnapshot>;

/**
 * Text order as SQLite's ORDER BY gives it (BINARY collation: UTF-8 bytes, which is code point
 * order; JavaScript's `<` compares UTF-16 units and differs above U+FFFF). For snapshots built
 * without reading the rows back (bulk imports), so that they equal `eventSnapshot`'s.
 */
export function compareAsSqlite(a: string, b: string): number {
  // Without surrogate pairs, UTF-16 units are code points already (the common case, and cheap).
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const SURROGATE = /[\uD800-\uDFFF]/;

export function entitySnapshot(tx: DbOrTx, id: number) {
  const entity = tx.select().from(entities).where(eq(entities.id, id)).get();
  if (!entity) throw new Error(`entitySnapshot: no entity ${id}`);
  return { ...entity, aliases: entityAliasList(tx, id) };
}

export type EntitySnapshot = ReturnType<typeof entitySnapshot>;

interface RevisionParams {
  action: RevisionAction;
  actor: ChangeActor;
  note?: string | null;
}

export function standingChangeSnapshot(tx: DbOrTx, id: number) {
  const snapshot = standingChangeSnapshotOf(tx, id);
  if (!snapshot) throw new Error(`standingChangeSnapshot: no standing change ${id}`);
  return snapshot;
}

const SNAPSHOTS = { event: eventSnapshot, entity: entitySnapshot, standing_change: standingChangeSnapshot };
type Snapshot<T extends RevisionRecordType> = ReturnType<(typeof SNAPSHOTS)[T]>;

/** Writes the revision of a change that `tx` just made: the record as it is now, and who did it. */
export function recordRevision<T extends RevisionRecordType>(tx: DbOrTx, recordType: T, id: number, params: RevisionParams): Snapshot<T> {
  const snapshot = SNAPSHOTS[recordType](tx, id) as Snapshot<T>;
  tx.insert(revisions)
    .values({
      recordType,
      recordId: id,
      action: params.action,
      version: snapshot.version,
      userId: params.actor.userId,
      actor: params.actor.label,
      createdAt: nowIso(),
      snapshot,
      note: params.note ?? null,
    })
    .run();
  return snapshot;
}

/** One revision with its snapshot, for showing a version or restoring it. */
export function getRevision(tx: DbOrTx, recordType: RevisionRecordType, revisionId: number) {
  return tx
    .select()
    .from(revisions)
    .where(and(eq(revisions.id, revisionId), eq(revisions.recordType, recordType)))
    .get();
}
