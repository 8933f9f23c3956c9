/**
 * Reading an uploaded CSV for import: size, encoding, quoting and columns are checked before any
 * row is looked at, and each problem is reported in words a person can act on. Rows are then
 * turned into event input (still unresolved: actor names and ids are matched against the
 * database by db/import/import.ts).
 */
import { CsvError, parse } from 'csv-parse/sync';
import { isEventType, EVENT_TYPES, type EventTypeKey } from '@/lib/event-types';
import { DATE_PRECISIONS, type DatePrecision } from '@/lib/dates';
import { EVENT_STATUSES, type EventStatus } from '@/lib/vocabulary';
import type { CountryRole } from '@/lib/countries';
import type { EntityKind, EntityRole } from '@/lib/vocabulary';
import { parseActorCell, parseCountryCell, splitValues } from './cells';
import { CSV_HEADER, type CsvColumnKey } from './columns';
import { restoreNeutralised } from './encode';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
export const REQUIRED_COLUMNS = ['date', 'type', 'title'] as const satisfies readonly CsvColumnKey[];

/** Export columns the importer does not read (they describe the record, they are not its data). */
const READ_ONLY_COLUMNS = new Set<string>(['permalink', 'created_at', 'updated_at']);

/** The columns an import may carry: the export's, plus `details`, which the export leaves out. */
export type ImportColumn = Exclude<CsvColumnKey, 'permalink' | 'created_at' | 'updated_at'> | 'details';
const IMPORT_COLUMNS = new Set<string>([...CSV_HEADER.filter((h) => !READ_ONLY_COLUMNS.has(h)), 'details']);

export interface CsvRow {
  /** Line in the file where the row starts (the header is line 1). */
  line: number;
  cells: Partial<Record<ImportColumn, string>>;
}

export type ReadResult =
  | { ok: true; columns: ImportColumn[]; ignoredColumns: string[]; rows: CsvRow[] }
  | { ok: false; error: string };

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "Date precision", "date-precision" and "DATE_PRECISION" all name `date_precision`. */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

const CSV_ERROR_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed (a " is missing)',
  CSV_INVALID_CLOSING_QUOTE: 'a quote inside a quoted cell is not doubled ("" is how a quote is written inside quotes)',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row has a different number of cells from the header',
  CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH: 'the row has a different number of cells from the header',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'there is text after a closing quote',
  CSV_INVALID_OPTION_BOM: 'the file starts with an unexpected byte-order mark',
};

/**
 * Line numbers as an editor shows them (CRLF, LF and a lone CR each end a line), for byte offsets
 * that only move forward: where the parser says a record ended, the next one starts on the first
 * line after it that is not blank.
 */
function lineCounter(text: string) {
  const bytes = Buffer.from(text, 'utf8');
  let position = 0;
  let line = 1;
  const isBreak = (b: number | undefined) => b === 0x0a || b === 0x0d;
  const step = () => {
    if (bytes[position] === 0x0d && bytes[position + 1] === 0x0a) position++;
    if (isBreak(bytes[position])) line++;
    position++;
  };
  return {
    firstLineAfter(offset: number): number {
      while (position < offset) step();
      while (position < bytes.length && isBreak(bytes[position])) step();
      return line;
    },
  };
}

export function readCsvUpload(bytes: Uint8Array, limits = { maxBytes: IMPORT_MAX_BYTES, maxRows: IMPORT_MAX_ROWS }): ReadResult {
  if (bytes.byteLength === 0) return { ok: false, error: 'The file is empty.' };
  if (bytes.byteLength > limits.maxBytes) {
    return {
      ok: false,
      error: `The file is ${megabytes(bytes.byteLength)}; the limit is ${megabytes(limits.maxBytes)}. Split it into smaller files.`,
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      error: 'The file is UTF-16 text. Save it as "CSV UTF-8 (Comma delimited)" in Excel, or with the UTF-8 character set in LibreOffice.',
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return {
      ok: false,
      error:
        'The file is not UTF-8 text (it may be in a legacy encoding such as Windows-1252, or not a CSV at all). ' +
        'Save it as "CSV UTF-8 (Comma delimited)" in Excel, or with the UTF-8 character set in LibreOffice.',
    };
  }
  if (text.includes('\u0000')) return { ok: false, error: 'The file contains binary data; upload a CSV text file.' };

  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (!firstLine.includes(',') && firstLine.includes(';')) {
    return {
      ok: false,
      error: 'The columns are separated by semicolons. Save the file as comma-separated CSV ("CSV UTF-8 (Comma delimited)").',
    };
  }

  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      const reason = CSV_ERROR_MESSAGES[err.code] ?? err.message;
      return { ok: false, error: `The file is not well-formed CSV${line ? ` at line ${line}` : ''}: ${reason}.` };
    }
    throw err;
  }
  if (records.length === 0) return { ok: false, error: 'The file is empty.' };

  const headers = records[0]!.record.map(normaliseHeader);
  const seen = new Set<string>();
  for (const h of headers) {
    if (h === '') return { ok: false, error: 'A column in the first row has no name. The first row must name every column.' };
    if (seen.has(h)) return { ok: false, error: `The column "${h}" appears twice in the first row.` };
    seen.add(h);
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    return {
      ok: false,
      error:
        `Missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. ` +
        `The first row must name the columns, as in an export: ${CSV_HEADER.join(', ')} (only date, type and title are required).`,
    };
  }
  const columns = headers.filter((h): h is ImportColumn => IMPORT_COLUMNS.has(h));
  const ignoredColumns = headers.filter((h) => !IMPORT_COLUMNS.has(h));

  const dataRows = records.slice(1);
  if (dataRows.length === 0) return { ok: false, error: 'The file has a header row but no events.' };
  if (dataRows.length > limits.maxRows) {
    return { ok: false, error: `The file has ${dataRows.length} rows; the limit is ${limits.maxRows}. Split it into smaller files.` };
  }

  const lines = lineCounter(text);
  let end = records[0]!.info.bytes;
  const rows = dataRows.map(({ record, info }) => {
    const cells: CsvRow['cells'] = {};
    headers.forEach((h, i) => {
      if (IMPORT_COLUMNS.has(h)) cells[h as ImportColumn] = restoreNeutralised(record[i] ?? '');
    });
    const line = lines.firstLineAfter(end);
    end = info.bytes;
    return { line, cells };
  });
  return { ok: true, columns, ignoredColumns, rows };
}

export interface CellError {
  column: ImportColumn;
  message: string;
}

/** A row turned into event fields, before actors and ids are matched against the database. */
export interface ParsedRow {
  line: number;
  /** The id to update, when the row names one. */
  id: number | null;
  /** Only the fields whose columns are in the file; an update keeps the others. */
  fields: {
    type?: EventTypeKey;
    title?: string;
    summary?: string;
    details?: string | null;
    date?: string;
    datePrecision?: DatePrecision;
    effectiveDate?: string | null;
    endDate?: string | null;
    status?: EventStatus;
    legalAuthority?: string | null;
    program?: string | null;
    countries?: { code: string; role: CountryRole }[];
    tags?: string[];
    sources?: { url: string | null; title: string }[];
  };
  /** `kind` when the cell says what kind of actor it is: "Name (target, person)". */
  actors?: { name: string; role: EntityRole; kind: EntityKind | null }[];
  errors: CellError[];
}

const TYPE_BY_LABEL = new Map<string, EventTypeKey>(
  EVENT_TYPES.flatMap((t) => [
    [t.label.toLowerCase(), t.key],
    [t.plural.toLowerCase(), t.key],
  ]),
);

const has = (row: CsvRow, column: ImportColumn) => row.cells[column] !== undefined;
const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value.trim());

export function parseRow(row: CsvRow): ParsedRow {
  const c = row.cells;
  const errors: CellError[] = [];
  const fields: ParsedRow['fields'] = {};

  let id: number | null = null;
  const idCell = c.id?.trim();
  if (idCell) {
    if (/^[1-9]\d{0,14}$/.test(idCell)) id = Number(idCell);
    else errors.push({ column: 'id', message: `"${idCell}" is not an event id; leave it empty to create a new event.` });
  }

  const typeCell = c.type?.trim() ?? '';
  if (isEventType(typeCell.toLowerCase())) fields.type = typeCell.toLowerCase() as EventTypeKey;
  else if (TYPE_BY_LABEL.has(typeCell.toLowerCase())) fields.type = TYPE_BY_LABEL.get(typeCell.toLowerCase());
  else {
    errors.push({
      column: 'type',
      message: typeCell ? `"${typeCell}" is not an event type; use one of ${EVENT_TYPES.map((t) => t.key).join(', ')}.` : 'Type is required.',
    });
  }

  fields.title = c.title ?? '';
  if (has(row, 'summary')) fields.summary = c.summary ?? '';
  if (has(row, 'details')) fields.details = optional(c.details);
  fields.date = c.date?.trim() ?? '';
  const precision = optional(c.date_precision);
  if (precision !== null) {
    if ((DATE_PRECISIONS as readonly string[]).includes(precision.toLowerCase())) fields.datePrecision = precision.toLowerCase() as DatePrecision;
    else errors.push({ column: 'date_precision', message: `"${precision}" is not a precision; use day, month or year.` });
  }
  if (has(row, 'effective_date')) fields.effectiveDate = optional(c.effective_date);
  if (has(row, 'end_date')) fields.endDate = optional(c.end_date);
  if (has(row, 'legal_authority')) fields.legalAuthority = optional(c.legal_authority);
  if (has(row, 'program')) fields.program = optional(c.program);
  if (has(row, 'status')) {
    const status = (optional(c.status) ?? 'draft').toLowerCase();
    if ((EVENT_STATUSES as readonly string[]).includes(status)) fields.status = status as EventStatus;
    else errors.push({ column: 'status', message: `"${c.status}" is not a status; use draft or published.` });
  }

  if (has(row, 'countries')) {
    fields.countries = [];
    for (const value of splitValues(c.countries ?? '')) {
      const parsed = parseCountryCell(value);
      if ('error' in parsed) errors.push({ column: 'countries', message: parsed.error });
      else fields.countries.push({ code: parsed.name.toUpperCase(), role: parsed.role });
    }
  }

  let actors: ParsedRow['actors'];
  if (has(row, 'actors')) {
    actors = [];
    for (const value of splitValues(c.actors ?? '')) {
      const parsed = parseActorCell(value);
      if ('error' in parsed) errors.push({ column: 'actors', message: parsed.error });
      else actors.push(parsed);
    }
  }

  if (has(row, 'tags')) fields.tags = splitValues(c.tags ?? '');

  if (has(row, 'source_titles') || has(row, 'source_urls')) {
    const titles = splitValues(c.source_titles ?? '');
    const urlCell = c.source_urls ?? '';
    // Positional: "; https://b" means the first source has no address.
    const urls = urlCell.trim() === '' ? titles.map(() => null) : splitValues(urlCell, { keepEmpty: true }).map((u) => optional(u));
    if (urls.length !== titles.length) {
      errors.push({
        column: 'source_urls',
        message: `${urls.length} source URL${urls.length === 1 ? '' : 's'} for ${titles.length} source title${
          titles.length === 1 ? '' : 's'
        }; give one title per source, and one URL slot per title (leave a slot empty for a source without an address).`,
      });
    } else {
      fields.sources = titles.map((title, i) => ({ title, url: urls[i] ?? null }));
    }
  }

  return { line: row.line, id, fields, actors, errors };
}
