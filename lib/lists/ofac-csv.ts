/**
 * OFAC's legacy CSV set: sdn.csv (one row per listed party), add.csv (addresses) and alt.csv
 * (aliases), joined on ent_num. No header row; "-0-" (OFAC writes "-0- ", with a space) means
 * empty; several programs share one cell as "UKRAINE-EO13662] [RUSSIA-EO14024"; the Remarks cell
 * carries dates of birth, nationalities, weak a.k.a.s and identifiers as "; "-separated text;
 * sdn.csv ends with a DOS end-of-file character (0x1A) on a line of its own. The set states no
 * publication date.
 *
 * add.csv and alt.csv are read first into maps keyed by ent_num (together a few MB, a fraction
 * of sdn.csv), then sdn.csv is streamed and each row yielded with its addresses and aliases.
 */
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { detectFromText, type OfacCsvPart } from './detect';
import { addAlias, addIdentifier, addText, joinParts, KeyGuard, newEntry, type EntryStream } from './entry';
import { ListReadError } from './errors';
import { openInput, type ListInput, type OpenedInput, type ReadOptions } from './input';
import { applyOfacCsvRemarks, ofacCsvName, ofacKind, OFAC_CSV_ID_LABELS } from './ofac-common';
import type { AliasType } from './types';

export interface OfacCsvSet {
  sdn: ListInput;
  add: ListInput;
  alt: ListInput;
}

const COLUMNS: Record<OfacCsvPart, string[]> = {
  sdn: ['ent_num', 'SDN_Name', 'SDN_Type', 'Program', 'Title', 'Call_Sign', 'Vess_type', 'Tonnage', 'GRT', 'Vess_flag', 'Vess_owner', 'Remarks'],
  add: ['ent_num', 'Add_num', 'Address', 'City/State/Province/Postal Code', 'Country', 'Add_remarks'],
  alt: ['ent_num', 'alt_num', 'alt_type', 'alt_name', 'alt_remarks'],
};

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed (a " is missing)',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted cell is not closed where a cell ends (a " is missing or not doubled, here or on a line above)',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'there is text after a closing quote',
};

const ALT_TYPES: Record<string, AliasType> = { aka: 'aka', fka: 'fka', nka: 'nka' };

/** A cell's value, or null for OFAC's "-0-" and blanks. */
function value(cell: string | undefined): string | null {
  const text = (cell ?? '').replace(/\s+/g, ' ').trim();
  return text === '' || text === '-0-' ? null : text;
}

interface CsvRow {
  cells: string[];
  line: number;
}

async function* csvRows(opened: OpenedInput, part: OfacCsvPart): AsyncGenerator<CsvRow> {
  const file = opened.name;
  const chunks = opened.chunks();
  const first = await chunks.next();
  if (first.done) throw new ListReadError('empty', `the file is empty; an OFAC ${part}.csv has at least one row`, { file });
  const head = first.value.replace(/^\uFEFF/, '');
  const seen = detectFromText(head);
  if (seen.format !== 'ofac-csv' || seen.csvPart !== part) {
    throw new ListReadError('wrong-format', `this is not OFAC ${part}.csv (${COLUMNS[part].length} columns, no header): it looks like ${seen.description}`, {
      file,
      line: 1,
    });
  }
  async function* all() {
    yield head;
    yield* chunks;
  }
  const parser = Readable.from(all()).pipe(parse({ relax_column_count: true, info: true, skip_empty_lines: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // The DOS end-of-file mark OFAC leaves at the end of sdn.csv.
      if (record.length === 1 && record[0]!.trim() === '\u001a') continue;
      if (record.length !== COLUMNS[part].length) {
        throw new ListReadError('bad-line', `the row has ${record.length} cells; OFAC ${part}.csv rows have ${COLUMNS[part].length}`, {
          file,
          line: info.lines,
        });
      }
      yield { cells: record, line: info.lines };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      const problem = CSV_PROBLEMS[error.code] ?? error.message;
      throw new ListReadError('malformed', `the CSV cannot be read: ${problem}`, { file, ...(line ? { line } : {}) });
    }
    throw error;
  } finally {
    parser.destroy();
  }
}

function entNum(cells: string[], file: string, line: number): string {
  const num = value(cells[0]);
  if (!num || !/^\d+$/.test(num)) throw new ListReadError('bad-line', `ent_num "${cells[0] ?? ''}" is not a number`, { file, line, element: 'column 1 (ent_num)' });
  return num;
}

export async function* readOfacCsv(set: OfacCsvSet, options: ReadOptions = {}): EntryStream {
  // Open all three first, so a file over the size limit is refused before anything is read.
  const [sdn, add, alt] = await Promise.all([openInput(set.sdn, options), openInput(set.add, options), openInput(set.alt, options)]);

  const addresses = new Map<string, string[]>();
  for await (const { cells, line } of csvRows(add, 'add')) {
    const num = entNum(cells, add.name, line);
    const text = joinParts([value(cells[2]), value(cells[3]), value(cells[4])]);
    const remark = value(cells[5]);
    if (!text) continue;
    const list = addresses.get(num) ?? [];
    list.push(remark ? `${text} (${remark})` : text);
    addresses.set(num, list);
  }
  const aliases = new Map<string, { name: string; type: AliasType }[]>();
  for await (const { cells, line } of csvRows(alt, 'alt')) {
    const num = entNum(cells, alt.name, line);
    const name = value(cells[3]);
    if (!name) continue;
    const list = aliases.get(num) ?? [];
    list.push({ name, type: ALT_TYPES[(value(cells[2]) ?? '').toLowerCase()] ?? 'aka' });
    aliases.set(num, list);
  }

  const keys = new KeyGuard(sdn.name);
  for await (const { cells, line } of csvRows(sdn, 'sdn')) {
    const num = entNum(cells, sdn.name, line);
    const kind = ofacKind(value(cells[2]));
    const rawName = value(cells[1]);
    if (!rawName) throw new ListReadError('bad-line', `entry ${num} has no name`, { file: sdn.name, line, element: 'column 2 (SDN_Name)' });
    const entry = newEntry(num, kind, ofacCsvName(rawName, kind), line);
    addIdentifier(entry, { scheme: 'ofac-uid', value: num });
    for (const program of (value(cells[3]) ?? '').split(/\]\s*\[/)) addText(entry.programs, program.replace(/^\[|\]$/g, ''));
    const title = value(cells[4]);
    if (title) addText(entry.remarks, `Title: ${title}`);
    const callSign = value(cells[5]);
    if (callSign) addIdentifier(entry, { scheme: 'call-sign', value: callSign });
    for (const [index, label] of [
      [6, 'Vessel type'],
      [9, 'Flag'],
      [10, 'Owner'],
      [7, 'Tonnage'],
      [8, 'GRT'],
    ] as const) {
      const v = value(cells[index]);
      if (v) addText(entry.remarks, `${label}: ${v}`);
    }
    // alt.csv does not grade its aliases (weak ones are in Remarks, read below).
    for (const alias of aliases.get(num) ?? []) addAlias(entry, { name: ofacCsvName(alias.name, kind), type: alias.type, quality: null, lang: null });
    const remarks = value(cells[11]);
    if (remarks) applyOfacCsvRemarks(entry, remarks, OFAC_CSV_ID_LABELS);
    for (const address of addresses.get(num) ?? []) addText(entry.addresses, address);
    keys.check(entry);
    yield entry;
  }
  if (keys.count === 0) throw new ListReadError('empty', 'sdn.csv holds no entries', { file: sdn.name });
  return { source: 'ofac-sdn', format: 'ofac-csv', fileName: sdn.name, publishedAt: null, statedRecordCount: null, entryCount: keys.count, schema: null };
}
