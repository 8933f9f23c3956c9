/**
 * Reads of the event aggregate. A query takes `db` and a typed params object and builds its
 * WHERE as an array of conditions joined with `and(...)`, so it can be tested on a temporary
 * database and reused by the page, the API and the exports alike.
 */
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, type Column, type SQL } from 'drizzle-orm';
import type { CountryRole } from '@/lib/countries';
import type { Visibility } from '@/lib/filters';
import type { EntityKind, EntityRole, LinkKind } from '@/lib/vocabulary';
import type { DbOrTx } from '@/db/engine/client';
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
  type EventRow,
  type RevisionRow,
  type SourceRow,
} from '../schema';
import { pickColumns } from './columns';

// Declared in lib/filters.ts, where the filters decide what a viewer may ask for; every read here takes it.
export type { Visibility };

export interface EventCountry {
  code: string;
  role: CountryRole;
}

export interface EventActor {
  id: number;
  name: string;
  kind: EntityKind;
  role: EntityRole;
}

export interface EventTag {
  slug: string;
  label: string;
}

/** A news article, statement or document an event cites (the `sources` table). */
export type CitedSource = Omit<SourceRow, 'eventId' | 'position'>;

/** The event columns every list needs; `details` and the bookkeeping stay out (they can be long). */
export const SUMMARY_FIELDS = [
  'id',
  'type',
  'title',
  'summary',
  'date',
  'datePrecision',
  'effectiveDate',
  'effectiveDatePrecision',
  'endDate',
  'endDatePrecision',
  'status',
  'legalAuthority',
  'program',
  'createdAt',
  'updatedAt',
  'version',
] as const;

export const summaryColumns = pickColumns(events, SUMMARY_FIELDS);

/** The event's own columns that lists show. */
export type EventSummaryRow = Pick<EventRow, (typeof SUMMARY_FIELDS)[number]>;

/** An event as lists, the API and exports show it. */
export type EventSummary = EventSummaryRow & {
  countries: EventCountry[];
  actors: EventActor[];
  tags: EventTag[];
  sources: CitedSource[];
};

export type LinkedEvent = Pick<EventRow, 'id' | 'title' | 'type' | 'date' | 'datePrecision' | 'status'>;

export interface EventLinkView {
  /** `out`: this event links to the other; `in`: the other links to this one. */
  direction: 'out' | 'in';
  kind: LinkKind;
  event: LinkedEvent;
}

export const DETAIL_FIELDS = ['details', 'externalId', 'createdBy', 'updatedBy', 'deletedAt'] as const;

export type EventDetail = EventSummary & Pick<EventRow, (typeof DETAIL_FIELDS)[number]> & { links: EventLinkView[] };

export type Relations = Omit<EventSummary, keyof EventSummaryRow>;

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

// SQLite limits bound parameters per statement; pages are far smaller, exports batch below it.
const IN_CHUNK = 500;

export function chunks<T>(items: T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const COUNTRY_ROLE_ORDER: Record<CountryRole, number> = { actor: 0, target: 1, location: 2 };

/** The columns of a cited source with its event, for `pickColumns` on either engine's `sources`. */
export const CITED_SOURCE_FIELDS = ['eventId', 'id', 'url', 'title', 'publisher', 'publishedDate', 'excerpt', 'note'] as const;

/** Loads countries, actors, tags and sources for a batch of rows in four queries. */
export function attachRelations<R extends EventSummaryRow>(db: DbOrTx, rows: R[]): (R & Relations)[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const countryRows: RelationRows['countryRows'] = [];
  const actorRows: RelationRows['actorRows'] = [];
  const tagRows: RelationRows['tagRows'] = [];
  const sourceRows: RelationRows['sourceRows'] = [];
  for (const part of chunks(ids)) {
    countryRows.push(
      ...db
        .select({ eventId: eventCountries.eventId, code: eventCountries.countryCode, role: eventCountries.role })
        .from(eventCountries)
        .where(inArray(eventCountries.eventId, part))
        .all(),
    );
    actorRows.push(
      ...db
        .select({
          eventId: eventEntities.eventId,
          id: entities.id,
          name: entities.name,
          kind: entities.kind,
          role: eventEntities.role,
        })
        .from(eventEntities)
        .innerJoin(entities, eq(entities.id, eventEntities.entityId))
        .where(inArray(eventEntities.eventId, part))
        // Then by actor and role: one actor may take part in two roles, and the order must not be left to the plan.
        .orderBy(asc(eventEntities.eventId), asc(entities.name), asc(eventEntities.entityId), asc(eventEntities.role))
        .all(),
    );
    tagRows.push(
      ...db
        .select({ eventId: eventTags.eventId, slug: tags.slug, label: tags.label })
        .from(eventTags)
        .innerJoin(tags, eq(tags.id, eventTags.tagId))
        .where(inArray(eventTags.eventId, part))
        .orderBy(asc(tags.label), asc(tags.slug))
        .all(),
    );
    sourceRows.push(
      ...db
        .select(pickColumns(sources, CITED_SOURCE_FIELDS))
        .from(sources)
        .where(inArray(sources.eventId, part))
        .orderBy(asc(sources.eventId), asc(sources.position), asc(sources.id))
        .all(),
    );
  }
  return assembleRelations(rows, { countryRows, actorRows, tagRows, sourceRows });
}

/** The four relation queries' rows, as `attachRelations` reads them (and db/pg/events.ts, its twin). */
export interface RelationRows {
  countryRows: { eventId: number; code: string; role: CountryRole }[];
  /** Ordered by event, then actor name. */
  actorRows: { eventId: number; id: number; name: string; kind: EntityKind; role: EntityRole }[];
  /** Ordered by label. */
  tagRows: { eventId: number; slug: string; label: string }[];
  /** Ordered by event, position, id. */
  sourceRows: (CitedSource & { eventId: number })[];
}

/** Each row with its relations, in the order lists show them. */
export function assembleRelations<R extends EventSummaryRow>(rows: R[], { countryRows, actorRows, tagRows, sourceRows }: RelationRows): (R & Relations)[] {
  const countriesBy = groupBy(countryRows, (r) => r.eventId);
  const actorsBy = groupBy(actorRows, (r) => r.eventId);
  const tagsBy = groupBy(tagRows, (r) => r.eventId);
  const sourcesBy = groupBy(sourceRows, (r) => r.eventId);
  return rows.map((row) => ({
    ...row,
    countries: (countriesBy.get(row.id) ?? [])
      .map(({ code, role }) => ({ code, role }))
      .sort((a, b) => COUNTRY_ROLE_ORDER[a.role] - COUNTRY_ROLE_ORDER[b.role] || a.code.localeCompare(b.code)),
    actors: (actorsBy.get(row.id) ?? []).map(({ id, name, kind, role }) => ({ id, name, kind, role })),
    tags: (tagsBy.get(row.id) ?? []).map(({ slug, label }) => ({ slug, label })),
    sources: (sourcesBy.get(row.id) ?? []).map(({ eventId: _eventId, ...s }) => s),
  }));
}

/** Who may see what: the public sees published events only; nobody sees deleted ones here. */
export function visibilityConditions(visibility: Visibility = {}): SQL[] {
  const conditions: SQL[] = [isNull(events.deletedAt)];
  if (!visibility.includeDrafts) conditions.push(eq(events.status, 'published'));
  return conditions;
}

/** Keyset position in the timeline: the last row's (date, id). */
export interface TimelineCursor {
  date: string;
  id: number;
}

export function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(`${cursor.date}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string): TimelineCursor | null {
  if (value.length > 64) return null;
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d{2}-\d{2})\|(\d{1,15})$/.exec(decoded);
  if (!m) return null;
  const id = Number(m[2]);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return { date: m[1]!, id };
}

/**
 * Events after the cursor in timeline order (date, then id, both descending). The leading
 * `date <= cursor.date` is implied by the rest, but it is what lets SQLite start the index walk at
 * the cursor: without it, a deep page walked past every index entry before the cursor first, and
 * the CSV export's batches grew slower with every batch (docs/performance.md, "Measurements behind the code").
 */
export function afterCursor(cursor: TimelineCursor, t: { date: Column; id: Column } = events): SQL {
  return and(lte(t.date, cursor.date), or(lt(t.date, cursor.date), and(eq(t.date, cursor.date), lt(t.id, cursor.id))))!;
}

export const TIMELINE_ORDER = [desc(events.date), desc(events.id)] as const;

/** One page of a list of events: the events, and the cursor of the next page (null at the end). */
export interface EventsPage {
  items: EventSummary[];
  nextCursor: string | null;
}

/** Parses a route's id segment; anything but a positive integer is "not found", not an error. */
export function parseId(value: string): number | null {
  if (!/^[1-9]\d{0,14}$/.test(value)) return null;
  const id = Number(value);
  // Ids are 32-bit on PostgreSQL: a larger number names no record on either engine.
  return id <= MAX_RECORD_ID ? id : null;
}

/** The largest record id: PostgreSQL's `integer`. */
export const MAX_RECORD_ID = 2_147_483_647;

export interface GetEventOptions extends Visibility {
  includeDeleted?: boolean;
}

/** One event with everything its page shows, or null when it does not exist or may not be seen. */
export function getEvent(db: DbOrTx, id: number, options: GetEventOptions = {}): EventDetail | null {
  const conditions: SQL[] = [eq(events.id, id)];
  if (!options.includeDeleted) conditions.push(isNull(events.deletedAt));
  if (!options.includeDrafts) conditions.push(eq(events.status, 'published'));
  const row = db
    .select({ ...summaryColumns, ...pickColumns(events, DETAIL_FIELDS) })
    .from(events)
    .where(and(...conditions))
    .get();
  if (!row) return null;
  const [withRelations] = attachRelations(db, [row]);
  return { ...withRelations!, links: getEventLinks(db, id, options) };
}

const linkedColumns = pickColumns(events, ['id', 'title', 'type', 'date', 'datePrecision', 'status']);

/** Links both ways, to events the reader may see, oldest first. */
export function getEventLinks(db: DbOrTx, id: number, visibility: Visibility = {}): EventLinkView[] {
  const visible = visibilityConditions(visibility);
  const outgoing = db
    .select({ kind: eventLinks.kind, event: linkedColumns })
    .from(eventLinks)
    .innerJoin(events, eq(events.id, eventLinks.toEventId))
    .where(and(eq(eventLinks.fromEventId, id), ...visible))
    .all()
    .map((r) => ({ direction: 'out' as const, ...r }));
  const incoming = db
    .select({ kind: eventLinks.kind, event: linkedColumns })
    .from(eventLinks)
    .innerJoin(events, eq(events.id, eventLinks.fromEventId))
    .where(and(eq(eventLinks.toEventId, id), ...visible))
    .all()
    .map((r) => ({ direction: 'in' as const, ...r }));
  return [...outgoing, ...incoming].sort(
    (a, b) => a.event.date.localeCompare(b.event.date) || a.event.id - b.event.id,
  );
}

const REVISION_LIST_FIELDS = ['id', 'action', 'version', 'actor', 'userId', 'createdAt', 'note'] as const;

export type RevisionListItem = Pick<RevisionRow, (typeof REVISION_LIST_FIELDS)[number]>;

/** The history of one record, newest first (without snapshots; load one when it is needed). */
export function listRevisions(db: DbOrTx, recordType: 'event' | 'entity', recordId: number): RevisionListItem[] {
  return db
    .select(pickColumns(revisions, REVISION_LIST_FIELDS))
    .from(revisions)
    .where(and(eq(revisions.recordType, recordType), eq(revisions.recordId, recordId)))
    .orderBy(desc(revisions.id))
    .all();
}
