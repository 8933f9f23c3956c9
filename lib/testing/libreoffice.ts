/**
 * The real spreadsheet program in tests: LibreOffice Calc, headless, converts a file, and Python's
 * standard library reads what it made (an ODS's content.xml, or a CSV with the csv module). Shared
 * by the CSV and .xlsx export tests so that each one says only what it checks. Test-only; nothing
 * here is loaded by the app.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ToolRun {
  ok: boolean;
  stdout: string;
  /** What went wrong, for a failure message. */
  detail: string;
}

export function runTool(command: string, args: string[], timeout: number): ToolRun {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout });
  return { ok: !result.error && result.status === 0, stdout: result.stdout, detail: result.error?.message ?? `${result.stdout}\n${result.stderr}` };
}

/** Null when `soffice` runs; otherwise the message a failing test shows (the tests never skip). */
export function sofficeProblem(): string | null {
  const soffice = runTool('soffice', ['--version'], 60_000);
  return soffice.ok ? null : `LibreOffice is needed for this test and "soffice" did not run (install the Debian package libreoffice-calc-nogui): ${soffice.detail}`;
}

/**
 * Converts `file` with LibreOffice (`--convert-to` `target`, e.g. "ods" or a CSV filter string) into
 * `work`, with a profile of its own there so that parallel runs do not collide, and returns the
 * path of the file it wrote. `extension` is that file's extension when `target` is a filter string.
 */
export function convertWithLibreOffice(file: string, work: string, target: string, options: { infilter?: string; extension?: string } = {}): { path: string; run: ToolRun } {
  const run = runTool(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(work, 'profile')}`,
      '--headless',
      ...(options.infilter ? [`--infilter=${options.infilter}`] : []),
      '--convert-to',
      target,
      '--outdir',
      work,
      file,
    ],
    150_000,
  );
  const extension = options.extension ?? target.split(':')[0]!;
  const out = path.join(work, `${path.basename(file, path.extname(file))}.${extension}`);
  return { path: out, run: { ...run, ok: run.ok && fs.existsSync(out) } };
}

/** A cell of the sheet as the ODS holds it: its text, its formula if it is one, its value type. */
export interface OdsCell {
  text: string;
  formula: string | null;
  type: string | null;
}

/** Every cell's text, formula and value type, row by row, from the ODS's content.xml (repeats expanded). */
const READ_ODS = String.raw`
import json, sys, zipfile
import xml.etree.ElementTree as ET
T = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0'
X = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'
O = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0'
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
        value = {'text': '\n'.join(text_of(p) for p in cell.findall('{%s}p' % X)), 'formula': cell.get('{%s}formula' % T), 'type': cell.get('{%s}value-type' % O)}
        cells.extend([value] * min(int(cell.get('{%s}number-columns-repeated' % T, '1')), 64))
    rows.extend([cells] * min(int(row.get('{%s}number-rows-repeated' % T, '1')), 64))
while rows and all(c['text'] == '' for c in rows[-1]): rows.pop()
print(json.dumps(rows))
`;

/** The sheet of an ODS file, read by Python's zipfile and ElementTree. Throws with the reason if it cannot. */
export function readOdsSheet(odsFile: string): OdsCell[][] {
  const read = runTool('python3', ['-c', READ_ODS, odsFile], 30_000);
  if (!read.ok) throw new Error(`python3 could not read ${odsFile}: ${read.detail}`);
  return JSON.parse(read.stdout) as OdsCell[][];
}

/** A CSV file read by Python's csv module. */
export function readCsvWithPython(csvFile: string): string[][] {
  const read = runTool('python3', ['-c', "import csv, json, sys\nwith open(sys.argv[1], newline='', encoding='utf-8') as f:\n    print(json.dumps(list(csv.reader(f))))", csvFile], 30_000);
  if (!read.ok) throw new Error(`python3 could not read ${csvFile}: ${read.detail}`);
  return JSON.parse(read.stdout) as string[][];
}

/** "row 3, column 2: of:=1+1" for every cell LibreOffice made a formula of. */
export function formulaCells(sheet: OdsCell[][]): string[] {
  return sheet.flatMap((row, r) => row.flatMap((c, i) => (c.formula ? [`row ${r + 1}, column ${i + 1}: ${c.formula}`] : [])));
}
