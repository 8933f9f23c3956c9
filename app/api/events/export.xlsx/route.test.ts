/**
 * The spreadsheet export as an analyst gets it: the real route on the seeded database plus events
 * with hostile titles, the file opened by LibreOffice Calc (headless, converted to ODS) and the sheet
 * read back from the ODS's content.xml. Every event is a row, names keep their letters ("Erdoğan",
 * "بشار الأسد"), dates keep their precision as text ("2023", not a date serial or "2023-01-01"),
 * and no cell is a formula. A bad link gets the CSV export's 400, word for word.
 *
 * Needs `soffice` (Debian: libreoffice-calc-nogui) and `python3`; without them the test fails and
 * says so, it never skips.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeEvent } from '@/db/testing/test-db';
import { convertWithLibreOffice, formulaCells, readOdsSheet, sofficeProblem } from '@/lib/testing/libreoffice';
import { apiRequest, connection, freshDatabase, signInAs } from '@/testing/harness';

vi.mock('@/db/index', async () => (await import('@/testing/harness')).dbModule());
vi.mock('@/server/auth/viewer', async () => (await import('@/testing/harness')).viewerModule());

const xlsx = await import('./route');
const csv = await import('../export/route');

const CMD = "=cmd|' /C calc'!A0";
const HOSTILE_TITLES = ['=1+1', '+1 designation', '@SUM(1)', '-2 listed', '=HYPERLINK("http://evil.test","click")', CMD];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-xlsx-route-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  freshDatabase();
  signInAs(null);
  for (const [i, title] of HOSTILE_TITLES.entries()) {
    makeEvent(connection().db, { title, summary: `line1\n${CMD}\nline3`, date: `2024-0${i + 1}`, type: 'designation' });
  }
  makeEvent(connection().db, { title: 'A draft never exported', status: 'draft' });
});

describe('GET /api/events/export.xlsx opened in LibreOffice Calc', () => {
  it(
    'holds every event of the view as text, names intact, dates at their precision, and no formula',
    async () => {
      expect(sofficeProblem()).toBeNull();

      const res = await xlsx.GET(apiRequest('GET', '/api/events/export.xlsx', { site: 'no-origin' }));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="events_\d{4}-\d{2}-\d{2}\.xlsx"$/);
      const file = path.join(work, 'events.xlsx');
      fs.writeFileSync(file, new Uint8Array(await res.arrayBuffer()));

      const ods = convertWithLibreOffice(file, work, 'ods');
      expect(ods.run.ok, `LibreOffice did not convert the export: ${ods.run.detail}`).toBe(true);
      const [header, ...rows] = readOdsSheet(ods.path);
      const col = (name: string) => header!.findIndex((c) => c.text === name);

      expect(formulaCells([header!, ...rows]), 'cells LibreOffice made formulas of').toEqual([]);

      // One row per published event: the 16 seeded and the hostile ones, newest first; no draft.
      const published = connection().sqlite.prepare("SELECT count(*) FROM events WHERE status = 'published' AND deleted_at IS NULL").pluck().get();
      expect(rows).toHaveLength(Number(published));
      expect(rows).toHaveLength(16 + HOSTILE_TITLES.length);
      const titles = rows.map((r) => r[col('title')]!.text);
      expect(titles).not.toContain('A draft never exported');
      // The hostile titles as typed, with no apostrophe: the file says they are text.
      expect(titles).toEqual(expect.arrayContaining(HOSTILE_TITLES));
      const hostile = rows.find((r) => r[col('title')]!.text === CMD)!;
      expect(hostile[col('summary')]!.text).toBe(`line1\n${CMD}\nline3`);
      expect(hostile[col('date')]!).toMatchObject({ text: '2024-06', type: 'string' });

      const erdogan = rows.find((r) => r[col('title')]!.text.startsWith('Erdoğan'))!;
      expect(erdogan, 'the seeded event of Erdoğan\'s offer').toBeDefined();
      expect(erdogan[col('date')]).toMatchObject({ text: '2023', type: 'string' });
      expect(erdogan[col('date_precision')]!.text).toBe('year');
      expect(erdogan[col('actors')]!.text).toBe('Bashar al-Assad (subject, person); Recep Tayyip Erdoğan (speaker, person)');
      // Ids stay numbers; every date cell is text as written, never a serial.
      expect(rows.every((r) => r[col('id')]!.type === 'float')).toBe(true);
      expect(rows.every((r) => r[col('date')]!.type === 'string' && /^\d{4}(-\d{2}){0,2}$/.test(r[col('date')]!.text))).toBe(true);
    },
    180_000,
  );

  it('refuses a bad link with the CSV export\'s plain-text 400, and writes no file', async () => {
    for (const query of ['?type=rumour&from=2023-02-30', '?status=draft', '?bogus=1', '?country=XX']) {
      const [a, b] = await Promise.all([
        xlsx.GET(apiRequest('GET', `/api/events/export.xlsx${query}`, { site: 'no-origin' })),
        csv.GET(apiRequest('GET', `/api/events/export${query}`, { site: 'no-origin' })),
      ]);
      expect(a.status).toBe(400);
      expect(a.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(a.headers.get('content-disposition')).toBeNull();
      const [textA, textB] = [await a.text(), await b.text()];
      // The CSV export also knows `bom`; otherwise the reasons are the same.
      expect(textA.replace(', bom', '')).toBe(textB.replace(', bom', ''));
      expect(textA).toMatch(/^The export was not made because the link has problems:/);
    }
  });

  it('names the file after the view, as the CSV does', async () => {
    const res = await xlsx.GET(apiRequest('GET', '/api/events/export.xlsx?type=designation&country=SY', { site: 'no-origin' }));
    expect(res.headers.get('content-disposition')).toMatch(/filename="events_designation_SY_\d{4}-\d{2}-\d{2}\.xlsx"/);
    await res.body?.cancel();
  });
});
