/**
 * CSV export encoding: RFC 4180 with CRLF line ends, a header row, UTF-8 with a byte-order mark
 * by default (so Excel reads "Erdoğan" correctly), written with csv-stringify. Text cells that a
 * spreadsheet would run as a formula are neutralised here; numbers and dates stay plain.
 */
import { stringify } from 'csv-stringify/sync';
import type { EventSummary } from '@/db/queries/events';
import { toPartialIso, type DatePrecision } from '@/lib/dates';
import { escapeListValue, formatActor, formatCountry, joinValues, MULTI_VALUE_SEPARATOR, splitValues } from './cells';

type ColumnKind = 'number' | 'date' | 'text';

/** The export's columns, in order. `kind` decides whether formula neutralising applies. */
export const CSV_COLUMNS = [
  { key: 'id', kind: 'number' },
  { key: 'permalink', kind: 'text' },
  { key: 'date', kind: 'date' },
  { key: 'date_precision', kind: 'text' },
  { key: 'effective_date', kind: 'date' },
  { key: 'end_date', kind: 'date' },
  { key: 'type', kind: 'text' },
  { key: 'title', kind: 'text' },
  { key: 'summary', kind: 'text' },
  { key: 'countries', kind: 'text' },
  { key: 'actors', kind: 'text' },
  { key: 'legal_authority', kind: 'text' },
  { key: 'program', kind: 'text' },
  { key: 'tags', kind: 'text' },
  { key: 'source_urls', kind: 'text' },
  { key: 'source_titles', kind: 'text' },
  { key: 'status', kind: 'text' },
  { key: 'created_at', kind: 'date' },
  { key: 'updated_at', kind: 'date' },
] as const satisfies readonly { key: string; kind: ColumnKind }[];

export type CsvColumnKey = (typeof CSV_COLUMNS)[number]['key'];
export type CsvRecord = Record<CsvColumnKey, string | number | null>;

export const CSV_HEADER = CSV_COLUMNS.map((c) => c.key);

/**
 * What a spreadsheet runs as a formula: a cell whose first non-blank character is =, +, -, @ or
 * a tab (or the full-width forms of the first four, which Apple Numbers folds into them), or that
 * starts with CR or LF. csv-stringify's `escape_formulas` misses a leading line feed and leading spaces, hence
 * our own rule. Text that already starts with apostrophes before a trigger ("'=1+1" typed as a
 * title) is marked too; otherwise the import, which removes one apostrophe, would take the
 * author's away.
 */
const TRIGGER = String.raw`[ \u00a0]*[\t=+\-@\uff1d\uff0b\uff0d\uff20]`;
const NEEDS_MARK = new RegExp(String.raw`^'*(?:[\r\n]|${TRIGGER})`);
/**
 * The same rule for every line after a line break inside a cell: a line-oriented reader (or a
 * spreadsheet that splits the record at the break) sees that line on its own, so it must not start
 * a formula either. A blank line is no trigger there, so paragraphs stay as they were written.
 */
const LINE_BREAK_BEFORE_TRIGGER = new RegExp(String.raw`(\r\n|\r|\n)(?='*${TRIGGER})`, 'g');
const MARKED_LINE = new RegExp(String.raw`(\r\n|\r|\n)'(?='*${TRIGGER})`, 'g');

export function neutraliseFormula(value: string): string {
  const lines = value.replace(LINE_BREAK_BEFORE_TRIGGER, "$1'");
  return NEEDS_MARK.test(value) ? `'${lines}` : lines;
}

/** Undoes `neutraliseFormula` on import, so a round trip leaves text unchanged. */
export function restoreNeutralised(value: string): string {
  const first = value.startsWith("'") && NEEDS_MARK.test(value.slice(1)) ? value.slice(1) : value;
  return first.replace(MARKED_LINE, '$1');
}

/** One event as the export query returns it: multi-valued cells already joined (lib/csv/cells.ts). */
export interface ExportRow {
  id: number;
  date: string;
  datePrecision: DatePrecision;
  effectiveDate: string | null;
  effectiveDatePrecision: DatePrecision | null;
  endDate: string | null;
  endDatePrecision: DatePrecision | null;
  type: string;
  title: string;
  summary: string;
  countries: string | null;
  actors: string | null;
  legalAuthority: string | null;
  program: string | null;
  tags: string | null;
  sourceUrls: string | null;
  sourceTitles: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
}

/** The same row built from an event as the JSON API returns it (the two must agree). */
export function summaryToExportRow(event: EventSummary): ExportRow {
  return {
    ...event,
    countries: joinValues(event.countries.map((c) => formatCountry(c.code, c.role))) || null,
    // Names are escaped before the bracket is added: the bracket is syntax, not part of a value.
    actors: event.actors.map((a) => formatActor(escapeListValue(a.name), a.role, a.kind)).join(MULTI_VALUE_SEPARATOR) || null,
    tags: joinValues(event.tags.map((t) => t.label)) || null,
    sourceUrls: event.sources.length > 0 ? joinValues(event.sources.map((s) => s.url ?? '')) : null,
    sourceTitles: joinValues(event.sources.map((s) => s.title)) || null,
  };
}

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

function cell(kind: ColumnKind, value: string | number | null): string {
  if (value === null) return '';
  if (kind === 'text') return neutraliseFormula(String(value));
  return String(value);
}

/** Encodes records as CSV text (CRLF line ends), with the header row when asked. */
export function encodeCsv(records: readonly CsvRecord[], { header }: { header: boolean }): string {
  const rows = records.map((r) => CSV_COLUMNS.map((c) => cell(c.kind, r[c.key])));
  // A custom record delimiter turns csv-stringify's quoting of CR and LF off unless asked for: a
  // bare line break in a summary would otherwise end the record for every strict reader.
  return stringify(header ? [CSV_HEADER, ...rows] : rows, { record_delimiter: '\r\n', quote_record_delimiter: true, eof: true });
}

export const UTF8_BOM = '\uFEFF';

export interface CsvStreamOptions {
  /** Write a byte-order mark first (default true; `bom=0` in the URL turns it off). */
  bom: boolean;
  origin: string;
}

/**
 * A byte stream of the whole export. Batches are pulled one at a time as the client reads, so
 * memory holds one batch however many rows the view has, and the event loop is free between
 * batches (better-sqlite3 reads are synchronous).
 */
export function createCsvStream(
  batches: Iterator<ExportRow[]> | AsyncIterator<ExportRow[]>,
  options: CsvStreamOptions,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode((options.bom ? UTF8_BOM : '') + encodeCsv([], { header: true })));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(encodeCsv(next.value.map((e) => toCsvRecord(e, options.origin)), { header: false })));
    },
    async cancel() {
      await batches.return?.();
    },
  });
}

/**
 * "events_designation_SY_2020-2023_2026-11-27.csv": what was exported and when, in characters
 * that every file system accepts.
 */
export function exportFileName(parts: readonly string[], today: string, extension = 'csv'): string {
  const safe = parts
    .map((p) =>
      p
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .replace(/[^A-Za-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40),
    )
    .filter(Boolean);
  const name = ['events', ...safe].join('_').slice(0, 150);
  return `${name}_${today}.${extension}`;
}
