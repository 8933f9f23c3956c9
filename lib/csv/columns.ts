/**
 * The tracker's CSV file of events, column by column: what the export writes and the import reads
 * (lib/csv/import.ts), so the two agree by construction. This is the file's contract with the
 * people who keep spreadsheets, not the database's row: its names are the header's, and a new
 * column is a change to the format (docs/decisions/0024-csv-list-cells.md).
 */
import { encodeCsv, type CsvCell, type CsvColumn } from './encode';

/** The columns, in order. `kind` decides whether formula neutralising applies. */
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
] as const satisfies readonly CsvColumn[];

export type CsvColumnKey = (typeof CSV_COLUMNS)[number]['key'];
export type CsvRecord = Record<CsvColumnKey, CsvCell>;

export const CSV_HEADER = CSV_COLUMNS.map((c) => c.key);

/** Events' records as CSV text in the file's columns. */
export function encodeEventCsv(records: readonly CsvRecord[], options: { header: boolean }): string {
  return encodeCsv(CSV_COLUMNS, records, options);
}
