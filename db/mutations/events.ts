/**
 * Writes to events. Each runs in one transaction that also refreshes the search index and
 * appends the revision row, so the data, what search finds and the history never disagree.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../client';
import { MutationError } from '../errors';
import { nowIso, recordEventRevision, type ChangeActor } from '../revisions';
import { reindexEvents } from '../search-index';
import { entities, eventCountries, eventEntities, eventLinks, events, eventTags, sources, tags } from '../schema';
import { slugify } from '@/lib/slug';
import type { EventInput } from '@/lib/validation/event';

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
  const errors: Record<string, string> = {};
  const entityIds = [...new Set(input.actors.map((a) => a.entityId))];
  if (entityIds.length > 0) {
    const found = new Set(
      tx
        .select({ id: entities.id })
        .from(entities)
        .where(inArray(entities.id, entityIds))
        .all()
        .map((r) => r.id),
    );
    input.actors.forEach((a, i) => {
      if (!found.has(a.entityId)) errors[`actors.${i}.entityId`] = `Actor #${a.entityId} does not exist.`;
    });
  }
  const linkIds = [...new Set(input.links.map((l) => l.toEventId))];
  if (linkIds.length > 0) {
    const found = new Set(
      tx
        .select({ id: events.id })
        .from(events)
        .where(inArray(events.id, linkIds))
        .all()
        .map((r) => r.id),
    );
    input.links.forEach((l, i) => {
      if (l.toEventId === selfId) errors[`links.${i}.toEventId`] = 'An event cannot link to itself.';
      else if (!found.has(l.toEventId)) errors[`links.${i}.toEventId`] = `Event #${l.toEventId} does not exist.`;
    });
  }
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

function eventColumns(input: EventInput) {
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

export function createEventInTx(
  tx: Tx,
  input: EventInput,
  actor: ChangeActor,
  options: CreateEventOptions = {},
): { id: number; version: number } {
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
  recordEventRevision(tx, row.id, { action: options.action ?? 'create', actor, note: options.note });
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
