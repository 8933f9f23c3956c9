/**
 * The events' spreadsheet export: the CSV export's columns and cells (db/exports/csv.ts,
 * lib/csv/columns.ts), written as an .xlsx sheet by the streaming writer (lib/xlsx/writer.ts).
 * Same header names, same order, same values: dates at their precision as text ("2011",
 * "2023-03"), lists joined with "; ". No CSV apostrophe: the writer stores text as text, so no cell
 * can become a formula and the text stays exact.
 */
import { CSV_COLUMNS } from '@/lib/csv/columns';
import { createXlsxStream, type XlsxCell, type XlsxColumn } from '@/lib/xlsx/writer';
import type { ExportRow } from '../queries/export';
import { toCsvRecord } from './csv';

export const XLSX_COLUMNS: readonly XlsxColumn[] = CSV_COLUMNS.map((c) => ({ header: c.key, kind: c.kind }));

export function toXlsxRow(row: ExportRow, origin: string): XlsxCell[] {
  const record = toCsvRecord(row, origin);
  return CSV_COLUMNS.map((c) => record[c.key]);
}

async function* rowsOf(batches: Iterator<ExportRow[]> | AsyncIterator<ExportRow[]>, origin: string): AsyncGenerator<XlsxCell[]> {
  try {
    for (;;) {
      const next = await batches.next();
      if (next.done) return;
      for (const row of next.value) yield toXlsxRow(row, origin);
    }
  } finally {
    // A reader that went away stops the reads too.
    await batches.return?.();
  }
}

/** The whole export as .xlsx bytes, one batch of rows at a time. */
export function createEventXlsxStream(batches: Iterator<ExportRow[]> | AsyncIterator<ExportRow[]>, { origin }: { origin: string }): ReadableStream<Uint8Array> {
  return createXlsxStream(XLSX_COLUMNS, rowsOf(batches, origin), { sheetName: 'Events' });
}
