/**
 * CSV encoding, whatever the rows are: RFC 4180 with CRLF line ends, written with csv-stringify,
 * UTF-8 with a byte-order mark when asked (so Excel reads "Erdoğan" correctly). Text cells that a
 * spreadsheet would run as a formula are neutralised here; number and date cells stay plain. The
 * caller says which columns there are and how a row becomes a record (the events' export:
 * db/exports/csv.ts, its columns: lib/csv/columns.ts).
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCellKind = 'number' | 'date' | 'text';

/** One column of a file: its header and whether formula neutralising applies to its cells. */
export interface CsvColumn<K extends string = string> {
  key: K;
  kind: CsvCellKind;
}

export type CsvCell = string | number | null;

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

function cell(kind: CsvCellKind, value: CsvCell): string {
  if (value === null) return '';
  if (kind === 'text') return neutraliseFormula(String(value));
  return String(value);
}

/** Encodes records as CSV text (CRLF line ends), with the header row when asked. */
export function encodeCsv<K extends string>(
  columns: readonly CsvColumn<K>[],
  records: readonly Record<K, CsvCell>[],
  { header }: { header: boolean },
): string {
  const rows = records.map((r) => columns.map((c) => cell(c.kind, r[c.key])));
  const head = header ? [columns.map((c) => c.key)] : [];
  // A custom record delimiter turns csv-stringify's quoting of CR and LF off unless asked for: a
  // bare line break in a summary would otherwise end the record for every strict reader.
  return stringify([...head, ...rows], { record_delimiter: '\r\n', quote_record_delimiter: true, eof: true });
}

export const UTF8_BOM = '\uFEFF';

export interface CsvStreamOptions<T, K extends string> {
  columns: readonly CsvColumn<K>[];
  toRecord: (row: T) => Record<K, CsvCell>;
  /** Write a byte-order mark first. */
  bom: boolean;
}

/**
 * A byte stream of a whole file. Batches are pulled one at a time as the client reads, so memory
 * holds one batch however many rows there are, and the event loop is free between batches
 * (better-sqlite3 reads are synchronous).
 */
export function createCsvStream<T, K extends string>(
  batches: Iterator<T[]> | AsyncIterator<T[]>,
  { columns, toRecord, bom }: CsvStreamOptions<T, K>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode((bom ? UTF8_BOM : '') + encodeCsv(columns, [], { header: true })));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(encodeCsv(columns, next.value.map(toRecord), { header: false })));
    },
    async cancel() {
      await batches.return?.();
    },
  });
}
