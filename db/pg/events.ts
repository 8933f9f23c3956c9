/**
 * Reading events on PostgreSQL: the twins of db/queries/events.ts's `attachRelations` and
 * `getEvent`, and of db/queries/timeline.ts's SQL path (`listBySql`, `countTimeline`), with the
 * same shapes, the same order and the same cursors, so an HTTP answer cannot tell the engines
 * apart (db/pg/events.test.ts compares them). Names and labels are ordered with `COLLATE "C"`:
 * byte order, as SQLite's BINARY collation orders them, whatever the database's own collation is.
 *
 * The facet index (db/derived/facet-index.ts) is SQLite's shortcut to the same pages; here the
 * plain SQL answers, as it does on SQLite while the index builds. Totals take the maintained
 * counts where SQLite does.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type Column, type SQL } from 'drizzle-orm';
import type { TimelineFilters } from '@/lib/filters';
import {
  afterCursor,
  assembleRelations,
  chunks,
  CITED_SOURCE_FIELDS,
  DETAIL_FIELDS,
  encodeCursor,
  SUMMARY_FIELDS,
  type EventDetail,
  type EventLinkView,
  type EventsPage,
  type EventSummaryRow,
  type GetEventOptions,
  type Relations,
  type RelationRows,
  type Visibility,
} from '@/db/queries/events';
import { pickColumns } from '@/db/queries/columns';
import { sourceVisibility } from '@/db/queries/filter-conditions';
import { searchQueryGroups } from '@/db/queries/search';
import { monthWhere, onlyMonthCounts, singleValueTotalSql } from '@/db/queries/maintained-counts';
import { clampLimit, countsDescribe, encodeRankCursor, MAX_RANK_OFFSET, type TimelineQueryOptions } from '@/db/queries/timeline';
import type { PgDb } from './connect';
import { PG_SOURCES, pgTimelineWhere } from './filters';
import { entities, eventCountries, eventEntities, eventLinks, events, eventTags, sources, tags } from './schema';
import { pgRankedMatchesSql } from './search';

const summaryColumns = pickColumns(events, SUMMARY_FIELDS);
const byteOrder = (column: SQL | Column) => sql`${column} COLLATE "C"`;

/** Countries, actors, tags and sources for a batch of rows in four queries per 500 rows. */
export async function pgAttachRelations<R extends EventSummaryRow>(db: PgDb, rows: R[]): Promise<(R & Relations)[]> {
  if (rows.length === 0) return [];
  const found: RelationRows = { countryRows: [], actorRows: [], tagRows: [], sourceRows: [] };
  for (const part of chunks(rows.map((r) => r.id))) {
    const [countryRows, actorRows, tagRows, sourceRows] = await Promise.all([
      db
        .select({ eventId: eventCountries.eventId, code: eventCountries.countryCode, role: eventCountries.role })
        .from(eventCountries)
        .where(inArray(eventCountries.eventId, part)),
      db
        .select({ eventId: eventEntities.eventId, id: entities.id, name: entities.name, kind: entities.kind, role: eventEntities.role })
        .from(eventEntities)
        .innerJoin(entities, eq(entities.id, eventEntities.entityId))
        .where(inArray(eventEntities.eventId, part))
        .orderBy(asc(eventEntities.eventId), byteOrder(entities.name), asc(eventEntities.entityId), byteOrder(eventEntities.role)),
      db
        .select({ eventId: eventTags.eventId, slug: tags.slug, label: tags.label })
        .from(eventTags)
        .innerJoin(tags, eq(tags.id, eventTags.tagId))
        .where(inArray(eventTags.eventId, part))
        .orderBy(byteOrder(tags.label), byteOrder(tags.slug)),
      db
        .select(pickColumns(sources, CITED_SOURCE_FIELDS))
        .from(sources)
        .where(inArray(sources.eventId, part))
        .orderBy(asc(sources.eventId), asc(sources.position), asc(sources.id)),
    ]);
    found.countryRows.push(...countryRows);
    found.actorRows.push(...actorRows);
    found.tagRows.push(...tagRows);
    found.sourceRows.push(...sourceRows);
  }
  return assembleRelations(rows, found);
}

const visibilityConditions = (visibility: Visibility = {}) => sourceVisibility(PG_SOURCES.events, visibility);

// Dates are ISO text of one shape (YYYY-MM-DD): every collation orders them as bytes do, so the
// column's own collation keeps the date indexes usable (COLLATE "C" here made PostgreSQL sort).
const TIMELINE_ORDER = [desc(events.date), desc(events.id)] as const;

/** One page of the filtered timeline in the filters' order: `listBySql`'s twin. */
export async function pgListTimeline(db: PgDb, filters: TimelineFilters, options: TimelineQueryOptions = {}): Promise<EventsPage> {
  const limit = clampLimit(options.limit);
  const groups = searchQueryGroups(filters);
  const visibility: Visibility = { includeDrafts: options.includeDrafts };

  if (filters.sort === 'relevance' && groups) {
    const offset = options.position?.kind === 'rank' ? options.position.offset : 0;
    const ranked = sql`(${pgRankedMatchesSql(groups)})`;
    const rows = await db
      .select(summaryColumns)
      .from(events)
      .innerJoin(sql`${ranked} AS ranked`, sql`ranked.id = ${events.id}`)
      .where(pgTimelineWhere(filters, { ...visibility, omitSearch: true }))
      .orderBy(sql`ranked.score`, ...TIMELINE_ORDER)
      .limit(limit + 1)
      .offset(offset);
    return {
      items: await pgAttachRelations(db, rows.slice(0, limit)),
      nextCursor: rows.length > limit && offset + limit <= MAX_RANK_OFFSET ? encodeRankCursor(offset + limit) : null,
    };
  }

  const rows = await db
    .select(summaryColumns)
    .from(events)
    .where(and(pgTimelineWhere(filters, visibility), options.position?.kind === 'date' ? afterCursor(options.position.cursor, events) : undefined))
    .orderBy(...TIMELINE_ORDER)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await pgAttachRelations(db, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ date: last.date, id: last.id }) : null,
  };
}

/**
 * How many events the filtered view holds: `countTimeline`'s twin. The maintained counts answer a
 * published view filtered by types and whole months, or by one value of one filter, with the same
 * SQL as on SQLite (maintained-counts.ts); anything else is counted.
 */
export async function pgCountTimeline(db: PgDb, filters: TimelineFilters, visibility: Visibility = {}): Promise<number> {
  if (countsDescribe(filters, visibility)) {
    const maintained = onlyMonthCounts(filters)
      ? sql`SELECT sum(n) AS n FROM event_month_counts WHERE ${monthWhere(filters)}`
      : singleValueTotalSql(filters);
    if (maintained) return Number((await db.execute<{ n: string | null }>(maintained)).rows[0]?.n ?? 0);
  }
  const [row] = await db
    .select({ n: sql<string>`count(*)` })
    .from(events)
    .where(pgTimelineWhere(filters, visibility));
  return Number(row?.n ?? 0);
}

/** How many events of the view were recorded after `since` (an ISO instant): `countRecordedSince`'s twin. */
export async function pgCountRecordedSince(db: PgDb, since: string, filters: TimelineFilters, visibility: Visibility): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`count(*)` })
    .from(events)
    .where(and(sql`${events.createdAt} > ${since}`, pgTimelineWhere(filters, visibility)));
  return Number(row?.n ?? 0);
}

const linkedColumns = pickColumns(events, ['id', 'title', 'type', 'date', 'datePrecision', 'status']);

/** Links both ways, to events the reader may see, oldest first: `getEventLinks`' twin. */
export async function pgGetEventLinks(db: PgDb, id: number, visibility: Visibility = {}): Promise<EventLinkView[]> {
  const visible = visibilityConditions(visibility);
  const [outgoing, incoming] = await Promise.all([
    db
      .select({ kind: eventLinks.kind, event: linkedColumns })
      .from(eventLinks)
      .innerJoin(events, eq(events.id, eventLinks.toEventId))
      .where(and(eq(eventLinks.fromEventId, id), ...visible)),
    db
      .select({ kind: eventLinks.kind, event: linkedColumns })
      .from(eventLinks)
      .innerJoin(events, eq(events.id, eventLinks.fromEventId))
      .where(and(eq(eventLinks.toEventId, id), ...visible)),
  ]);
  return [...outgoing.map((r) => ({ direction: 'out' as const, ...r })), ...incoming.map((r) => ({ direction: 'in' as const, ...r }))].sort(
    (a, b) => a.event.date.localeCompare(b.event.date) || a.event.id - b.event.id,
  );
}

/** One event with everything its page shows, or null: `getEvent`'s twin. */
export async function pgGetEvent(db: PgDb, id: number, options: GetEventOptions = {}): Promise<EventDetail | null> {
  const conditions: SQL[] = [eq(events.id, id)];
  if (!options.includeDeleted) conditions.push(isNull(events.deletedAt));
  if (!options.includeDrafts) conditions.push(eq(events.status, 'published'));
  const [row] = await db
    .select({ ...summaryColumns, ...pickColumns(events, DETAIL_FIELDS) })
    .from(events)
    .where(and(...conditions));
  if (!row) return null;
  const [withRelations] = await pgAttachRelations(db, [row]);
  return { ...withRelations!, links: await pgGetEventLinks(db, id, options) };
}
