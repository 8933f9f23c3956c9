/**
 * The export as a strict RFC 4180 reader and a line-oriented reader see it, over arbitrary text in
 * every text column: one record per event (a line break inside a cell never splits a record), the
 * cells read back exactly as written, and no physical line of the file starts a field that a
 * spreadsheet would run as a formula. The reader is Python's csv module (lib/testing/strict-csv-reader.ts),
 * not the csv-parse we use ourselves, which tolerated the split records this test was written for.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvHostileText } from '@/lib/testing/csv-text';
import { StrictCsvReader } from '@/lib/testing/strict-csv-reader';
import { CSV_HEADER, encodeEventCsv } from '@/lib/csv/columns';
import { neutraliseFormula, restoreNeutralised } from '@/lib/csv/encode';
import type { ExportRow } from '../queries/export';
import { PLAIN_EXPORT_ROW } from '../testing/export-row';
import { createEventCsvStream, toCsvRecord } from './csv';

const hostileText = csvHostileText;
const optionalText = fc.option(hostileText, { nil: null });

const exportRow = fc.record({
  id: fc.integer({ min: 1, max: 10_000_000 }),
  date: fc.constantFrom('2023-03-28', '2011-11-01', '1999-01-01'),
  datePrecision: fc.constantFrom('day' as const, 'month' as const, 'year' as const),
  effectiveDate: fc.constant(null),
  effectiveDatePrecision: fc.constant(null),
  endDate: fc.constant(null),
  endDatePrecision: fc.constant(null),
  type: hostileText,
  title: hostileText,
  summary: hostileText,
  countries: optionalText,
  actors: optionalText,
  legalAuthority: optionalText,
  program: optionalText,
  tags: optionalText,
  sourceUrls: optionalText,
  sourceTitles: optionalText,
  status: hostileText,
  createdAt: fc.constant('2026-11-27T21:00:00.000Z'),
  updatedAt: fc.constant('2026-11-27T21:05:00.000Z'),
  // `type` and `status` get any text too, beyond what the database's CHECKs let in: the encoder
  // must not rely on them.
}) as fc.Arbitrary<ExportRow>;

const fixedRow = PLAIN_EXPORT_ROW;

/** A physical line that starts a field a spreadsheet or a shell-minded reader would run. */
const FORMULA_AT_LINE_START = /^"?[ \u00a0]*[=+\-@\t\uff1d\uff0b\uff0d\uff20]/;
const physicalLines = (text: string) => text.split(/\r\n|\r|\n/);

const ORIGIN = 'https://t.example';
const RUNS = 300;
const runs: Record<string, number> = {};

let reader: StrictCsvReader;
beforeAll(() => {
  reader = new StrictCsvReader();
});
afterAll(() => {
  reader.close();
  console.log(`fuzzed inputs per property: ${JSON.stringify(runs)}`);
});

async function exportText(rows: ExportRow[], batchSize: number): Promise<string> {
  const batches: ExportRow[][] = [];
  for (let i = 0; i < rows.length; i += batchSize) batches.push(rows.slice(i, i + batchSize));
  return new Response(createEventCsvStream(batches[Symbol.iterator](), { bom: true, origin: ORIGIN })).text();
}

describe('the CSV export under a strict reader', () => {
  it('has exactly one record per event, each cell read back as written, whatever the text', async () => {
    runs.oneRecordPerEvent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(exportRow, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 3 }), async (rows, batchSize) => {
        runs.oneRecordPerEvent!++;
        const text = await exportText(rows, batchSize);
        const read = await reader.read(text);
        if (!read.ok) throw new Error(`Python's csv module refused the export: ${read.error}`);
        expect(read.rows, 'records (header + one per event)').toHaveLength(rows.length + 1);
        expect(read.rows[0]).toEqual(CSV_HEADER);
        rows.forEach((row, i) => {
          const record = toCsvRecord(row, ORIGIN);
          const cells = read.rows[i + 1]!;
          expect(cells).toHaveLength(CSV_HEADER.length);
          expect(cells[0]).toBe(String(row.id));
          // What the reader sees is the neutralised text, and the importer's undoing gives back the original.
          for (const [c, key] of CSV_HEADER.entries()) {
            const value = record[key];
            if (typeof value !== 'string') continue;
            expect(restoreNeutralised(cells[c]!), key).toBe(value);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('never starts a physical line with a formula, in a cell of its own or after a line break inside one', async () => {
    runs.noFormulaAtLineStart = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(exportRow, { minLength: 1, maxLength: 6 }), async (rows) => {
        runs.noFormulaAtLineStart!++;
        const text = await exportText(rows, 1_000);
        for (const line of physicalLines(text)) expect(line, JSON.stringify(line)).not.toMatch(FORMULA_AT_LINE_START);
      }),
      { numRuns: RUNS },
    );
  });

  it('the cell-level marking round-trips any text and leaves no line starting a formula', () => {
    runs.markingRoundTrip = 0;
    fc.assert(
      fc.property(hostileText, (value) => {
        runs.markingRoundTrip!++;
        const marked = neutraliseFormula(value);
        expect(restoreNeutralised(marked)).toBe(value);
        for (const line of physicalLines(marked)) expect(line).not.toMatch(/^[ \u00a0]*[=+\-@\t\uff1d\uff0b\uff0d\uff20]/);
        // A cell holding a line break, a quote or a comma is quoted, so the break stays inside it.
        const encoded = encodeEventCsv([{ ...toCsvRecord(fixedRow, ORIGIN), summary: value }], { header: false });
        if (/[\r\n",]/.test(marked)) expect(encoded).toContain(`"${marked.replaceAll('"', '""')}"`);
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it('keeps the probe\'s payload inside its quoted cell: "line1\\n=cmd…" is one record', async () => {
    const row: ExportRow = { ...fixedRow, summary: "line1\n=cmd|' /C calc'!A0" };
    const text = encodeEventCsv([toCsvRecord(row, ORIGIN)], { header: true });
    expect(text).toContain(`"line1\n'=cmd|' /C calc'!A0"`);
    const read = await reader.read(text);
    expect(read.ok && read.rows.length).toBe(2);
  });
});
