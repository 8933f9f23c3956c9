/**
 * The CSV import reader against hostile spreadsheets: random bytes, invalid UTF-8, UTF-16, binary,
 * broken quoting, formula cells, SQL and markup in cells, huge and odd ids. It must never throw
 * (an upload that throws is a 500), must explain every refusal, and must read back exactly the
 * cells that a well-formed file holds, however strange their text.
 */
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTROL_AND_ENCODING, hostileString, KNOWN_HOSTILE, NUMBERS } from '@/lib/testing/hostile-values';
import { CSV_HEADER } from './columns';
import { neutraliseFormula } from './encode';
import { parseRow, readCsvUpload, REQUIRED_COLUMNS, type CsvRow, type ImportColumn } from './import';

const encode = (text: string) => new TextEncoder().encode(text);
const SMALL_LIMITS = { maxBytes: 64 * 1024, maxRows: 50 };

/** A cell as a spreadsheet might hold it: NUL never survives a spreadsheet, so the reader refuses it (tested below). */
const cell = fc.oneof(hostileString.map((s) => s.slice(0, 2_000)), fc.constantFrom('', '"', '""', '","', '\n', '\r\n', 'a\nb', "'=1+1", '=1+1', ';', 'x; y')).map((s) =>
  s.toWellFormed().replaceAll('\u0000', ''),
);

const importColumns = CSV_HEADER.filter((h) => !['permalink', 'created_at', 'updated_at'].includes(h));
const columns = fc.shuffledSubarray(importColumns.filter((c) => !(REQUIRED_COLUMNS as readonly string[]).includes(c))).map((extra) => [...REQUIRED_COLUMNS, ...extra]);

const RUNS = 200;

describe('readCsvUpload under hostile files', () => {
  it('never throws on arbitrary bytes, and explains every refusal', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 4_096 }),
      fc.constantFrom(
        new Uint8Array([0xff, 0xfe, 0x64, 0x00]),
        new Uint8Array([0xef, 0xbb, 0xbf]),
        encode('date,type,title\n2020,designation,"unclosed'),
        encode('date;type;title\n2020;designation;x'),
        encode('date,date,title\n'),
        encode(',,,\n1,2,3'),
        encode('date,type,title\n2020,designation,"a"b"'),
        new Uint8Array([0x64, 0x2c, 0xc3, 0x28]),
        new Uint8Array([0x64, 0x2c, 0xed, 0xa0, 0x80]),
      ),
      fc.array(fc.oneof(cell, fc.constantFrom(',', '"', '\n', '\r', '\u0000')), { maxLength: 200 }).map((parts) => encode(`date,type,title\n${parts.join('')}`)),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const result = readCsvUpload(b, SMALL_LIMITS);
        if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
        else for (const row of result.rows) expect(row.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('reads back exactly the cells of a well-formed file, formulas, quotes, newlines, SQL and markup included', () => {
    const table = columns.chain((cols) => fc.tuple(fc.constant(cols), fc.array(fc.array(cell, { minLength: cols.length, maxLength: cols.length }), { minLength: 1, maxLength: 8 })));
    fc.assert(
      fc.property(table, fc.boolean(), fc.boolean(), ([cols, rows], bom, crlf) => {
        // The export neutralises formulas; the reader undoes exactly that.
        const text = stringify([cols, ...rows.map((r) => r.map(neutraliseFormula))], { bom, record_delimiter: crlf ? '\r\n' : '\n' });
        const result = readCsvUpload(encode(text), SMALL_LIMITS);
        if (!result.ok) {
          // The only refusal a well-formed file may get: every data row is blank (skipped).
          expect(result.error, text.slice(0, 300)).toMatch(/no events/);
          return;
        }
        expect(result.columns).toEqual(cols);
        const expected = rows.map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i]!])));
        expect(result.rows.map((r) => r.cells)).toEqual(expected);
        const lines = result.rows.map((r) => r.line);
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
      }),
      { numRuns: RUNS },
    );
  });

  // Found by the property above: in a file whose rows end in LF, a lone CR inside an unquoted cell
  // once made the row appear to start on the header's line.
  it('numbers rows after the header even when a cell holds a lone carriage return', () => {
    const result = readCsvUpload(encode('date,type,title\n,,\r'));
    expect(result.ok && result.rows[0]!.line).toBe(2);
  });

  it('refuses what is not CSV text, saying what to do', () => {
    expect(readCsvUpload(encode('date,type,title\n2020,designation,a\u0000b'))).toEqual({ ok: false, error: expect.stringMatching(/binary data/) });
    expect(readCsvUpload(new Uint8Array([0x64, 0x2c, 0xc3, 0x28]))).toEqual({ ok: false, error: expect.stringMatching(/not UTF-8/) });
    expect(readCsvUpload(encode('x'.repeat(70_000)), SMALL_LIMITS)).toEqual({ ok: false, error: expect.stringMatching(/limit/) });
    const manyRows = `date,type,title\n${'2020,designation,x\n'.repeat(51)}`;
    expect(readCsvUpload(encode(manyRows), SMALL_LIMITS)).toEqual({ ok: false, error: expect.stringMatching(/51 rows; the limit is 50/) });
  });
});

describe('parseRow under hostile cells', () => {
  const hostileCells = fc.dictionary(fc.constantFrom(...(importColumns as ImportColumn[]), 'details' as ImportColumn), fc.oneof(cell, fc.constantFrom(...KNOWN_HOSTILE)), {
    maxKeys: 12,
  });

  it('never throws; every problem names its column; an id is a positive whole number or an error', () => {
    fc.assert(
      fc.property(hostileCells, fc.integer({ min: 2, max: 10_000 }), (cells, line) => {
        const row: CsvRow = { line, cells };
        const parsed = parseRow(row);
        expect(parsed.line).toBe(line);
        for (const e of parsed.errors) {
          expect(importColumns).toContain(e.column);
          expect(e.message.length).toBeGreaterThan(5);
        }
        if (parsed.id !== null) {
          expect(Number.isSafeInteger(parsed.id) && parsed.id > 0).toBe(true);
          expect(String(parsed.id)).toBe(cells.id!.trim());
        } else if (cells.id?.trim()) {
          expect(parsed.errors.map((e) => e.column)).toContain('id');
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it.each([...NUMBERS, '../../etc/passwd', '1; DROP TABLE events', '1 OR 1=1', '0x10', '١٢'])('id cell %j is an error unless it is a plain positive number', (id) => {
    const parsed = parseRow({ line: 2, cells: { id, date: '2020', type: 'designation', title: 'x' } });
    const plain = /^[1-9]\d{0,14}$/.test(id.trim());
    expect(parsed.id === null).toBe(!plain);
    expect(parsed.errors.some((e) => e.column === 'id')).toBe(!plain);
  });

  it('keeps control characters and markup as text for the event schema to judge', () => {
    for (const value of [...CONTROL_AND_ENCODING.slice(0, 12), '<script>alert(1)</script>']) {
      const parsed = parseRow({ line: 2, cells: { date: '2020', type: 'designation', title: value } });
      expect(parsed.fields.title).toBe(value);
    }
  });
});
