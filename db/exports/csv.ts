/**
 * The events' CSV export: each row the export reads (db/queries/export.ts) becomes a record of the
 * file's columns (lib/csv/columns.ts), streamed through the CSV encoder (lib/csv/encode.ts).
 */
import { CSV_COLUMNS, type CsvRecord } from '@/lib/csv/columns';
import { splitValues } from '@/lib/csv/cells';
import { createCsvStream } from '@/lib/csv/encode';
import { toPartialIso } from '@/lib/dates';
import type { ExportRow } from '../queries/export';

export function toCsvRecord(row: ExportRow, origin: string): CsvRecord {
  const urls = row.sourceUrls ?? '';
  return {
    id: row.id,
    permalink: `${origin}/events/${row.id}`,
    date: toPartialIso(row.date, row.datePrecision),
    date_precision: row.datePrecision,
    effective_date: row.effectiveDate && row.effectiveDatePrecision ? toPartialIso(row.effectiveDate, row.effectiveDatePrecision) : null,
    end_date: row.endDate && row.endDatePrecision ? toPartialIso(row.endDate, row.endDatePrecision) : null,
    type: row.type,
    title: row.title,
    summary: row.summary,
    countries: row.countries,
    actors: row.actors,
    legal_authority: row.legalAuthority,
    program: row.program,
    tags: row.tags,
    // Positions line up with source_titles; a source without an address leaves its slot empty,
    // and a cell with no address at all stays empty.
    source_urls: splitValues(urls, { keepEmpty: true }).every((u) => u === '') ? null : urls,
    source_titles: row.sourceTitles,
    status: row.status,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export interface EventCsvOptions {
  /** Write a byte-order mark first (default true; `bom=0` in the URL turns it off). */
  bom: boolean;
  /** The tracker's address, for each event's permalink. */
  origin: string;
}

/** The whole export as bytes, one batch of rows at a time. */
export function createEventCsvStream(
  batches: Iterator<ExportRow[]> | AsyncIterator<ExportRow[]>,
  { bom, origin }: EventCsvOptions,
): ReadableStream<Uint8Array> {
  return createCsvStream(batches, { columns: CSV_COLUMNS, toRecord: (row) => toCsvRecord(row, origin), bom });
}
