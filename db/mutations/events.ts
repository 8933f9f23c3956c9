/**
 * Writes to events. Each runs in one transaction that also refreshes the search index and
 * appends the revision row, so the data, what search finds and the history never disagree.
 */
import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/engine/client';
import { MutationError, VersionConflictError } from './errors';
import { enqueueAlerts } from './webhooks';
import { insertWithSetBasedCounts } from '@/db/derived/counts';
import { compareAsSqlite, eventSnapshot, getRevision, nowIso, recordRevision, type ChangeActor, type EventSnapshot } from './revisions';
import { indexNewEvents, reindexEvents } from '@/db/derived/search-index';
import { entities, eventCountries, eventEntities, eventLinks, events, eventTags, revisions, sources, tags } from '../schema';
import { contentFromSnapshot, fieldEquals, EVENT_FIELDS } from '@/lib/event-content';
import { slugify } from '@/lib/slug';
import { eventInputSchema, type EventInput } from '@/lib/validation/event';

/** Finds or creates tags by slug and returns their ids in input order. */
export function ensureTags(tx: Tx, labels: string[]): number[] {
  const ids: number[] = [];
  for (const label of labels) {
    const slug = slugify(label);
    tx.insert(tags).values({ slug, label }).onConflictDoNothing({ target: tags.slug }).run();
    const row = tx.select({ id: tags.id }).from(tags).where(eq(tags.slug, slug)).get();
    ids.push(row!.id);
  }
  return ids;
}

function checkReferences(tx: Tx, input: EventInput, selfId: number | null): void {
  const entityIds = [...new Set(input.actors.map((a) => a.entityId))];
  const linkIds = [...new Set(input.links.map((l) => l.toEventId))];
  const foundEntities = entityIds.length === 0 ? [] : tx.select({ id: entities.id }).from(entities).where(inArray(entities.id, entityIds)).all();
  const foundEvents = linkIds.length === 0 ? [] : tx.select({ id: events.id }).from(events).where(inArray(events.id, linkIds)).all();
  refuseMissingReferences(input, selfId, foundEntities, foundEvents);
}

/**
 * The references of an input checked against what the database holds (`foundEntities`, `foundEvents`:
 * the rows found among those it names); refused with a message per field when one is missing. Both
 * engines' write paths call it with what they read.
 */
export function refuseMissingReferences(input: EventInput, selfId: number | null, foundEntities: readonly { id: number }[], foundEvents: readonly { id: number }[]): void {
  const errors: Record<string, string> = {};
  const entitySet = new Set(foundEntities.map((r) => r.id));
  const eventSet = new Set(foundEvents.map((r) => r.id));
  input.actors.forEach((a, i) => {
    if (!entitySet.has(a.entityId)) errors[`actors.${i}.entityId`] = `Actor #${a.entityId} does not exist.`;
  });
  input.links.forEach((l, i) => {
    if (l.toEventId === selfId) errors[`links.${i}.toEventId`] = 'An event cannot link to itself.';
    else if (!eventSet.has(l.toEventId)) errors[`links.${i}.toEventId`] = `Event #${l.toEventId} does not exist.`;
  });
  if (Object.keys(errors).length > 0) {
    throw new MutationError('Some references point at records that do not exist.', errors);
  }
}

/** Replaces countries, actors, tags, sources and outgoing links of an event with the input's. */
export function writeEventChildren(tx: Tx, id: number, input: EventInput): void {
  tx.delete(eventCountries).where(eq(eventCountries.eventId, id)).run();
  tx.delete(eventEntities).where(eq(eventEntities.eventId, id)).run();
  tx.delete(eventTags).where(eq(eventTags.eventId, id)).run();
  tx.delete(sources).where(eq(sources.eventId, id)).run();
  tx.delete(eventLinks).where(eq(eventLinks.fromEventId, id)).run();

  if (input.countries.length > 0) {
    tx.insert(eventCountries)
      .values(input.countries.map((c) => ({ eventId: id, countryCode: c.code, role: c.role })))
      .run();
  }
  if (input.actors.length > 0) {
    tx.insert(eventEntities)
      .values(input.actors.map((a) => ({ eventId: id, entityId: a.entityId, role: a.role })))
      .run();
  }
  const tagIds = ensureTags(tx, input.tags);
  if (tagIds.length > 0) {
    tx.insert(eventTags)
      .values([...new Set(tagIds)].map((tagId) => ({ eventId: id, tagId })))
      .run();
  }
  if (input.sources.length > 0) {
    tx.insert(sources)
      .values(input.sources.map((s, position) => ({ eventId: id, ...s, position })))
      .run();
  }
  if (input.links.length > 0) {
    tx.insert(eventLinks)
      .values(input.links.map((l) => ({ fromEventId: id, toEventId: l.toEventId, kind: l.kind })))
      .run();
  }
}

/** The events row's own columns from an input (both engines write these). */
export function eventColumns(input: EventInput) {
  return {
    type: input.type,
    title: input.title,
    summary: input.summary,
    details: input.details,
    date: input.date,
    datePrecision: input.datePrecision,
    effectiveDate: input.effectiveDate,
    effectiveDatePrecision: input.effectiveDatePrecision,
    endDate: input.endDate,
    endDatePrecision: input.endDatePrecision,
    status: input.status,
    legalAuthority: input.legalAuthority,
    program: input.program,
  };
}

export interface CreateEventOptions {
  /** A stable key from the source of the row (seed key, dataset id). */
  externalId?: string | null;
  action?: 'create' | 'import';
  note?: string | null;
}

/**
 * A form opened before a merge may still name the merged actor: it stands for the survivor now.
 * Duplicates this creates (both actors in one role) collapse into one.
 */
function resolveMergedActors(tx: Tx, input: EventInput): EventInput {
  return withActorsResolved(input, (id) => resolveEntityId(tx, id));
}

/** The input with each actor replaced by `resolve(actor)` and the (actor, role) pairs this repeats dropped. */
export function withActorsResolved(input: EventInput, resolve: (entityId: number) => number): EventInput {
  const seen = new Set<string>();
  const actors = input.actors
    .map((a) => ({ ...a, entityId: resolve(a.entityId) }))
    .filter((a) => {
      const key = `${a.entityId}:${a.role}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { ...input, actors };
}

export function createEventInTx(
  tx: Tx,
  rawInput: EventInput,
  actor: ChangeActor,
  options: CreateEventOptions = {},
): { id: number; version: number } {
  const input = resolveMergedActors(tx, rawInput);
  checkReferences(tx, input, null);
  const ts = nowIso();
  const row = tx
    .insert(events)
    .values({
      ...eventColumns(input),
      externalId: options.externalId ?? null,
      createdAt: ts,
      updatedAt: ts,
      createdBy: actor.userId,
      updatedBy: actor.userId,
      version: 1,
    })
    .returning({ id: events.id })
    .get();
  writeEventChildren(tx, row.id, input);
  reindexEvents(tx, [row.id]);
  recordRevision(tx, 'event', row.id, { action: options.action ?? 'create', actor, note: options.note });
  // The outbox: deliveries are queued in this transaction and sent after commit (decision 0035).
  enqueueAlerts(tx, row.id, 'recorded');
  return { id: row.id, version: 1 };
}

export function createEvent(
  db: Db,
  input: EventInput,
  actor: ChangeActor,
  options: CreateEventOptions = {},
): { id: number; version: number } {
  return db.transaction((tx) => createEventInTx(tx, input, actor, options));
}

export interface NewEvent {
  input: EventInput;
  note: string | null;
}

/**
 * Creates many new events in one go, for the CSV import: the same rows, search entries, counts and
 * revisions as `createEventInTx` gives each, but with statements prepared once, tags found or
 * created once per file, the search index filled in one statement, the counts added set-wise
 * (`insertWithSetBasedCounts`), and each revision's snapshot built from what was written instead
 * of read back (the tests compare it with `eventSnapshot`): a large import then commits in a
 * fraction of the time (docs/performance.md, "Measurements behind the code"; issue 10).
 *
 * The actors must exist and not be merged (the import matched them in this transaction's state);
 * `actorNames` gives their stored names, which the snapshots carry. Run inside a transaction.
 * Returns the new ids in the order of `items`.
 */
export function createEventsInBulk(
  tx: Tx,
  items: readonly NewEvent[],
  actorNames: ReadonlyMap<number, string>,
  actor: ChangeActor,
  action: 'create' | 'import',
): number[] {
  if (items.length === 0) return [];
  const p = sql.placeholder;
  const tagBySlug = new Map<string, { id: number; label: string }>();
  for (const item of items) {
    for (const label of item.input.tags) {
      const slug = slugify(label);
      if (tagBySlug.has(slug)) continue;
      tx.insert(tags).values({ slug, label }).onConflictDoNothing({ target: tags.slug }).run();
      tagBySlug.set(slug, tx.select({ id: tags.id, label: tags.label }).from(tags).where(eq(tags.slug, slug)).get()!);
    }
  }
  const facts = {
    eventVisibility: p('visibility'),
    eventType: p('type'),
    eventDate: p('date'),
    eventDatePrecision: p('datePrecision'),
  };
  const insertEvent = tx
    .insert(events)
    .values({
      type: p('type'),
      title: p('title'),
      summary: p('summary'),
      details: p('details'),
      date: p('date'),
      datePrecision: p('datePrecision'),
      effectiveDate: p('effectiveDate'),
      effectiveDatePrecision: p('effectiveDatePrecision'),
      endDate: p('endDate'),
      endDatePrecision: p('endDatePrecision'),
      status: p('status'),
      legalAuthority: p('legalAuthority'),
      program: p('program'),
      externalId: null,
      createdAt: p('ts'),
      updatedAt: p('ts'),
      createdBy: actor.userId,
      updatedBy: actor.userId,
      version: 1,
    })
    .returning()
    .prepare();
  const insertCountry = tx
    .insert(eventCountries)
    .values({ eventId: p('eventId'), countryCode: p('code'), role: p('role'), firstRole: p('firstRole'), ...facts })
    .prepare();
  const insertActor = tx
    .insert(eventEntities)
    .values({ eventId: p('eventId'), entityId: p('entityId'), role: p('role'), firstRole: p('firstRole'), ...facts })
    .prepare();
  const insertTag = tx.insert(eventTags).values({ eventId: p('eventId'), tagId: p('tagId'), ...facts }).prepare();
  const insertSource = tx
    .insert(sources)
    .values({
      eventId: p('eventId'),
      url: p('url'),
      title: p('title'),
      publisher: p('publisher'),
      publishedDate: p('publishedDate'),
      excerpt: p('excerpt'),
      note: p('note'),
      position: p('position'),
    })
    .prepare();
  const insertLink = tx.insert(eventLinks).values({ fromEventId: p('eventId'), toEventId: p('toEventId'), kind: p('kind') }).prepare();
  const insertRevision = tx
    .insert(revisions)
    .values({ recordType: 'event', recordId: p('id'), action, version: 1, userId: actor.userId, actor: actor.label, createdAt: p('ts'), snapshot: p('snapshot'), note: p('note') })
    .prepare();

  /** first_role: the smallest role of each (event, value), as the insert triggers mark it. */
  const firstRoles = <T extends { role: string }>(rows: readonly T[], value: (r: T) => string | number) => {
    const min = new Map<string | number, string>();
    for (const r of rows) if (!min.has(value(r)) || r.role < min.get(value(r))!) min.set(value(r), r.role);
    return rows.map((r) => min.get(value(r)) === r.role);
  };

  const ids: number[] = [];
  insertWithSetBasedCounts(tx, () => {
    for (const { input, note } of items) {
      const ts = nowIso();
      const row = insertEvent.get({ ...input, ts });
      const eventId = row.id;
      const rowFacts = { eventId, visibility: row.deletedAt ? 'deleted' : row.status, type: row.type, date: row.date, datePrecision: row.datePrecision };
      const countryFirst = firstRoles(input.countries, (c) => c.code);
      input.countries.forEach((c, i) => insertCountry.run({ ...rowFacts, code: c.code, role: c.role, firstRole: countryFirst[i] }));
      const actorFirst = firstRoles(input.actors, (a) => a.entityId);
      input.actors.forEach((a, i) => insertActor.run({ ...rowFacts, entityId: a.entityId, role: a.role, firstRole: actorFirst[i] }));
      const eventTagList = input.tags.map((label) => tagBySlug.get(slugify(label))!);
      for (const t of eventTagList) insertTag.run({ ...rowFacts, tagId: t.id });
      input.sources.forEach((s, position) => insertSource.run({ ...s, eventId, position }));
      for (const l of input.links) insertLink.run({ eventId, toEventId: l.toEventId, kind: l.kind });

      const snapshot: EventSnapshot = {
        ...row,
        countries: input.countries.map((c) => ({ code: c.code, role: c.role })).sort((a, b) => compareAsSqlite(a.code, b.code) || compareAsSqlite(a.role, b.role)),
        actors: input.actors
          .map((a) => ({ entityId: a.entityId, name: actorNames.get(a.entityId)!, role: a.role }))
          .sort((a, b) => compareAsSqlite(a.name, b.name) || compareAsSqlite(a.role, b.role)),
        tags: eventTagList.map((t) => t.label).sort(compareAsSqlite),
        sources: input.sources.map((s) => ({ url: s.url, title: s.title, publisher: s.publisher, publishedDate: s.publishedDate, excerpt: s.excerpt, note: s.note })),
        links: input.links.map((l) => ({ toEventId: l.toEventId, kind: l.kind })).sort((a, b) => a.toEventId - b.toEventId || compareAsSqlite(a.kind, b.kind)),
      };
      insertRevision.run({ id: eventId, ts, snapshot, note });
      ids.push(eventId);
    }
    // One writer holds the lock and ids only grow, so the new events are one range; the counts rely on it.
    if (ids[ids.length - 1]! - ids[0]! !== ids.length - 1) throw new Error('createEventsInBulk: the new ids are not one range');
    return { first: ids[0]!, last: ids[ids.length - 1]! };
  });
  indexNewEvents(tx, ids[0]!, ids[ids.length - 1]!);
  return ids;
}

/**
 * The optimistic-concurrency step every change to an existing event goes through: one UPDATE that
 * only matches the version the caller started from, so two saves of the same version cannot both
 * win, whatever the timing. When it matches nothing, says why: gone, moved on, or in the wrong
 * state (deleted when it should not be, or the reverse).
 */
function claimVersion(
  tx: Tx,
  id: number,
  expectedVersion: number,
  expectDeleted: boolean,
  set: Partial<typeof events.$inferInsert>,
): number {
  const state: SQL = expectDeleted ? isNotNull(events.deletedAt) : isNull(events.deletedAt);
  const result = tx
    .update(events)
    .set({ ...set, version: sql`${events.version} + 1` })
    .where(and(eq(events.id, id), eq(events.version, expectedVersion), state))
    .run();
  if (result.changes === 1) return expectedVersion + 1;
  throw claimRefusal(tx.select({ version: events.version, deletedAt: events.deletedAt }).from(events).where(eq(events.id, id)).get(), expectedVersion);
}

/** Why a version claim matched nothing, from the row as it is now (undefined: there is none). */
export function claimRefusal(current: { version: number; deletedAt: string | null } | undefined, expectedVersion: number): MutationError {
  if (!current) return new MutationError('This event does not exist.', {}, 404);
  if (current.version !== expectedVersion) return new VersionConflictError(current.version, current.deletedAt !== null);
  return new MutationError(current.deletedAt ? 'This event is deleted: restore it before changing it.' : 'This event is not deleted.', {}, 409);
}

/** Whether two snapshots say the same thing (ignoring version, timestamps and who saved). */
export function sameContent(a: EventSnapshot, b: EventSnapshot): boolean {
  const ca = contentFromSnapshot(a);
  const cb = contentFromSnapshot(b);
  return EVENT_FIELDS.every((f) => fieldEquals(ca, cb, f.key));
}

/** Thrown inside a transaction when a save would change nothing; callers roll back and report it. */
export class NothingChanged extends Error {}

export interface UpdateResult {
  id: number;
  version: number;
  /** False when the input matched what was stored: nothing written, no revision. */
  changed: boolean;
}

export interface UpdateEventOptions {
  action?: 'update' | 'restore';
  note?: string | null;
}

export function updateEventInTx(
  tx: Tx,
  id: number,
  rawInput: EventInput,
  expectedVersion: number,
  actor: ChangeActor,
  options: UpdateEventOptions = {},
): UpdateResult {
  const input = resolveMergedActors(tx, rawInput);
  const exists = tx.select({ id: events.id }).from(events).where(eq(events.id, id)).get();
  const before = exists ? eventSnapshot(tx, id) : null;
  const version = claimVersion(tx, id, expectedVersion, false, {
    ...eventColumns(input),
    updatedAt: nowIso(),
    updatedBy: actor.userId,
  });
  checkReferences(tx, input, id);
  writeEventChildren(tx, id, input);
  if (before && sameContent(before, eventSnapshot(tx, id))) throw new NothingChanged();
  reindexEvents(tx, [id]);
  recordRevision(tx, 'event', id, { action: options.action ?? 'update', actor, note: options.note });
  // A draft published now alerts as a new event would; later edits of a published event do not.
  if (before && before.status !== 'published') enqueueAlerts(tx, id, 'published');
  return { id, version, changed: true };
}

/** Saves an edit made from `expectedVersion`; refused with VersionConflictError if it is stale. */
export function updateEvent(
  db: Db,
  id: number,
  input: EventInput,
  expectedVersion: number,
  actor: ChangeActor,
  options: UpdateEventOptions = {},
): UpdateResult {
  try {
    // IMMEDIATE: take the write lock before reading, so the comparison and the write see one state.
    return db.transaction((tx) => updateEventInTx(tx, id, input, expectedVersion, actor, options), { behavior: 'immediate' });
  } catch (err) {
    if (err instanceof NothingChanged) return { id, version: expectedVersion, changed: false };
    throw err;
  }
}

/** Soft delete: the event leaves the timeline, the API, search and exports; restore brings it back. */
export function deleteEvent(db: Db, id: number, expectedVersion: number, actor: ChangeActor, note: string | null = null) {
  return db.transaction(
    (tx) => {
      const ts = nowIso();
      const version = claimVersion(tx, id, expectedVersion, false, { deletedAt: ts, updatedAt: ts, updatedBy: actor.userId });
      reindexEvents(tx, [id]);
      recordRevision(tx, 'event', id, { action: 'delete', actor, note });
      return { id, version };
    },
    { behavior: 'immediate' },
  );
}

/** Brings a deleted event back as it was when deleted. */
export function restoreDeletedEvent(db: Db, id: number, expectedVersion: number, actor: ChangeActor) {
  return db.transaction(
    (tx) => {
      const version = claimVersion(tx, id, expectedVersion, true, { deletedAt: null, updatedAt: nowIso(), updatedBy: actor.userId });
      reindexEvents(tx, [id]);
      recordRevision(tx, 'event', id, { action: 'restore', actor, note: 'Restored from the deleted events.' });
      return { id, version };
    },
    { behavior: 'immediate' },
  );
}

/** An actor merged into another since a snapshot was taken resolves to the one that survived. */
export function resolveEntityId(tx: Tx, id: number): number {
  let current = id;
  for (let hops = 0; hops < 20; hops++) {
    const row = tx.select({ mergedIntoId: entities.mergedIntoId }).from(entities).where(eq(entities.id, current)).get();
    if (!row?.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  return current;
}

/** The input that puts an event back to what a snapshot held. */
export function snapshotToInput(tx: Tx, snapshot: EventSnapshot): EventInput {
  return inputFromSnapshot(snapshot, (id) => resolveEntityId(tx, id));
}

/**
 * The input that puts an event back to what a snapshot held, its actors through `resolve` (merged
 * actors to their survivors); refused with 409 when that content no longer passes validation.
 */
export function inputFromSnapshot(snapshot: EventSnapshot, resolve: (entityId: number) => number): EventInput {
  const parsed = eventInputSchema.safeParse({
    type: snapshot.type,
    title: snapshot.title,
    summary: snapshot.summary,
    details: snapshot.details,
    date: snapshot.date,
    datePrecision: snapshot.datePrecision,
    effectiveDate: snapshot.effectiveDate,
    effectiveDatePrecision: snapshot.effectiveDatePrecision,
    endDate: snapshot.endDate,
    endDatePrecision: snapshot.endDatePrecision,
    status: snapshot.status,
    legalAuthority: snapshot.legalAuthority,
    program: snapshot.program,
    countries: snapshot.countries,
    actors: snapshot.actors.map((a) => ({ entityId: resolve(a.entityId), role: a.role })),
    tags: snapshot.tags,
    sources: snapshot.sources,
    links: snapshot.links.filter((l) => l.toEventId !== snapshot.id),
  });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new MutationError(
      `That version cannot be restored as it is: ${first ? `${first.path.join('.')}: ${first.message}` : 'it no longer passes validation'}. Edit the event instead.`,
      {},
      409,
    );
  }
  return parsed.data;
}

/**
 * Restores an earlier version of a live event: its content comes back as a new version, recorded
 * as a `restore` revision, so the history only grows.
 */
export function restoreEventRevision(db: Db, id: number, revisionId: number, expectedVersion: number, actor: ChangeActor): UpdateResult {
  try {
    return db.transaction(
      (tx) => {
        const revision = getRevision(tx, 'event', revisionId);
        if (!revision || revision.recordId !== id) throw new MutationError('That version does not belong to this event.', {}, 404);
        const input = snapshotToInput(tx, revision.snapshot as EventSnapshot);
        return updateEventInTx(tx, id, input, expectedVersion, actor, { action: 'restore', note: `Restored version ${revision.version}.` });
      },
      { behavior: 'immediate' },
    );
  } catch (err) {
    if (err instanceof NothingChanged) return { id, version: expectedVersion, changed: false };
    throw err;
  }
}
