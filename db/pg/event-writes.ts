/**
 * Writes to events on PostgreSQL: the twins of db/mutations/events.ts (create, update, delete,
 * restore a deleted event, restore an earlier version), each in one transaction that also writes
 * the children, the search row (`pgReindexEvents`), the revision and the webhook outbox, so the
 * data, what search finds, the history and the alerts commit together or not at all. The derived
 * counts are kept by the PL/pgSQL triggers (decision 0043). The rules that do not touch the
 * database (which columns, which references are missing, why a claim failed, what a snapshot
 * restores to, an outbox row) are SQLite's own functions, called with what is read here.
 *
 * Concurrency: SQLite serialises writers (IMMEDIATE); PostgreSQL lets them run side by side. A
 * change to an existing event therefore locks the event's row first (`FOR UPDATE`), so the
 * "before" snapshot and the version claim see one state, and two saves from one version queue on
 * the lock: the second finds the version moved on and gets the same VersionConflictError as on
 * SQLite. A writer that PostgreSQL aborts to break a deadlock (two saves touching the same count
 * rows in another order) is run again, a bounded number of times.
 */
import { and, asc, eq, inArray, isNotNull, isNull, sql, type Column, type SQL } from 'drizzle-orm';
import {
  claimRefusal,
  eventColumns,
  inputFromSnapshot,
  NothingChanged,
  refuseMissingReferences,
  sameContent,
  withActorsResolved,
  type CreateEventOptions,
  type UpdateEventOptions,
  type UpdateResult,
} from '@/db/mutations/events';
import { MutationError } from '@/db/mutations/errors';
import { nowIso, type ChangeActor, type EventSnapshot } from '@/db/mutations/revisions';
import { pendingDelivery } from '@/db/mutations/webhooks';
import { savedViewFilters } from '@/lib/alerts/saved-view-filters';
import type { AlertTrigger } from '@/lib/alerts/payload';
import { slugify } from '@/lib/slug';
import type { RevisionAction } from '@/lib/vocabulary';
import type { EventInput } from '@/lib/validation/event';
import type { PgDb } from './connect';
import { pgTimelineWhere } from './filters';
import type { PgTx } from './replicas';
import {
  entities,
  eventCountries,
  eventEntities,
  eventLinks,
  events,
  eventTags,
  revisions,
  savedViews,
  sources,
  tags,
  webhookDeliveries,
  webhookDestinations,
  webhookSubscriptions,
} from './schema';
import { pgReindexEvents } from './search';

const byteOrder = (column: SQL | Column) => sql`${column} COLLATE "C"`;

/** The event as a revision holds it, ordered as `eventSnapshot` orders it on SQLite (bytes). */
export async function pgEventSnapshot(tx: PgTx | PgDb, id: number): Promise<EventSnapshot> {
  const [event] = await tx.select().from(events).where(eq(events.id, id));
  if (!event) throw new Error(`pgEventSnapshot: no event ${id}`);
  // One query after another: inside a transaction they share one connection, which runs one at a time.
  const countries = await tx
    .select({ code: eventCountries.countryCode, role: eventCountries.role })
    .from(eventCountries)
    .where(eq(eventCountries.eventId, id))
    .orderBy(byteOrder(eventCountries.countryCode), byteOrder(eventCountries.role));
  const actors = await tx
    .select({ entityId: eventEntities.entityId, name: entities.name, role: eventEntities.role })
    .from(eventEntities)
    .innerJoin(entities, eq(entities.id, eventEntities.entityId))
    .where(eq(eventEntities.eventId, id))
    .orderBy(byteOrder(entities.name), byteOrder(eventEntities.role));
  const tagRows = await tx
    .select({ label: tags.label })
    .from(eventTags)
    .innerJoin(tags, eq(tags.id, eventTags.tagId))
    .where(eq(eventTags.eventId, id))
    .orderBy(byteOrder(tags.label));
  const sourceRows = await tx
    .select({ url: sources.url, title: sources.title, publisher: sources.publisher, publishedDate: sources.publishedDate, excerpt: sources.excerpt, note: sources.note })
    .from(sources)
    .where(eq(sources.eventId, id))
    .orderBy(asc(sources.position), asc(sources.id));
  const links = await tx
    .select({ toEventId: eventLinks.toEventId, kind: eventLinks.kind })
    .from(eventLinks)
    .where(eq(eventLinks.fromEventId, id))
    .orderBy(asc(eventLinks.toEventId), byteOrder(eventLinks.kind));
  return { ...event, countries, actors, tags: tagRows.map((t) => t.label), sources: sourceRows, links } as EventSnapshot;
}

/** Records the event's current state as a revision: `recordRevision`'s twin for events. */
export async function pgRecordEventRevision(tx: PgTx, id: number, action: RevisionAction, actor: ChangeActor, note: string | null | undefined) {
  const snapshot = await pgEventSnapshot(tx, id);
  await tx.insert(revisions).values({ recordType: 'event', recordId: id, action, version: snapshot.version, userId: actor.userId, actor: actor.label, createdAt: nowIso(), snapshot, note: note ?? null });
  return snapshot;
}

/** An actor merged into another resolves to the one that survived: `resolveEntityId`'s twin. */
export async function pgResolveEntityId(tx: PgTx | PgDb, id: number): Promise<number> {
  let current = id;
  for (let hops = 0; hops < 20; hops++) {
    const [row] = await tx.select({ mergedIntoId: entities.mergedIntoId }).from(entities).where(eq(entities.id, current));
    if (!row?.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  return current;
}

export async function pgSurvivors(tx: PgTx | PgDb, ids: readonly number[]): Promise<Map<number, number>> {
  const resolved = new Map<number, number>();
  for (const id of new Set(ids)) resolved.set(id, await pgResolveEntityId(tx, id));
  return resolved;
}

/**
 * Holds the named actors (FOR SHARE) for the rest of the transaction: a merge of one of them
 * (which locks them FOR UPDATE) waits for this write, or this write for the merge, so an event is
 * never left naming an actor merged away while it was being saved.
 */
export async function pgHoldActors(tx: PgTx, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.select({ id: entities.id }).from(entities).where(inArray(entities.id, [...new Set(ids)])).orderBy(asc(entities.id)).for('share');
}

async function resolveMergedActors(tx: PgTx, input: EventInput): Promise<EventInput> {
  await pgHoldActors(tx, input.actors.map((a) => a.entityId));
  const resolved = await pgSurvivors(tx, input.actors.map((a) => a.entityId));
  return withActorsResolved(input, (id) => resolved.get(id)!);
}

async function checkReferences(tx: PgTx, input: EventInput, selfId: number | null): Promise<void> {
  const entityIds = [...new Set(input.actors.map((a) => a.entityId))];
  const linkIds = [...new Set(input.links.map((l) => l.toEventId))];
  const foundEntities = entityIds.length === 0 ? [] : await tx.select({ id: entities.id }).from(entities).where(inArray(entities.id, entityIds));
  const foundEvents = linkIds.length === 0 ? [] : await tx.select({ id: events.id }).from(events).where(inArray(events.id, linkIds));
  refuseMissingReferences(input, selfId, foundEntities, foundEvents);
}

/**
 * Finds or creates tags by slug, ids in input order: `ensureTags`' twin. It looks first and inserts
 * only what is missing, since an INSERT that meets a conflict still takes a number from the
 * identity sequence; a tag another writer creates in between is met by ON CONFLICT and read back.
 */
async function ensureTags(tx: PgTx, labels: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  const idOf = async (slug: string) => (await tx.select({ id: tags.id }).from(tags).where(eq(tags.slug, slug)))[0]?.id;
  for (const label of labels) {
    const slug = slugify(label);
    let id = await idOf(slug);
    if (id === undefined) {
      await tx.insert(tags).values({ slug, label }).onConflictDoNothing({ target: tags.slug });
      id = await idOf(slug);
    }
    ids.push(id!);
  }
  return ids;
}

/** Replaces the event's countries, actors, tags, sources and outgoing links: `writeEventChildren`'s twin. */
async function writeEventChildren(tx: PgTx, id: number, input: EventInput): Promise<void> {
  await tx.delete(eventCountries).where(eq(eventCountries.eventId, id));
  await tx.delete(eventEntities).where(eq(eventEntities.eventId, id));
  await tx.delete(eventTags).where(eq(eventTags.eventId, id));
  await tx.delete(sources).where(eq(sources.eventId, id));
  await tx.delete(eventLinks).where(eq(eventLinks.fromEventId, id));
  if (input.countries.length > 0) await tx.insert(eventCountries).values(input.countries.map((c) => ({ eventId: id, countryCode: c.code, role: c.role })));
  if (input.actors.length > 0) await tx.insert(eventEntities).values(input.actors.map((a) => ({ eventId: id, entityId: a.entityId, role: a.role })));
  const tagIds = [...new Set(await ensureTags(tx, input.tags))];
  if (tagIds.length > 0) await tx.insert(eventTags).values(tagIds.map((tagId) => ({ eventId: id, tagId })));
  if (input.sources.length > 0) await tx.insert(sources).values(input.sources.map((s, position) => ({ eventId: id, ...s, position })));
  if (input.links.length > 0) await tx.insert(eventLinks).values(input.links.map((l) => ({ fromEventId: id, toEventId: l.toEventId, kind: l.kind })));
}

/** The outbox rows for a published event whose subscribed saved views show it: `enqueueAlerts`' twin. */
export async function pgEnqueueAlerts(tx: PgTx, eventId: number, trigger: AlertTrigger): Promise<number> {
  const [event] = await tx
    .select({ id: events.id, title: events.title, date: events.date, datePrecision: events.datePrecision, type: events.type, status: events.status, deletedAt: events.deletedAt })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event || event.status !== 'published' || event.deletedAt) return 0;
  const subscriptions = await tx
    .select({ id: webhookSubscriptions.id, viewId: savedViews.id, name: savedViews.name, query: savedViews.query })
    .from(webhookSubscriptions)
    .innerJoin(savedViews, eq(savedViews.id, webhookSubscriptions.savedViewId))
    .innerJoin(webhookDestinations, eq(webhookDestinations.id, webhookSubscriptions.destinationId))
    .where(eq(webhookDestinations.enabled, true))
    .orderBy(asc(webhookSubscriptions.id));
  const matches = new Map<number, boolean>();
  const ts = nowIso();
  let queued = 0;
  for (const sub of subscriptions) {
    let match = matches.get(sub.viewId);
    if (match === undefined) {
      const where = and(eq(events.id, eventId), pgTimelineWhere(savedViewFilters(sub.query), { includeDrafts: false }));
      match = (await tx.select({ id: events.id }).from(events).where(where)).length > 0;
      matches.set(sub.viewId, match);
    }
    if (!match) continue;
    await tx.insert(webhookDeliveries).values(pendingDelivery(trigger, event, sub, ts));
    queued++;
  }
  return queued;
}

/** The version claim: one UPDATE that matches only the version the caller started from (see claimVersion on SQLite). */
async function claimVersion(tx: PgTx, id: number, expectedVersion: number, expectDeleted: boolean, set: Partial<typeof events.$inferInsert>): Promise<number> {
  const state = expectDeleted ? isNotNull(events.deletedAt) : isNull(events.deletedAt);
  const claimed = await tx
    .update(events)
    .set({ ...set, version: sql`${events.version} + 1` })
    .where(and(eq(events.id, id), eq(events.version, expectedVersion), state))
    .returning({ id: events.id });
  if (claimed.length === 1) return expectedVersion + 1;
  const [current] = await tx.select({ version: events.version, deletedAt: events.deletedAt }).from(events).where(eq(events.id, id));
  throw claimRefusal(current, expectedVersion);
}

/** Locks the event's row for the rest of the transaction; false when there is no such event. */
async function lockEvent(tx: PgTx, id: number): Promise<boolean> {
  return (await tx.select({ id: events.id }).from(events).where(eq(events.id, id)).for('update')).length > 0;
}

/** PostgreSQL's codes for a transaction it aborted so that another could go on: safe to run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

function retryable(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if (RETRYABLE.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

/** Runs `fn` in a transaction, again (from the start) when PostgreSQL aborted it to break a deadlock. */
export async function pgWriteTransaction<T>(db: PgDb, fn: (tx: PgTx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (attempt >= ATTEMPTS || !retryable(err)) throw err;
    }
  }
}

/** `createEventInTx`'s twin; `alerts: false` for the CSV import, which (as `createEventsInBulk` on SQLite) queues no webhook alerts. */
export async function pgCreateEventInTx(
  tx: PgTx,
  rawInput: EventInput,
  actor: ChangeActor,
  options: CreateEventOptions = {},
  { alerts = true }: { alerts?: boolean } = {},
): Promise<{ id: number; version: number }> {
  const input = await resolveMergedActors(tx, rawInput);
  await checkReferences(tx, input, null);
  const ts = nowIso();
  const [row] = await tx
    .insert(events)
    .values({ ...eventColumns(input), externalId: options.externalId ?? null, createdAt: ts, updatedAt: ts, createdBy: actor.userId, updatedBy: actor.userId, version: 1 })
    .returning({ id: events.id });
  await writeEventChildren(tx, row!.id, input);
  await pgReindexEvents(tx, [row!.id]);
  await pgRecordEventRevision(tx, row!.id, options.action ?? 'create', actor, options.note);
  if (alerts) await pgEnqueueAlerts(tx, row!.id, 'recorded');
  return { id: row!.id, version: 1 };
}

/** `createEvent`'s twin. */
export function pgCreateEvent(db: PgDb, input: EventInput, actor: ChangeActor, options: CreateEventOptions = {}): Promise<{ id: number; version: number }> {
  return pgWriteTransaction(db, (tx) => pgCreateEventInTx(tx, input, actor, options));
}

export async function pgUpdateEventInTx(tx: PgTx, id: number, rawInput: EventInput, expectedVersion: number, actor: ChangeActor, options: UpdateEventOptions): Promise<UpdateResult> {
  const input = await resolveMergedActors(tx, rawInput);
  const before = (await lockEvent(tx, id)) ? await pgEventSnapshot(tx, id) : null;
  const version = await claimVersion(tx, id, expectedVersion, false, { ...eventColumns(input), updatedAt: nowIso(), updatedBy: actor.userId });
  await checkReferences(tx, input, id);
  await writeEventChildren(tx, id, input);
  if (before && sameContent(before, await pgEventSnapshot(tx, id))) throw new NothingChanged();
  await pgReindexEvents(tx, [id]);
  await pgRecordEventRevision(tx, id, options.action ?? 'update', actor, options.note);
  if (before && before.status !== 'published') await pgEnqueueAlerts(tx, id, 'published');
  return { id, version, changed: true };
}

async function unlessUnchanged(id: number, expectedVersion: number, write: () => Promise<UpdateResult>): Promise<UpdateResult> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof NothingChanged) return { id, version: expectedVersion, changed: false };
    throw err;
  }
}

/** `updateEvent`'s twin: refused with VersionConflictError when `expectedVersion` is stale; nothing written when nothing changed. */
export function pgUpdateEvent(db: PgDb, id: number, input: EventInput, expectedVersion: number, actor: ChangeActor, options: UpdateEventOptions = {}): Promise<UpdateResult> {
  return unlessUnchanged(id, expectedVersion, () => pgWriteTransaction(db, (tx) => pgUpdateEventInTx(tx, id, input, expectedVersion, actor, options)));
}

/** `deleteEvent`'s twin: a soft delete. */
export function pgDeleteEvent(db: PgDb, id: number, expectedVersion: number, actor: ChangeActor, note: string | null = null): Promise<{ id: number; version: number }> {
  return pgWriteTransaction(db, async (tx) => {
    const ts = nowIso();
    await lockEvent(tx, id);
    const version = await claimVersion(tx, id, expectedVersion, false, { deletedAt: ts, updatedAt: ts, updatedBy: actor.userId });
    await pgReindexEvents(tx, [id]);
    await pgRecordEventRevision(tx, id, 'delete', actor, note);
    return { id, version };
  });
}

/** `restoreDeletedEvent`'s twin. */
export function pgRestoreDeletedEvent(db: PgDb, id: number, expectedVersion: number, actor: ChangeActor): Promise<{ id: number; version: number }> {
  return pgWriteTransaction(db, async (tx) => {
    await lockEvent(tx, id);
    const version = await claimVersion(tx, id, expectedVersion, true, { deletedAt: null, updatedAt: nowIso(), updatedBy: actor.userId });
    await pgReindexEvents(tx, [id]);
    await pgRecordEventRevision(tx, id, 'restore', actor, 'Restored from the deleted events.');
    return { id, version };
  });
}

/** `restoreEventRevision`'s twin: an earlier version's content comes back as a new version. */
export function pgRestoreEventRevision(db: PgDb, id: number, revisionId: number, expectedVersion: number, actor: ChangeActor): Promise<UpdateResult> {
  return unlessUnchanged(id, expectedVersion, () =>
    pgWriteTransaction(db, async (tx) => {
      const [revision] = await tx
        .select()
        .from(revisions)
        .where(and(eq(revisions.id, revisionId), eq(revisions.recordType, 'event')));
      if (!revision || revision.recordId !== id) throw new MutationError('That version does not belong to this event.', {}, 404);
      const snapshot = revision.snapshot as EventSnapshot;
      const resolved = await pgSurvivors(tx, snapshot.actors.map((a) => a.entityId));
      const input = inputFromSnapshot(snapshot, (entityId) => resolved.get(entityId)!);
      return pgUpdateEventInTx(tx, id, input, expectedVersion, actor, { action: 'restore', note: `Restored version ${revision.version}.` });
    }),
  );
}
