/**
 * The exports' reads. The WHERE comes from the same condition builder as the list
 * (filter-conditions.ts) and the order is the timeline's (newest first), so an export holds exactly
 * the events of the view. Rows come in keyset batches: each batch is one complete query, so the
 * connection is free for other requests between batches and memory holds one batch at a time.
 *
 * The CSV rows are one flat SELECT with the multi-valued cells built by SQLite (ordered as the
 * JSON API orders them), which is also the statement the benchmark hands to `sqlite3 -csv`.
 */
import { and, sql, type SQL } from 'drizzle-orm';
import type { TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '@/db/engine/client';
import { events } from '../schema';
import {
  afterCursor,
  summaryColumns,
  TIMELINE_ORDER,
  visibilityConditions,
  type EventSummary,
  type EventSummaryRow,
  type TimelineCursor,
  type Visibility,
} from './events';
import { filterConditions } from './filter-conditions';
import { listTimeline, type TimelinePosition } from './timeline';

export const EXPORT_BATCH_SIZE = 1000;

/**
 * A value inside a list cell, escaped as lib/csv/cells.ts `escapeListValue` does: "\\" for a
 * backslash, "\;" for a semicolon, so that "; " only ever separates values.
 */
function escapeListValueSql(value: SQL): SQL {
  return sql`replace(replace(${value}, '\\', '\\\\'), ';', '\\;')`;
}

// Subqueries that order before aggregating keep the order of group_concat stable (and run on
// older sqlite3 command-line tools too, which lack ORDER BY inside aggregates).
const countriesCell = sql<string | null>`(SELECT group_concat(v, '; ') FROM (
    SELECT ec.country_code || ' (' || ec.role || ')' AS v FROM event_countries ec
     WHERE ec.event_id = "events"."id"
     ORDER BY CASE ec.role WHEN 'actor' THEN 0 WHEN 'target' THEN 1 ELSE 2 END, ec.country_code))`;
const actorsCell = sql<string | null>`(SELECT group_concat(v, '; ') FROM (
    SELECT ${escapeListValueSql(sql`en.name`)} || ' (' || ee.role || ', ' || en.kind || ')' AS v
      FROM event_entities ee JOIN entities en ON en.id = ee.entity_id
     WHERE ee.event_id = "events"."id" ORDER BY en.name, ee.role))`;
const tagsCell = sql<string | null>`(SELECT group_concat(v, '; ') FROM (
    SELECT ${escapeListValueSql(sql`t.label`)} AS v FROM event_tags et JOIN tags t ON t.id = et.tag_id
     WHERE et.event_id = "events"."id" ORDER BY t.label))`;
const sourceUrlsCell = sql<string | null>`(SELECT group_concat(v, '; ') FROM (
    SELECT ${escapeListValueSql(sql`coalesce(s.url, '')`)} AS v FROM sources s WHERE s.event_id = "events"."id" ORDER BY s.position, s.id))`;
const sourceTitlesCell = sql<string | null>`(SELECT group_concat(v, '; ') FROM (
    SELECT ${escapeListValueSql(sql`s.title`)} AS v FROM sources s WHERE s.event_id = "events"."id" ORDER BY s.position, s.id))`;

// The event's own columns: what a list shows, less the version counter.
const { version: _version, ...eventColumns } = summaryColumns;

const exportColumns = {
  ...eventColumns,
  countries: countriesCell,
  actors: actorsCell,
  tags: tagsCell,
  sourceUrls: sourceUrlsCell,
  sourceTitles: sourceTitlesCell,
};

/** One event as the export reads it: its columns, and the multi-valued cells already joined (lib/csv/cells.ts). */
export type ExportRow = Omit<EventSummaryRow, 'version'> &
  Record<'countries' | 'actors' | 'tags' | 'sourceUrls' | 'sourceTitles', string | null>;

/**
 * The export statement for one batch. Exposed so the benchmark can run the same SQL elsewhere:
 * with no position and `limit: null` it is the whole view in one statement (what `sqlite3 -csv`
 * is given).
 */
export function exportStatement(db: DbOrTx, filters: TimelineFilters, visibility: Visibility, after: TimelineCursor | null, limit: number | null) {
  const conditions: SQL[] = [...visibilityConditions(visibility), ...filterConditions(filters, visibility)];
  if (after) conditions.push(afterCursor(after));
  const query = db
    .select(exportColumns)
    .from(events)
    .where(and(...conditions))
    .orderBy(...TIMELINE_ORDER)
    .$dynamic();
  return limit === null ? query : query.limit(limit);
}

/** Every row of the view, newest first, in batches. */
export function* exportRows(
  db: DbOrTx,
  filters: TimelineFilters,
  visibility: Visibility,
  batchSize = EXPORT_BATCH_SIZE,
): Generator<ExportRow[], void, undefined> {
  let after: TimelineCursor | null = null;
  for (;;) {
    const rows: ExportRow[] = exportStatement(db, filters, visibility, after, batchSize).all();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { date: last.date, id: last.id };
  }
}

/** Every event of the view as the JSON API shows it, newest first, in batches (timeline order). */
export function* exportEvents(db: DbOrTx, filters: TimelineFilters, visibility: Visibility): Generator<EventSummary[], void, undefined> {
  const dateOrder = { ...filters, sort: 'date' as const };
  let position: TimelinePosition | null = null;
  for (;;) {
    const page = listTimeline(db, dateOrder, { ...visibility, position, limit: 200 });
    if (page.items.length > 0) yield page.items;
    if (!page.nextCursor) return;
    const last = page.items[page.items.length - 1]!;
    position = { kind: 'date', cursor: { date: last.date, id: last.id } };
  }
}
