/**
 * Writes to entities (actors), each in one transaction with its revision rows and a refreshed
 * search index for every event whose actor names or aliases it changes.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '@/db/engine/client';
import { MutationError, VersionConflictError } from './errors';
import { compareAsSqlite, nowIso, recordRevision, type ChangeActor, type EntitySnapshot } from './revisions';
import { reindexEvents } from '@/db/derived/search-index';
import { entityAliasList } from '../queries/entities';
import { entities, entityAliases, entityMerges, eventEntities, events, revisions } from '../schema';
import { nameKey, spellingKey } from '@/lib/text/normalise';
import type { EntityInput } from '@/lib/validation/entity';

export interface EntityWriteOptions {
  /**
   * Save although another actor's name or alias reads the same (a different person with the same
   * name). Without it such a save is refused (issue 10, item 10): "Khalid Qad\u200Ddour" must not
   * become a second "Khalid Qaddour".
   */
  allowNamesake?: boolean;
}

/**
 * Actors (not merged) whose name or an alias reads as `name` (lib/text/normalise.ts `nameKey`:
 * case, accents, invisible characters, full-width letters and Arabic letter variants do not count).
 * Compared in JavaScript over every name, like the actor search and the suggestions: cheap for the
 * thousands of actors a tracker holds; at some hundred thousand a stored key column would be the
 * next step (docs/performance.md, "Measurements behind the code").
 */
export function namesakesOf(tx: DbOrTx, name: string, exceptId: number | null = null): { id: number; name: string }[] {
  const names = tx.select({ id: entities.id, name: entities.name }).from(entities).where(isNull(entities.mergedIntoId)).all();
  const aliases = tx
    .select({ id: entities.id, name: entities.name, alias: entityAliases.alias })
    .from(entityAliases)
    .innerJoin(entities, eq(entities.id, entityAliases.entityId))
    .where(isNull(entities.mergedIntoId))
    .all();
  return namesakesAmong(name, names, aliases, exceptId);
}

/** Of actors' names and aliases (merged actors left out by the caller), those that read as `name`: both engines' rule. */
export function namesakesAmong(
  name: string,
  names: Iterable<{ id: number; name: string }>,
  aliases: Iterable<{ id: number; name: string; alias: string }>,
  exceptId: number | null,
): { id: number; name: string }[] {
  const key = nameKey(name);
  const found = new Map<number, string>();
  for (const r of names) if (r.id !== exceptId && nameKey(r.name) === key) found.set(r.id, r.name);
  for (const r of aliases) if (r.id !== exceptId && !found.has(r.id) && nameKey(r.alias) === key) found.set(r.id, r.name);
  return [...found].map(([id, n]) => ({ id, name: n })).sort((a, b) => a.id - b.id);
}

function refuseNamesakes(tx: DbOrTx, name: string, exceptId: number | null): void {
  const refusal = namesakeRefusal(namesakesOf(tx, name, exceptId));
  if (refusal) throw refusal;
}

/** The 409 that names the actors who read the same, or null when there are none. */
export function namesakeRefusal(others: { id: number; name: string }[]): MutationError | null {
  if (others.length === 0) return null;
  const list = others.slice(0, 3).map((o) => `“${o.name}” (#${o.id})`).join(', ');
  const message = `${others.length === 1 ? 'Another actor' : 'Other actors'} already ${others.length === 1 ? 'has' : 'have'} this name or an alias that reads the same: ${list}. Choose ${others.length === 1 ? 'that actor' : 'one of them'} instead, or confirm that this is a different actor with the same name.`;
  return new MutationError(message, { name: message }, 409);
}

export function createEntity(db: DbOrTx, input: EntityInput, actor: ChangeActor, options: EntityWriteOptions = {}): { id: number; version: number } {
  return db.transaction((tx) => {
    if (!options.allowNamesake) refuseNamesakes(tx, input.name, null);
    const ts = nowIso();
    const row = tx
      .insert(entities)
      .values({
        ...entityFields(input),
        createdAt: ts,
        updatedAt: ts,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: entities.id })
      .get();
    if (input.aliases.length > 0) {
      tx.insert(entityAliases)
        .values(input.aliases.map((alias) => ({ entityId: row.id, alias })))
        .run();
    }
    recordRevision(tx, 'entity', row.id, { action: 'create', actor });
    return { id: row.id, version: 1 };
  });
}

/**
 * Creates many actors with statements prepared once (the CSV import creates hundreds); the same
 * rows and revisions as `createEntity` for each. Run inside a transaction. Returns the ids in order.
 */
export function createEntitiesInBulk(tx: Tx, inputs: EntityInput[], actor: ChangeActor): number[] {
  if (inputs.length === 0) return [];
  const p = sql.placeholder;
  const insert = tx
    .insert(entities)
    .values({
      kind: p('kind'),
      name: p('name'),
      description: p('description'),
      countryCode: p('countryCode'),
      opensanctionsId: p('opensanctionsId'),
      ofacUid: p('ofacUid'),
      createdAt: p('ts'),
      updatedAt: p('ts'),
      createdBy: p('userId'),
      updatedBy: p('userId'),
    })
    .returning()
    .prepare();
  const insertAlias = tx.insert(entityAliases).values({ entityId: p('entityId'), alias: p('alias') }).prepare();
  const insertRevision = tx
    .insert(revisions)
    .values({ recordType: 'entity', recordId: p('id'), action: 'create', version: p('version'), userId: p('userId'), actor: actor.label, createdAt: p('ts'), snapshot: p('snapshot'), note: null })
    .prepare();
  return inputs.map((input) => {
    const ts = nowIso();
    const row = insert.get({ ...input, ts, userId: actor.userId });
    for (const alias of input.aliases) insertAlias.run({ entityId: row.id, alias });
    const snapshot: EntitySnapshot = { ...row, aliases: [...input.aliases].sort(compareAsSqlite) };
    insertRevision.run({ id: row.id, version: row.version, userId: actor.userId, ts, snapshot });
    return row.id;
  });
}

/** Same check as for events: only the version the caller started from may be changed. */
function claimEntityVersion(tx: Tx, id: number, expectedVersion: number, set: Partial<typeof entities.$inferInsert>): number {
  const result = tx
    .update(entities)
    .set({ ...set, version: sql`${entities.version} + 1` })
    .where(and(eq(entities.id, id), eq(entities.version, expectedVersion), isNull(entities.mergedIntoId)))
    .run();
  if (result.changes === 1) return expectedVersion + 1;
  throw entityClaimRefusal(tx.select({ version: entities.version, mergedIntoId: entities.mergedIntoId }).from(entities).where(eq(entities.id, id)).get(), expectedVersion);
}

/** Why an actor's version claim matched nothing: gone, changed since, or merged. */
export function entityClaimRefusal(current: { version: number } | undefined, expectedVersion: number): MutationError {
  if (!current) return new MutationError('This actor does not exist.', {}, 404);
  if (current.version !== expectedVersion) return new VersionConflictError(current.version, false);
  return new MutationError('This actor has been merged into another; edit that one, or undo the merge first.', {}, 409);
}

function eventIdsOf(tx: DbOrTx, entityIds: number[]): number[] {
  if (entityIds.length === 0) return [];
  return [
    ...new Set(
      tx
        .select({ eventId: eventEntities.eventId })
        .from(eventEntities)
        .where(inArray(eventEntities.entityId, entityIds))
        .all()
        .map((r) => r.eventId),
    ),
  ];
}

/** The `entities` row's columns from the form's input (aliases are rows of their own). */
export function entityFields({ aliases: _aliases, ...fields }: EntityInput) {
  return fields;
}

export function updateEntity(
  db: Db,
  id: number,
  input: EntityInput,
  expectedVersion: number,
  actor: ChangeActor,
  options: EntityWriteOptions = {},
): { id: number; version: number; changed: boolean } {
  return db.transaction(
    (tx) => {
      const before = tx.select().from(entities).where(eq(entities.id, id)).get();
      if (!before) throw new MutationError('This actor does not exist.', {}, 404);
      const beforeAliases = entityAliasList(tx, id).sort();
      if (entityUnchanged(before, beforeAliases, input)) {
        // Still refuse a stale save: the person must see what changed before "nothing to do".
        if (before.version !== expectedVersion) throw new VersionConflictError(before.version, false);
        return { id, version: before.version, changed: false };
      }
      if (!options.allowNamesake && nameKey(before.name) !== nameKey(input.name)) refuseNamesakes(tx, input.name, id);
      const version = claimEntityVersion(tx, id, expectedVersion, {
        ...entityFields(input),
        updatedAt: nowIso(),
        updatedBy: actor.userId,
      });
      tx.delete(entityAliases).where(eq(entityAliases.entityId, id)).run();
      if (input.aliases.length > 0) {
        tx.insert(entityAliases)
          .values(input.aliases.map((alias) => ({ entityId: id, alias })))
          .run();
      }
      // Search finds events by their actors' names and aliases.
      if (namesChanged(before, beforeAliases, input)) {
        reindexEvents(tx, eventIdsOf(tx, [id]));
      }
      recordRevision(tx, 'entity', id, { action: 'update', actor });
      return { id, version, changed: true };
    },
    { behavior: 'immediate' },
  );
}

/** Whether a save would change nothing (`beforeAliases` sorted). */
export function entityUnchanged(before: typeof entities.$inferSelect, beforeAliases: string[], input: EntityInput): boolean {
  const fields = entityFields(input);
  return (Object.keys(fields) as (keyof typeof fields)[]).every((k) => before[k] === fields[k]) && !aliasesChanged(beforeAliases, input);
}

/** Whether search must read the actor's events again: its name or aliases change (`beforeAliases` sorted). */
export function namesChanged(before: { name: string }, beforeAliases: string[], input: EntityInput): boolean {
  return before.name !== input.name || aliasesChanged(beforeAliases, input);
}

const aliasesChanged = (beforeAliases: string[], input: EntityInput) => JSON.stringify(beforeAliases) !== JSON.stringify([...input.aliases].sort());

/** Marks events whose actors a merge changed: new version, revision, fresh search row. */
function touchEvents(tx: Tx, eventIds: number[], actor: ChangeActor, action: 'merge' | 'unmerge', note: string): void {
  if (eventIds.length === 0) return;
  const ts = nowIso();
  tx.update(events)
    .set({ version: sql`${events.version} + 1`, updatedAt: ts, updatedBy: actor.userId })
    .where(inArray(events.id, eventIds))
    .run();
  reindexEvents(tx, eventIds);
  for (const id of eventIds) recordRevision(tx, 'event', id, { action, actor, note });
}

const COPYABLE = ['description', 'countryCode', 'opensanctionsId', 'ofacUid'] as const;

export interface MergeParams {
  survivorId: number;
  survivorVersion: number;
  mergedId: number;
  mergedVersion: number;
}

type EntityRow = typeof entities.$inferSelect;

/** Why two actors cannot be merged (gone, already merged, of different kinds), or null. */
export function mergeRefusal(survivor: EntityRow | undefined, merged: EntityRow | undefined): MutationError | null {
  if (!survivor || !merged) return new MutationError('One of these actors no longer exists.', {}, 404);
  if (survivor.mergedIntoId || merged.mergedIntoId) return new MutationError('One of these actors has already been merged into another.', { mergedId: 'Already merged.' }, 409);
  if (survivor.kind !== merged.kind) {
    return new MutationError('Only actors of the same kind can be merged; correct the kind of one of them first.', { mergedId: 'This actor is of another kind.' });
  }
  return null;
}

/** Identifiers the survivor lacks and the merged actor has: copied over. */
export function copiedInMerge(survivor: EntityRow, merged: EntityRow): Record<string, string> {
  const copiedFields: Record<string, string> = {};
  for (const field of COPYABLE) {
    const value = merged[field];
    if (survivor[field] === null && value !== null) copiedFields[field] = value;
  }
  return copiedFields;
}

/** The merged actor's name and aliases the survivor gains: not one spelt as one it has (lib/text/normalise.ts `spellingKey`). */
export function aliasesAddedInMerge(survivorName: string, survivorAliases: string[], mergedName: string, mergedAliases: string[]): string[] {
  const known = new Set([survivorName, ...survivorAliases].map(spellingKey));
  const addedAliases: string[] = [];
  for (const alias of [mergedName, ...mergedAliases]) {
    if (known.has(spellingKey(alias))) continue;
    known.add(spellingKey(alias));
    addedAliases.push(alias);
  }
  return addedAliases;
}

/** What the histories say of a merge. */
export function mergeNotes(survivor: { id: number; name: string }, merged: { id: number; name: string }, mergeId: number) {
  return {
    events: `Actor “${merged.name}” merged into “${survivor.name}”.`,
    survivor: `Absorbed “${merged.name}” (#${merged.id}); merge #${mergeId}.`,
    merged: `Merged into “${survivor.name}” (#${survivor.id}); merge #${mergeId}.`,
  };
}

/** Why a merge cannot be undone, or null. */
export function undoRefusal(
  merge: { survivorId: number; undoneAt: string | null } | undefined,
  merged: EntityRow | undefined,
  survivor: EntityRow | undefined,
): MutationError | null {
  if (!merge) return new MutationError('That merge does not exist.', {}, 404);
  if (merge.undoneAt) return new MutationError('That merge has already been undone.', {}, 409);
  if (!merged || !survivor || merged.mergedIntoId !== merge.survivorId) return new MutationError('This merge can no longer be undone: the actors have changed since.', {}, 409);
  if (survivor.mergedIntoId) return new MutationError(`“${survivor.name}” has itself been merged since; undo that merge first.`, {}, 409);
  return null;
}

/** Identifiers the merge copied that the survivor still holds as copied: they go again. */
export function fieldsToUncopy(survivor: EntityRow, copiedFields: Record<string, string>): Record<string, null> {
  const restoreFields: Record<string, null> = {};
  for (const [field, value] of Object.entries(copiedFields)) {
    if ((survivor as Record<string, unknown>)[field] === value) restoreFields[field] = null;
  }
  return restoreFields;
}

/** What the histories say of an undone merge. */
export function undoNotes(survivor: { id: number; name: string }, merged: { id: number; name: string }, mergeId: number) {
  return {
    events: `Merge of “${merged.name}” into “${survivor.name}” undone.`,
    survivor: `“${merged.name}” (#${merged.id}) separated again; merge #${mergeId} undone.`,
    merged: `No longer merged into “${survivor.name}”; merge #${mergeId} undone.`,
  };
}

/**
 * Merges `mergedId` into `survivorId` (two records of one person or body): the merged actor's
 * event roles move to the survivor, its name and aliases become the survivor's aliases, identifiers
 * the survivor lacks are copied, and the merged record points at the survivor. Everything moved is
 * recorded in `entity_merges`, so `undoMerge` can put it back.
 */
export function mergeEntities(db: Db, params: MergeParams, actor: ChangeActor): { mergeId: number; eventIds: number[] } {
  const { survivorId, mergedId } = params;
  if (survivorId === mergedId) throw new MutationError('Choose two different actors to merge.', { mergedId: 'Choose a different actor.' });
  return db.transaction(
    (tx) => {
      const survivor = tx.select().from(entities).where(eq(entities.id, survivorId)).get();
      const merged = tx.select().from(entities).where(eq(entities.id, mergedId)).get();
      const refusal = mergeRefusal(survivor, merged);
      if (refusal) throw refusal;

      const ts = nowIso();
      const copiedFields = copiedInMerge(survivor!, merged!);
      claimEntityVersion(tx, survivorId, params.survivorVersion, { ...copiedFields, updatedAt: ts, updatedBy: actor.userId });
      claimEntityVersion(tx, mergedId, params.mergedVersion, { mergedIntoId: survivorId, updatedAt: ts, updatedBy: actor.userId });
      const addedAliases = aliasesAddedInMerge(survivor!.name, entityAliasList(tx, survivorId), merged!.name, entityAliasList(tx, mergedId));
      if (addedAliases.length > 0) {
        tx.insert(entityAliases)
          .values(addedAliases.map((alias) => ({ entityId: survivorId, alias })))
          .run();
      }

      const survivorLinks = new Set(
        tx
          .select({ eventId: eventEntities.eventId, role: eventEntities.role })
          .from(eventEntities)
          .where(eq(eventEntities.entityId, survivorId))
          .all()
          .map((l) => `${l.eventId}:${l.role}`),
      );
      const moved: { eventId: number; role: string }[] = [];
      const dropped: { eventId: number; role: string }[] = [];
      for (const link of tx.select().from(eventEntities).where(eq(eventEntities.entityId, mergedId)).all()) {
        const where = and(eq(eventEntities.eventId, link.eventId), eq(eventEntities.entityId, mergedId), eq(eventEntities.role, link.role));
        if (survivorLinks.has(`${link.eventId}:${link.role}`)) {
          tx.delete(eventEntities).where(where).run();
          dropped.push({ eventId: link.eventId, role: link.role });
        } else {
          tx.update(eventEntities).set({ entityId: survivorId }).where(where).run();
          moved.push({ eventId: link.eventId, role: link.role });
        }
      }

      const merge = tx
        .insert(entityMerges)
        .values({ survivorId, mergedId, moved, dropped, addedAliases, copiedFields, createdAt: ts, createdBy: actor.userId })
        .returning({ id: entityMerges.id })
        .get();

      const eventIds = [...new Set([...moved, ...dropped].map((l) => l.eventId))];
      const notes = mergeNotes(survivor!, merged!, merge.id);
      touchEvents(tx, eventIds, actor, 'merge', notes.events);
      // Search rows of the survivor's other events gain the new aliases.
      reindexEvents(tx, eventIdsOf(tx, [survivorId]));
      recordRevision(tx, 'entity', survivorId, { action: 'merge', actor, note: notes.survivor });
      recordRevision(tx, 'entity', mergedId, { action: 'merge', actor, note: notes.merged });
      return { mergeId: merge.id, eventIds };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Undoes a merge: the merged actor comes back with the event roles it had, and the survivor loses
 * the aliases and identifiers it gained, unless an edit since then changed them. A role removed
 * from an event after the merge stays removed.
 */
export function undoMerge(db: Db, mergeId: number, actor: ChangeActor): { survivorId: number; mergedId: number; eventIds: number[] } {
  return db.transaction(
    (tx) => {
      const merge = tx.select().from(entityMerges).where(eq(entityMerges.id, mergeId)).get();
      const merged = merge ? tx.select().from(entities).where(eq(entities.id, merge.mergedId)).get() : undefined;
      const survivor = merge ? tx.select().from(entities).where(eq(entities.id, merge.survivorId)).get() : undefined;
      const refusal = undoRefusal(merge, merged, survivor);
      if (refusal || !merge || !merged || !survivor) throw refusal;

      const ts = nowIso();
      const touched = new Set<number>();
      for (const link of merge.moved) {
        const role = link.role as (typeof eventEntities.$inferSelect)['role'];
        const onSurvivor = and(eq(eventEntities.eventId, link.eventId), eq(eventEntities.entityId, merge.survivorId), eq(eventEntities.role, role));
        if (!tx.select().from(eventEntities).where(onSurvivor).get()) continue;
        tx.update(eventEntities).set({ entityId: merge.mergedId }).where(onSurvivor).run();
        touched.add(link.eventId);
      }
      for (const link of merge.dropped) {
        const role = link.role as (typeof eventEntities.$inferSelect)['role'];
        const survivorStill = tx
          .select()
          .from(eventEntities)
          .where(and(eq(eventEntities.eventId, link.eventId), eq(eventEntities.entityId, merge.survivorId), eq(eventEntities.role, role)))
          .get();
        if (!survivorStill) continue;
        tx.insert(eventEntities).values({ eventId: link.eventId, entityId: merge.mergedId, role }).onConflictDoNothing().run();
        touched.add(link.eventId);
      }
      if (merge.addedAliases.length > 0) {
        tx.delete(entityAliases)
          .where(and(eq(entityAliases.entityId, merge.survivorId), inArray(entityAliases.alias, merge.addedAliases)))
          .run();
      }
      const restoreFields = fieldsToUncopy(survivor, merge.copiedFields);
      tx.update(entities)
        .set({ ...restoreFields, version: sql`${entities.version} + 1`, updatedAt: ts, updatedBy: actor.userId })
        .where(eq(entities.id, merge.survivorId))
        .run();
      tx.update(entities)
        .set({ mergedIntoId: null, version: sql`${entities.version} + 1`, updatedAt: ts, updatedBy: actor.userId })
        .where(eq(entities.id, merge.mergedId))
        .run();
      tx.update(entityMerges).set({ undoneAt: ts, undoneBy: actor.userId }).where(eq(entityMerges.id, mergeId)).run();

      const eventIds = [...touched];
      const notes = undoNotes(survivor, merged, mergeId);
      touchEvents(tx, eventIds, actor, 'unmerge', notes.events);
      reindexEvents(tx, eventIdsOf(tx, [merge.survivorId, merge.mergedId]));
      recordRevision(tx, 'entity', merge.survivorId, { action: 'unmerge', actor, note: notes.survivor });
      recordRevision(tx, 'entity', merge.mergedId, { action: 'unmerge', actor, note: notes.merged });
      return { survivorId: merge.survivorId, mergedId: merge.mergedId, eventIds };
    },
    { behavior: 'immediate' },
  );
}

