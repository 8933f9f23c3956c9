/**
 * A streaming .xlsx writer for the event export (issue 14, "spreadsheet export"), on exceljs's
 * streaming WorkbookWriter: rows are written and zipped as they come, so 100,000 events take the
 * memory of a few hundred rows, and the first bytes leave before the last row is read.
 *
 * What it guarantees, as the CSV export does (lib/csv/export.ts), for whatever the cells hold:
 * - No cell is a formula. Text is written as an inline string (`<c t="inlineStr"><is><t>`), never
 *   as `<f>`, so "=HYPERLINK(…)", "+1" or "@SUM(1)" show as the text they are and nothing runs.
 *   exceljs would write a plain string as `t="str"` (the type of a formula's cached result), so text
 *   goes in as a one-run rich text, which it writes as an inline string. Text columns also carry the
 *   Text number format (`@`), so a person who edits such a cell and presses Enter keeps text too.
 *   No apostrophe is added: unlike CSV, the file says what a cell is, so the text stays exact.
 * - Dates are text at their precision ("2011", "2023-03", "2023-03-28"), never a date serial that
 *   would invent a day or shift with the reader's time zone.
 * - Text is exact: XML-illegal control characters (which would make the file unreadable) are
 *   written as the spreadsheet escape `_xHHHH_`, and a literal `_xHHHH_` in the text is escaped as
 *   `_x005F_xHHHH_`, so Excel does not turn it into another character. A cell longer than Excel's
 *   limit of 32,767 characters is cut there (counted in the result) rather than making a file Excel
 *   has to repair.
 * - UTF-8 throughout (OOXML is XML): "Erdoğan" and "الأسد" open correctly with default settings,
 *   which CSV cannot promise (LibreOffice's default CSV import showed "ErdoÄŸan").
 * - A bold header row, frozen, with an auto-filter; column widths from the header and the first
 *   rows (a streamed sheet writes its widths before its rows).
 */
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type XlsxCell = string | number | null;

export type XlsxColumnKind = 'text' | 'number' | 'date';

export interface XlsxColumn {
  header: string;
  /** `text` (default) and `date` are written as text; `number` as a number. */
  kind?: XlsxColumnKind;
  /** Width in characters; estimated from the header and the first rows when not given. */
  width?: number;
}

export interface XlsxOptions {
  /** The sheet's name (at most 31 characters, none of \ / ? * [ ] :). Default "Events". */
  sheetName?: string;
  /** Rows looked at to size the columns. Default 200. */
  sampleRows?: number;
  /** Workbook metadata. */
  creator?: string;
  created?: Date;
}

export interface XlsxSummary {
  rows: number;
  /** Cells cut at 32,767 characters. */
  truncatedCells: number;
}

export const MAX_CELL_LENGTH = 32_767;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** Characters XML 1.0 does not allow (besides tab, LF and CR), and the non-characters U+FFFE/U+FFFF. */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** Text that a spreadsheet reads as an escaped character: `_x` four hex digits `_`. */
const ESCAPE_LOOKALIKE = /_(x[0-9A-Fa-f]{4}_)/g;
/** A surrogate without its pair: not encodable in UTF-8; shown as the replacement character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const hex4 = (c: string) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/**
 * Text as it must be written into the sheet so that a spreadsheet reads it back exactly (see the
 * module comment), and whether it had to be cut.
 */
export function cellText(value: string): { text: string; truncated: boolean } {
  let text = value.replace(LONE_SURROGATE, '\uFFFD');
  let truncated = false;
  if (text.length > MAX_CELL_LENGTH) {
    // Cut on the original text, then escape: escapes are read back as one character each.
    let cut = MAX_CELL_LENGTH;
    if (/[\uD800-\uDBFF]/.test(text[cut - 1]!)) cut--;
    text = text.slice(0, cut);
    truncated = true;
  }
  text = text.replace(ESCAPE_LOOKALIKE, '_x005F_$1').replace(XML_ILLEGAL, (c) => `_x${hex4(c)}_`);
  return { text, truncated };
}

export function checkSheetName(name: string): string | null {
  if (name.length === 0 || name.length > 31) return 'A sheet name must be 1 to 31 characters long.';
  if (/[\\/?*[\]:]/.test(name)) return 'A sheet name cannot contain \\ / ? * [ ] or :.';
  if (name.startsWith("'") || name.endsWith("'")) return 'A sheet name cannot start or end with an apostrophe.';
  return null;
}

/** Display width of a text in "characters" as spreadsheets count them (wide scripts count double). */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.split('\n')[0]!) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]/u.test(ch) ? 2 : 1;
  return width;
}

function columnWidths(columns: readonly XlsxColumn[], sample: readonly (readonly XlsxCell[])[]): number[] {
  return columns.map((c, i) => {
    if (c.width !== undefined) return c.width;
    let widest = displayWidth(c.header) + 2; // room for the filter button
    for (const row of sample) {
      const v = row[i];
      if (v !== null && v !== undefined) widest = Math.max(widest, displayWidth(String(v)));
    }
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 1));
  });
}

type Rows = Iterable<readonly XlsxCell[]> | AsyncIterable<readonly XlsxCell[]>;

async function* asAsync(rows: Rows): AsyncGenerator<readonly XlsxCell[]> {
  yield* rows as AsyncIterable<readonly XlsxCell[]>;
}

interface DrainableLike {
  writableNeedDrain: boolean;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * The compressor the sheet's XML is piped into. exceljs writes each row's XML into a buffer that
 * it pipes into the zip's deflate stream without waiting for it, so a producer faster than deflate
 * piles the XML up in memory (55 MiB over 100,000 rows here); waiting on that stream's drain keeps
 * memory flat. exceljs has no public handle on it: this reads its internals (pinned at 4.4.0; the
 * flat-memory test fails if an upgrade moves them).
 */
function sheetCompressor(sheet: unknown): DrainableLike | null {
  const pipe = (sheet as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as Partial<DrainableLike> | undefined;
  return pipe && typeof pipe.writableNeedDrain === 'boolean' && typeof pipe.once === 'function' ? (pipe as DrainableLike) : null;
}

/** Waits until `stream` has room, so rows are not produced faster than they are sent. */
function room(stream: DrainableLike): Promise<void> {
  if (!stream.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('error', fail);
      stream.off('close', done);
      resolve();
    };
    const fail = (e: unknown) => {
      stream.off('drain', done);
      stream.off('close', done);
      reject(e);
    };
    stream.once('drain', done);
    stream.once('close', done);
    stream.once('error', fail);
  });
}

/**
 * Writes a workbook with one sheet to `output`: the header row, then every row. Resolves when the
 * file is complete (the output is ended). Rows must have one cell per column; a number in a number
 * column must be finite.
 */
export async function writeXlsx(output: Writable, columns: readonly XlsxColumn[], rows: Rows, options: XlsxOptions = {}): Promise<XlsxSummary> {
  if (columns.length === 0) throw new Error('writeXlsx: no columns');
  const sheetName = options.sheetName ?? 'Events';
  const nameProblem = checkSheetName(sheetName);
  if (nameProblem) throw new Error(`writeXlsx: ${nameProblem}`);

  const iterator = asAsync(rows);
  const sample: (readonly XlsxCell[])[] = [];
  const sampleSize = options.sampleRows ?? 200;
  let exhausted = false;
  while (sample.length < sampleSize) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    sample.push(next.value);
  }

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
    creator: options.creator ?? 'Sanctions tracker',
    created: options.created ?? new Date(),
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  const widths = columnWidths(columns, sample);
  sheet.columns = columns.map((c, i) => ({
    key: `c${i}`,
    width: widths[i],
    style: c.kind === 'number' ? {} : { numFmt: '@' },
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };

  const summary: XlsxSummary = { rows: 0, truncatedCells: 0 };
  const textValue = (value: string) => {
    const { text, truncated } = cellText(value);
    if (truncated) summary.truncatedCells++;
    return { richText: [{ text }] };
  };

  const header = sheet.addRow(columns.map((c) => textValue(c.header)));
  header.font = { bold: true, name: 'Calibri', size: 11, family: 2 };
  header.commit();

  const writeRow = (row: readonly XlsxCell[]) => {
    if (row.length !== columns.length) throw new Error(`writeXlsx: row ${summary.rows + 1} has ${row.length} cells for ${columns.length} columns`);
    const values = row.map((v, i) => {
      if (v === null || v === undefined) return null;
      if (columns[i]!.kind === 'number' && typeof v === 'number') {
        if (!Number.isFinite(v)) throw new Error(`writeXlsx: row ${summary.rows + 1}, column "${columns[i]!.header}" is not a finite number`);
        return v;
      }
      return textValue(String(v));
    });
    sheet.addRow(values).commit();
    summary.rows++;
  };

  for (const row of sample) writeRow(row);
  if (!exhausted) {
    let sinceYield = 0;
    for await (const row of iterator) {
      writeRow(row);
      // Let the zip stream run, and wait while the compressor or the reader is behind.
      if (++sinceYield >= 64) {
        sinceYield = 0;
        await new Promise((r) => setImmediate(r));
        const compressor = sheetCompressor(sheet);
        if (compressor) await room(compressor);
        await room(output);
      }
    }
  }
  sheet.commit();
  await workbook.commit();
  return summary;
}

/**
 * The workbook as a web stream, for a route handler's `Response`. Rows are pulled as the reader
 * reads (backpressure), and a failure while writing errors the stream.
 */
export function createXlsxStream(columns: readonly XlsxColumn[], rows: Rows, options: XlsxOptions = {}): ReadableStream<Uint8Array> {
  const pass = new PassThrough({ highWaterMark: 256 * 1024 });
  writeXlsx(pass, columns, rows, options).catch((error: unknown) => pass.destroy(error instanceof Error ? error : new Error(String(error))));
  return new ReadableStream<Uint8Array>({
    start(controller) {
      pass.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) pass.pause();
      });
      pass.on('end', () => controller.close());
      pass.on('error', (e) => controller.error(e));
    },
    pull() {
      pass.resume();
    },
    cancel(reason) {
      pass.destroy(reason instanceof Error ? reason : undefined);
    },
  }, { highWaterMark: 4, size: () => 1 });
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
