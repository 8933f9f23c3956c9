/**
 * Actors on PostgreSQL: the twins of db/queries/entities.ts, directory.ts, entity-staff.ts, the
 * actor parts of revisions.ts, and of db/mutations/entities.ts (create, edit, merge, undo a merge).
 * The rules that need no database (namesakes, why a claim or a merge is refused, what a merge
 * copies and adds, what the histories say) are SQLite's own functions, called with what is read
 * here. Each write is one transaction with its revision rows and the search rows of the events
 * whose actors' names it changes.
 *
 * Concurrency: a write locks the actors' rows it changes (`FOR UPDATE`) before reading them, and
 * writes that could give two actors one name take one transaction-scoped advisory lock, so two
 * people creating "Khalid Qaddour" at once get one actor and one namesake refusal, as on SQLite.
 */
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import {
  aliasesAddedInMerge,
  copiedInMerge,
  entityClaimRefusal,
  entityFields,
  entityUnchanged,
  fieldsToUncopy,
  mergeNotes,
  mergeRefusal,
  namesakeRefusal,
  namesakesAmong,
  namesChanged,
  undoNotes,
  undoRefusal,
  type EntityWriteOptions,
  type MergeParams,
} from '@/db/mutations/entities';
import { MutationError, VersionConflictError } from '@/db/mutations/errors';
import { nowIso, type ChangeActor, type EntitySnapshot } from '@/db/mutations/revisions';
import type { ActorEntry, CountryEntry } from '@/db/queries/directory';
import { ACTORS_PER_PAGE } from '@/db/queries/directory';
import type { EntityDetail } from '@/db/queries/entities';
import type { Visibility } from '@/db/queries/events';
import { entityHistoryOf, mergedIntoIds, mergeViewsOf, type HistoryEntry, type MergeView } from '@/db/queries/revisions';
import { revisionAuthorName } from '@/db/queries/staff-names';
import type { RevisionRow } from '@/db/schema';
import { countryName } from '@/lib/countries';
import { nameKey } from '@/lib/text/normalise';
import type { EntityInput } from '@/lib/validation/entity';
import type { PgDb } from './connect';
import { pgRecordEventRevision, pgWriteTransaction } from './event-writes';
import type { PgTx } from './replicas';
import { entities, entityAliases, entityMerges, eventEntities, events, facetCounts, revisions } from './schema';
import { pgReindexEvents } from './search';

type Runner = PgDb | PgTx;

/** True for an actor the public may see: `entityIsPublic`'s twin. */
function isPublic(id: SQL | typeof entities.id = entities.id, madePublic: SQL | typeof entities.madePublic = entities.madePublic): SQL {
  return sql`(${madePublic} OR EXISTS (SELECT 1 FROM event_entities pe WHERE pe.entity_id = ${id} AND pe.event_visibility = 'published'))`;
}

/** An actor's aliases in byte order, as SQLite's snapshots store them. */
export async function pgEntityAliasList(db: Runner, id: number): Promise<string[]> {
  const rows = await db.select({ alias: entityAliases.alias }).from(entityAliases).where(eq(entityAliases.entityId, id)).orderBy(sql`${entityAliases.alias} COLLATE "C"`);
  return rows.map((r) => r.alias);
}

async function readEntity(db: Runner, id: number, condition: SQL | undefined): Promise<EntityDetail | null> {
  const [row] = await db
    .select({ entity: entities, isPublic: sql<boolean>`${isPublic()}` })
    .from(entities)
    .where(and(eq(entities.id, id), condition));
  if (!row) return null;
  return { ...row.entity, aliases: await pgEntityAliasList(db, id), isPublic: row.isPublic === true };
}

/** `getEntity`'s twin: any actor, for staff pages and writes. */
export function pgGetEntity(db: Runner, id: number): Promise<EntityDetail | null> {
  return readEntity(db, id, undefined);
}

/** `getEntityFor`'s twin: a merged actor is seen when its survivor is. */
export function pgGetEntityFor(db: PgDb, id: number, visibility: Visibility): Promise<EntityDetail | null> {
  const survivor = sql`coalesce(${entities.mergedIntoId}, ${entities.id})`;
  return readEntity(db, id, visibility.includeDrafts ? undefined : isPublic(survivor, sql`(SELECT s.made_public FROM entities s WHERE s.id = ${survivor})`));
}

/** `entityEventCount`'s twin: events naming the actor, drafts and deleted ones included. */
export async function pgEntityEventCount(db: PgDb, entityId: number): Promise<number> {
  const { rows } = await db.execute<{ n: string }>(sql`SELECT count(DISTINCT event_id) AS n FROM event_entities WHERE entity_id = ${entityId}`);
  return Number(rows[0]?.n ?? 0);
}

/** `countriesWithEvents`' twin. */
export async function pgCountriesWithEvents(db: PgDb): Promise<CountryEntry[]> {
  const rows = await db
    .select({ code: facetCounts.value, events: facetCounts.n })
    .from(facetCounts)
    .where(and(eq(facetCounts.facet, 'country'), gt(facetCounts.n, 0)));
  return rows.map((r) => ({ ...r, name: countryName(r.code) })).sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

/** `actorsWithEvents`' twin: SQLite's NOCASE folds ASCII letters only, as `lower` does under the "C" collation. */
export async function pgActorsWithEvents(db: PgDb, page = 1): Promise<{ items: ActorEntry[]; total: number; pages: number }> {
  const joined = and(eq(facetCounts.facet, 'actor'), gt(facetCounts.n, 0), isNull(entities.mergedIntoId));
  const on = sql`${entities.id} = CAST(${facetCounts.value} AS INTEGER)`;
  const [count] = await db.select({ n: sql<string>`count(*)` }).from(facetCounts).innerJoin(entities, on).where(joined);
  const total = Number(count?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / ACTORS_PER_PAGE));
  const items = await db
    .select({ id: entities.id, name: entities.name, kind: entities.kind, countryCode: entities.countryCode, events: facetCounts.n })
    .from(facetCounts)
    .innerJoin(entities, on)
    .where(joined)
    .orderBy(sql`lower(${entities.name} COLLATE "C") COLLATE "C"`, asc(entities.id))
    .limit(ACTORS_PER_PAGE)
    .offset((Math.min(Math.max(1, page), pages) - 1) * ACTORS_PER_PAGE);
  return { items, total, pages };
}

/** `getEntityHistory`'s twin. */
export async function pgEntityHistory(db: PgDb, id: number): Promise<HistoryEntry[]> {
  const rows = (await db
    .select({ ...getTableColumns(revisions), actor: revisionAuthorName() })
    .from(revisions)
    .where(and(eq(revisions.recordType, 'entity'), eq(revisions.recordId, id)))
    .orderBy(asc(revisions.id))) as RevisionRow[];
  const ids = mergedIntoIds(rows);
  const names = new Map(ids.length === 0 ? [] : (await db.select({ id: entities.id, name: entities.name }).from(entities).where(inArray(entities.id, ids))).map((e) => [e.id, e.name]));
  return entityHistoryOf(rows, names);
}

/** `listMergesOf`' twin. */
export async function pgMergesOf(db: PgDb, entityId: number): Promise<MergeView[]> {
  const rows = await db
    .select()
    .from(entityMerges)
    .where(or(eq(entityMerges.survivorId, entityId), eq(entityMerges.mergedId, entityId)))
    .orderBy(desc(entityMerges.id));
  const ids = [...new Set(rows.flatMap((r) => [r.survivorId, r.mergedId]))];
  const info = new Map(
    ids.length === 0
      ? []
      : (await db.select({ id: entities.id, name: entities.name, mergedIntoId: entities.mergedIntoId }).from(entities).where(inArray(entities.id, ids))).map((e) => [e.id, e]),
  );
  return mergeViewsOf(rows, info);
}

// Writes.

/** Names of actors are checked and written one writer at a time (see the header). */
const lockNames = (tx: PgTx) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('tracker:entity-names'))`);

async function namesakesOf(tx: PgTx, name: string, exceptId: number | null) {
  const names = await tx.select({ id: entities.id, name: entities.name }).from(entities).where(isNull(entities.mergedIntoId));
  const aliases = await tx
    .select({ id: entities.id, name: entities.name, alias: entityAliases.alias })
    .from(entityAliases)
    .innerJoin(entities, eq(entities.id, entityAliases.entityId))
    .where(isNull(entities.mergedIntoId));
  return namesakesAmong(name, names, aliases, exceptId);
}

async function refuseNamesakes(tx: PgTx, name: string, exceptId: number | null): Promise<void> {
  const refusal = namesakeRefusal(await namesakesOf(tx, name, exceptId));
  if (refusal) throw refusal;
}

/** Records the actor's current state as a revision: `recordRevision`'s twin for actors. */
export async function pgRecordEntityRevision(tx: PgTx, id: number, action: 'create' | 'update' | 'merge' | 'unmerge', actor: ChangeActor, note?: string) {
  const [row] = await tx.select().from(entities).where(eq(entities.id, id));
  const snapshot = { ...row!, aliases: await pgEntityAliasList(tx, id) } as EntitySnapshot;
  await tx.insert(revisions).values({ recordType: 'entity', recordId: id, action, version: snapshot.version, userId: actor.userId, actor: actor.label, createdAt: nowIso(), snapshot, note: note ?? null });
}

async function lockEntities(tx: PgTx, ids: number[]) {
  const rows = await tx.select().from(entities).where(inArray(entities.id, ids)).orderBy(asc(entities.id)).for('update');
  return new Map(rows.map((r) => [r.id, r]));
}

async function claimEntityVersion(tx: PgTx, id: number, expectedVersion: number, set: Partial<typeof entities.$inferInsert>): Promise<number> {
  const claimed = await tx
    .update(entities)
    .set({ ...set, version: sql`${entities.version} + 1` })
    .where(and(eq(entities.id, id), eq(entities.version, expectedVersion), isNull(entities.mergedIntoId)))
    .returning({ id: entities.id });
  if (claimed.length === 1) return expectedVersion + 1;
  const [current] = await tx.select({ version: entities.version }).from(entities).where(eq(entities.id, id));
  throw entityClaimRefusal(current, expectedVersion);
}

async function eventIdsOf(tx: PgTx, entityIds: number[]): Promise<number[]> {
  if (entityIds.length === 0) return [];
  const rows = await tx.selectDistinct({ eventId: eventEntities.eventId }).from(eventEntities).where(inArray(eventEntities.entityId, entityIds));
  return rows.map((r) => r.eventId);
}

async function writeAliases(tx: PgTx, entityId: number, aliases: readonly string[]) {
  if (aliases.length > 0) await tx.insert(entityAliases).values(aliases.map((alias) => ({ entityId, alias })));
}

/** `createEntity`'s twin. */
export function pgCreateEntity(db: PgDb, input: EntityInput, actor: ChangeActor, options: EntityWriteOptions = {}): Promise<{ id: number; version: number }> {
  return pgWriteTransaction(db, (tx) => pgCreateEntityInTx(tx, input, actor, options));
}

/** The same inside the caller's transaction (a list entry becoming an actor). */
export async function pgCreateEntityInTx(tx: PgTx, input: EntityInput, actor: ChangeActor, options: EntityWriteOptions = {}): Promise<{ id: number; version: number }> {
  await lockNames(tx);
  if (!options.allowNamesake) await refuseNamesakes(tx, input.name, null);
  const ts = nowIso();
  const [row] = await tx
    .insert(entities)
    .values({ ...entityFields(input), createdAt: ts, updatedAt: ts, createdBy: actor.userId, updatedBy: actor.userId })
    .returning({ id: entities.id });
  await writeAliases(tx, row!.id, input.aliases);
  await pgRecordEntityRevision(tx, row!.id, 'create', actor);
  return { id: row!.id, version: 1 };
}

/** `updateEntity`'s twin. */
export function pgUpdateEntity(
  db: PgDb,
  id: number,
  input: EntityInput,
  expectedVersion: number,
  actor: ChangeActor,
  options: EntityWriteOptions = {},
): Promise<{ id: number; version: number; changed: boolean }> {
  return pgWriteTransaction(db, async (tx) => {
    await lockNames(tx);
    const before = (await lockEntities(tx, [id])).get(id);
    if (!before) throw new MutationError('This actor does not exist.', {}, 404);
    const beforeAliases = (await pgEntityAliasList(tx, id)).sort();
    if (entityUnchanged(before, beforeAliases, input)) {
      if (before.version !== expectedVersion) throw new VersionConflictError(before.version, false);
      return { id, version: before.version, changed: false };
    }
    if (!options.allowNamesake && nameKey(before.name) !== nameKey(input.name)) await refuseNamesakes(tx, input.name, id);
    const version = await claimEntityVersion(tx, id, expectedVersion, { ...entityFields(input), updatedAt: nowIso(), updatedBy: actor.userId });
    await tx.delete(entityAliases).where(eq(entityAliases.entityId, id));
    await writeAliases(tx, id, input.aliases);
    if (namesChanged(before, beforeAliases, input)) await pgReindexEvents(tx, await eventIdsOf(tx, [id]));
    await pgRecordEntityRevision(tx, id, 'update', actor);
    return { id, version, changed: true };
  });
}

/** Marks events whose actors a merge changed: new version, revision, fresh search row (`touchEvents`' twin). */
async function touchEvents(tx: PgTx, eventIds: number[], actor: ChangeActor, action: 'merge' | 'unmerge', note: string): Promise<void> {
  if (eventIds.length === 0) return;
  await tx
    .update(events)
    .set({ version: sql`${events.version} + 1`, updatedAt: nowIso(), updatedBy: actor.userId })
    .where(inArray(events.id, eventIds));
  await pgReindexEvents(tx, eventIds);
  for (const id of eventIds) await pgRecordEventRevision(tx, id, action, actor, note);
}

/** `mergeEntities`' twin. */
export function pgMergeEntities(db: PgDb, params: MergeParams, actor: ChangeActor): Promise<{ mergeId: number; eventIds: number[] }> {
  const { survivorId, mergedId } = params;
  if (survivorId === mergedId) return Promise.reject(new MutationError('Choose two different actors to merge.', { mergedId: 'Choose a different actor.' }));
  return pgWriteTransaction(db, async (tx) => {
    await lockNames(tx);
    const locked = await lockEntities(tx, [survivorId, mergedId]);
    const survivor = locked.get(survivorId);
    const merged = locked.get(mergedId);
    const refusal = mergeRefusal(survivor, merged);
    if (refusal || !survivor || !merged) throw refusal;

    const ts = nowIso();
    const copiedFields = copiedInMerge(survivor, merged);
    await claimEntityVersion(tx, survivorId, params.survivorVersion, { ...copiedFields, updatedAt: ts, updatedBy: actor.userId });
    await claimEntityVersion(tx, mergedId, params.mergedVersion, { mergedIntoId: survivorId, updatedAt: ts, updatedBy: actor.userId });
    const addedAliases = aliasesAddedInMerge(survivor.name, await pgEntityAliasList(tx, survivorId), merged.name, await pgEntityAliasList(tx, mergedId));
    await writeAliases(tx, survivorId, addedAliases);

    const survivorLinks = new Set(
      (await tx.select({ eventId: eventEntities.eventId, role: eventEntities.role }).from(eventEntities).where(eq(eventEntities.entityId, survivorId))).map(
        (l) => `${l.eventId}:${l.role}`,
      ),
    );
    const moved: { eventId: number; role: string }[] = [];
    const dropped: { eventId: number; role: string }[] = [];
    const links = await tx
      .select({ eventId: eventEntities.eventId, role: eventEntities.role })
      .from(eventEntities)
      .where(eq(eventEntities.entityId, mergedId))
      .orderBy(asc(eventEntities.eventId), sql`${eventEntities.role} COLLATE "C"`);
    for (const link of links) {
      const where = and(eq(eventEntities.eventId, link.eventId), eq(eventEntities.entityId, mergedId), eq(eventEntities.role, link.role));
      if (survivorLinks.has(`${link.eventId}:${link.role}`)) {
        await tx.delete(eventEntities).where(where);
        dropped.push(link);
      } else {
        await tx.update(eventEntities).set({ entityId: survivorId }).where(where);
        moved.push(link);
      }
    }
    const [merge] = await tx
      .insert(entityMerges)
      .values({ survivorId, mergedId, moved, dropped, addedAliases, copiedFields, createdAt: ts, createdBy: actor.userId })
      .returning({ id: entityMerges.id });

    const eventIds = [...new Set([...moved, ...dropped].map((l) => l.eventId))];
    const notes = mergeNotes(survivor, merged, merge!.id);
    await touchEvents(tx, eventIds, actor, 'merge', notes.events);
    await pgReindexEvents(tx, await eventIdsOf(tx, [survivorId]));
    await pgRecordEntityRevision(tx, survivorId, 'merge', actor, notes.survivor);
    await pgRecordEntityRevision(tx, mergedId, 'merge', actor, notes.merged);
    return { mergeId: merge!.id, eventIds };
  });
}

/** `undoMerge`'s twin. */
export function pgUndoMerge(db: PgDb, mergeId: number, actor: ChangeActor): Promise<{ survivorId: number; mergedId: number; eventIds: number[] }> {
  return pgWriteTransaction(db, async (tx) => {
    await lockNames(tx);
    const [merge] = await tx.select().from(entityMerges).where(eq(entityMerges.id, mergeId)).for('update');
    const locked = merge ? await lockEntities(tx, [merge.survivorId, merge.mergedId]) : new Map();
    const merged = merge ? locked.get(merge.mergedId) : undefined;
    const survivor = merge ? locked.get(merge.survivorId) : undefined;
    const refusal = undoRefusal(merge, merged, survivor);
    if (refusal || !merge || !merged || !survivor) throw refusal;

    const ts = nowIso();
    const touched = new Set<number>();
    for (const link of merge.moved) {
      const role = link.role as (typeof eventEntities.$inferSelect)['role'];
      const onSurvivor = and(eq(eventEntities.eventId, link.eventId), eq(eventEntities.entityId, merge.survivorId), eq(eventEntities.role, role));
      const updated = await tx.update(eventEntities).set({ entityId: merge.mergedId }).where(onSurvivor).returning({ eventId: eventEntities.eventId });
      if (updated.length > 0) touched.add(link.eventId);
    }
    for (const link of merge.dropped) {
      const role = link.role as (typeof eventEntities.$inferSelect)['role'];
      const [survivorStill] = await tx
        .select({ eventId: eventEntities.eventId })
        .from(eventEntities)
        .where(and(eq(eventEntities.eventId, link.eventId), eq(eventEntities.entityId, merge.survivorId), eq(eventEntities.role, role)));
      if (!survivorStill) continue;
      await tx.insert(eventEntities).values({ eventId: link.eventId, entityId: merge.mergedId, role }).onConflictDoNothing();
      touched.add(link.eventId);
    }
    if (merge.addedAliases.length > 0) {
      await tx.delete(entityAliases).where(and(eq(entityAliases.entityId, merge.survivorId), inArray(entityAliases.alias, merge.addedAliases)));
    }
    await tx
      .update(entities)
      .set({ ...fieldsToUncopy(survivor, merge.copiedFields), version: sql`${entities.version} + 1`, updatedAt: ts, updatedBy: actor.userId })
      .where(eq(entities.id, merge.survivorId));
    await tx
      .update(entities)
      .set({ mergedIntoId: null, version: sql`${entities.version} + 1`, updatedAt: ts, updatedBy: actor.userId })
      .where(eq(entities.id, merge.mergedId));
    await tx.update(entityMerges).set({ undoneAt: ts, undoneBy: actor.userId }).where(eq(entityMerges.id, mergeId));

    const eventIds = [...touched];
    const notes = undoNotes(survivor, merged, mergeId);
    await touchEvents(tx, eventIds, actor, 'unmerge', notes.events);
    await pgReindexEvents(tx, await eventIdsOf(tx, [merge.survivorId, merge.mergedId]));
    await pgRecordEntityRevision(tx, merge.survivorId, 'unmerge', actor, notes.survivor);
    await pgRecordEntityRevision(tx, merge.mergedId, 'unmerge', actor, notes.merged);
    return { survivorId: merge.survivorId, mergedId: merge.mergedId, eventIds };
  });
}
