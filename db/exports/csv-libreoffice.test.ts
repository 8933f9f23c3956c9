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
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportRow } from '../queries/export';
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

/** Every cell's text and formula, row by row, from the ODS's content.xml (repeats expanded). */
const READ_ODS = String.raw`
import json, sys, zipfile
import xml.etree.ElementTree as ET
T = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0'
X = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'
def text_of(node):
    out = node.text or ''
    for child in node:
        tag = child.tag.split('}')[1]
        if tag == 's': out += ' ' * int(child.get('{%s}c' % X, '1'))
        elif tag == 'tab': out += '\t'
        elif tag == 'line-break': out += '\n'
        else: out += text_of(child)
        out += child.tail or ''
    return out
root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read('content.xml'))
rows = []
for row in root.iter('{%s}table-row' % T):
    cells = []
    for cell in row:
        if cell.tag not in ('{%s}table-cell' % T, '{%s}covered-table-cell' % T): continue
        value = {'text': '\n'.join(text_of(p) for p in cell.findall('{%s}p' % X)), 'formula': cell.get('{%s}formula' % T)}
        cells.extend([value] * min(int(cell.get('{%s}number-columns-repeated' % T, '1')), 64))
    rows.extend([cells] * min(int(row.get('{%s}number-rows-repeated' % T, '1')), 64))
while rows and all(c['text'] == '' for c in rows[-1]): rows.pop()
print(json.dumps(rows))
`;

function run(command: string, args: string[], timeout: number) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout });
  return { ok: !result.error && result.status === 0, detail: result.error?.message ?? `${result.stdout}\n${result.stderr}` };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-lo-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('an export opened in LibreOffice Calc', () => {
  it(
    'shows hostile values as text: no cell is a formula, one row per event plus the header',
    async () => {
      const soffice = run('soffice', ['--version'], 60_000);
      expect(soffice.ok, `LibreOffice is needed for this test and "soffice" did not run (install the Debian package libreoffice-calc-nogui): ${soffice.detail}`).toBe(true);
      expect(run('python3', ['-c', 'import zipfile'], 30_000).ok, 'python3 is needed to read the ODS file').toBe(true);

      const csvFile = path.join(work, 'events.csv');
      const stream = createEventCsvStream([ROWS.slice(0, 4), ROWS.slice(4)][Symbol.iterator](), { bom: true, origin: 'https://t.example' });
      fs.writeFileSync(csvFile, new Uint8Array(await new Response(stream).arrayBuffer()));

      // Comma-separated, double quotes, UTF-8 (76), from line 1; the 13th option turns formula
      // evaluation on, as LibreOffice does by default. Its own profile, so parallel runs do not collide.
      const converted = run(
        'soffice',
        [
          `-env:UserInstallation=file://${path.join(work, 'profile')}`,
          '--headless',
          '--infilter=CSV:44,34,76,1,,,false,false,false,false,false,false,true',
          '--convert-to',
          'ods',
          '--outdir',
          work,
          csvFile,
        ],
        150_000,
      );
      const odsFile = path.join(work, 'events.ods');
      expect(converted.ok && fs.existsSync(odsFile), `LibreOffice did not convert the export: ${converted.detail}`).toBe(true);

      const read = spawnSync('python3', ['-c', READ_ODS, odsFile], { encoding: 'utf8', timeout: 30_000 });
      expect(read.status, read.stderr).toBe(0);
      const sheet = JSON.parse(read.stdout) as { text: string; formula: string | null }[][];

      const formulas = sheet.flatMap((row, r) => row.flatMap((c, i) => (c.formula ? [`row ${r + 1}, column ${i + 1}: ${c.formula}`] : [])));
      expect(formulas, 'cells LibreOffice made formulas of').toEqual([]);
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
