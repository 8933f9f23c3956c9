/**
 * The exports' reads on PostgreSQL: the twin of db/queries/export.ts `exportRows`, with the same
 * rows in the same order and the same multi-valued cells, so a CSV or XLSX file cannot tell the
 * engines apart (db/store/store.test.ts compares them byte for byte). The cells are built by
 * `string_agg(... ORDER BY ...)`, names and labels in byte order (`COLLATE "C"`) as SQLite's
 * BINARY collation orders them. Rows come in keyset batches, each one complete query.
 */
import { and, sql, type SQL } from 'drizzle-orm';
import type { TimelineFilters } from '@/lib/filters';
import { afterCursor, SUMMARY_FIELDS, type TimelineCursor, type Visibility } from '@/db/queries/events';
import { pickColumns } from '@/db/queries/columns';
import { EXPORT_BATCH_SIZE, type ExportRow } from '@/db/queries/export';
import type { PgDb } from './connect';
import { pgTimelineWhere } from './filters';
import { events } from './schema';

/** `escapeListValue` (lib/csv/cells.ts) in SQL: "\\" for a backslash, "\;" for a semicolon. */
const escaped = (value: SQL) => sql`replace(replace(${value}, '\\', '\\\\'), ';', '\\;')`;

const countriesCell = sql<string | null>`(SELECT string_agg(ec.country_code || ' (' || ec.role || ')', '; '
    ORDER BY CASE ec.role WHEN 'actor' THEN 0 WHEN 'target' THEN 1 ELSE 2 END, ec.country_code COLLATE "C")
    FROM event_countries ec WHERE ec.event_id = "events"."id")`;
const actorsCell = sql<string | null>`(SELECT string_agg(${escaped(sql`en.name`)} || ' (' || ee.role || ', ' || en.kind || ')', '; '
    ORDER BY en.name COLLATE "C", ee.role COLLATE "C")
    FROM event_entities ee JOIN entities en ON en.id = ee.entity_id WHERE ee.event_id = "events"."id")`;
const tagsCell = sql<string | null>`(SELECT string_agg(${escaped(sql`t.label`)}, '; ' ORDER BY t.label COLLATE "C")
    FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE et.event_id = "events"."id")`;
const sourceUrlsCell = sql<string | null>`(SELECT string_agg(${escaped(sql`coalesce(s.url, '')`)}, '; ' ORDER BY s.position, s.id)
    FROM sources s WHERE s.event_id = "events"."id")`;
const sourceTitlesCell = sql<string | null>`(SELECT string_agg(${escaped(sql`s.title`)}, '; ' ORDER BY s.position, s.id)
    FROM sources s WHERE s.event_id = "events"."id")`;

const exportColumns = {
  ...pickColumns(
    events,
    SUMMARY_FIELDS.filter((f) => f !== 'version'),
  ),
  countries: countriesCell,
  actors: actorsCell,
  tags: tagsCell,
  sourceUrls: sourceUrlsCell,
  sourceTitles: sourceTitlesCell,
};

/** Every row of the view, newest first, in batches: `exportRows`' twin. */
export async function* pgExportRows(
  db: PgDb,
  filters: TimelineFilters,
  visibility: Visibility,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<ExportRow[], void, undefined> {
  let after: TimelineCursor | null = null;
  for (;;) {
    const rows = (await db
      .select(exportColumns)
      .from(events)
      .where(and(pgTimelineWhere(filters, visibility), after ? afterCursor(after, events) : undefined))
      .orderBy(sql`${events.date} DESC`, sql`${events.id} DESC`)
      .limit(batchSize)) as ExportRow[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { date: last.date, id: last.id };
  }
}
