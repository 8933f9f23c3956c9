/**
 * The export opened by a real spreadsheet: LibreOffice Calc, headless, converts an export holding
 * the hostile values of the probe (issue 10) to ODS with formula evaluation on (its default for
 * CSV), and the sheet it built is read from the ODS's content.xml. No cell may be a formula, and
 * the sheet has one row per event plus the header: a line break inside a cell did split records,
 * and the piece after the break ran as a formula (`of:=3+3`, `Err:509` for the cmd payload).
 *
 * Needs `soffice` (Debian: libreoffice-calc-nogui) and `python3` (to read the ODS zip); without
 * them the test fails and says so, it never skips.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportRow } from '../queries/export';
import { convertWithLibreOffice, formulaCells, readOdsSheet, sofficeProblem } from '@/lib/testing/libreoffice';
import { PLAIN_EXPORT_ROW } from '../testing/export-row';
import { createEventCsvStream } from './csv';

const base: ExportRow = { ...PLAIN_EXPORT_ROW, countries: 'SY (target)' };

const CMD = "=cmd|' /C calc'!A0";
const HOSTILE: Partial<ExportRow>[] = [
  { summary: `line1\n${CMD}` },
  { title: '=3+3', summary: 'line1\n=3+3\nline3' },
  { title: '+1', summary: '+1\r\n+1' },
  { title: '@SUM(1)', summary: 'a\r@SUM(1)\rb' },
  { title: '-2', summary: '-2\n\n-2' },
  { title: '\t=1+1', summary: 'x\n\t=1+1' },
  { title: '   =HYPERLINK("http://evil.test","click")', summary: 'x\n  =1+1' },
  { title: '\uff1d1+1', summary: "'=1+1\n'=2+2" },
  { title: 'Tags and actors too', tags: `safe; ${CMD}`, actors: `=1+1 (target); Someone\n=2+2 (issuer)`, legalAuthority: '=1+1', program: '-X' },
  { title: 'Line breaks, quotes, commas', summary: 'a "quoted", text,\r\n=1+1, and more\n' },
];
const ROWS: ExportRow[] = HOSTILE.map((h, i) => ({ ...base, id: i + 1, ...h }));

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-lo-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('an export opened in LibreOffice Calc', () => {
  it(
    'shows hostile values as text: no cell is a formula, one row per event plus the header',
    async () => {
      expect(sofficeProblem()).toBeNull();

      const csvFile = path.join(work, 'events.csv');
      const stream = createEventCsvStream([ROWS.slice(0, 4), ROWS.slice(4)][Symbol.iterator](), { bom: true, origin: 'https://t.example' });
      fs.writeFileSync(csvFile, new Uint8Array(await new Response(stream).arrayBuffer()));

      // Comma-separated, double quotes, UTF-8 (76), from line 1; the 13th option turns formula
      // evaluation on, as LibreOffice does by default. Its own profile, so parallel runs do not collide.
      // Comma-separated, double quotes, UTF-8 (76), from line 1; the 13th option turns formula
      // evaluation on, as LibreOffice does by default.
      const ods = convertWithLibreOffice(csvFile, work, 'ods', { infilter: 'CSV:44,34,76,1,,,false,false,false,false,false,false,true' });
      expect(ods.run.ok, `LibreOffice did not convert the export: ${ods.run.detail}`).toBe(true);
      const sheet = readOdsSheet(ods.path);

      expect(formulaCells(sheet), 'cells LibreOffice made formulas of').toEqual([]);
      expect(sheet.map((row) => row[0]!.text), 'the first column: the header, then each event id in turn').toEqual([
        'id',
        ...ROWS.map((r) => String(r.id)),
      ]);
      // The payload is text inside its own cell, behind the apostrophe the export added after the break.
      expect(sheet[1]![8]!.text).toBe(`line1\n'${CMD}`);
      expect(sheet[2]![7]!.text).toBe("'=3+3");
    },
    180_000,
  );
});
