/**
 * The export's row built in JavaScript from an event as the JSON API returns it. The export builds
 * its list cells in SQL (db/queries/export.ts); tests compare the two, so that the CSV and the
 * JSON of one view agree cell for cell.
 */
import { escapeListValue, formatActor, formatCountry, joinValues, MULTI_VALUE_SEPARATOR } from '@/lib/csv/cells';
import type { EventSummary } from '../queries/events';
import type { ExportRow } from '../queries/export';

export function summaryToExportRow({ version: _version, countries, actors, tags, sources, ...event }: EventSummary): ExportRow {
  return {
    ...event,
    countries: joinValues(countries.map((c) => formatCountry(c.code, c.role))) || null,
    // Names are escaped before the bracket is added: the bracket is syntax, not part of a value.
    actors: actors.map((a) => formatActor(escapeListValue(a.name), a.role, a.kind)).join(MULTI_VALUE_SEPARATOR) || null,
    tags: joinValues(tags.map((t) => t.label)) || null,
    sourceUrls: sources.length > 0 ? joinValues(sources.map((s) => s.url ?? '')) : null,
    sourceTitles: joinValues(sources.map((s) => s.title)) || null,
  };
}

/** A plain published row, for tests to change one cell of. */
export const PLAIN_EXPORT_ROW: ExportRow = {
  id: 1,
  date: '2023-03-28',
  datePrecision: 'day',
  effectiveDate: null,
  effectiveDatePrecision: null,
  endDate: null,
  endDatePrecision: null,
  type: 'designation',
  title: 'A title',
  summary: 'A summary',
  countries: null,
  actors: null,
  legalAuthority: null,
  program: null,
  tags: null,
  sourceUrls: null,
  sourceTitles: null,
  status: 'published',
  createdAt: '2026-11-27T21:00:00.000Z',
  updatedAt: '2026-11-27T21:05:00.000Z',
};
