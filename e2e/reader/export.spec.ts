import { parse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

const titlesOnScreen = (page: Page) => page.getByTestId('timeline-item').getByRole('heading').allTextContents();
const filters = (page: Page) => page.getByRole('search', { name: 'Filter the timeline' });

async function download(page: Page, name: RegExp) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

test.describe('An analyst exports what they filtered', () => {
  test('downloads a CSV holding exactly the events on screen, in the same order', async ({ page }) => {
    await page.goto('/');
    await filters(page).getByRole('checkbox', { name: /Normalisation moves/ }).check();
    await expect(page.getByTestId('result-count')).toHaveText('6 events');
    const onScreen = await titlesOnScreen(page);

    const { name, bytes } = await download(page, /Export CSV/);
    expect(name).toMatch(/^events_normalisation_\d{4}-\d{2}-\d{2}\.csv$/);
    // UTF-8 with a byte-order mark, so Excel reads "Erdoğan" correctly.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('\r\n');
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.title)).toEqual(onScreen);
    expect(rows.every((r) => r.type === 'normalisation' && r.status === 'published')).toBe(true);
    const erdogan = rows.find((r) => r.title?.startsWith('Erdoğan'));
    expect(erdogan).toMatchObject({ date: '2023', date_precision: 'year', actors: 'Bashar al-Assad (subject, person); Recep Tayyip Erdoğan (speaker, person)' });
  });

  test('downloads the same view as a spreadsheet that LibreOffice opens with the names and dates intact', async ({ page }) => {
    await page.goto('/');
    await filters(page).getByRole('checkbox', { name: /Normalisation moves/ }).check();
    await expect(page.getByTestId('result-count')).toHaveText('6 events');
    const onScreen = await titlesOnScreen(page);

    const { name, bytes } = await download(page, /Excel \(\.xlsx\)/);
    expect(name).toMatch(/^events_normalisation_\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-xlsx-'));
    try {
      fs.writeFileSync(path.join(work, 'view.xlsx'), new Uint8Array(bytes));
      const converted = spawnSync(
        'soffice',
        [`-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', work, path.join(work, 'view.xlsx')],
        { encoding: 'utf8', timeout: 150_000 },
      );
      expect(converted.status, `LibreOffice is needed here: ${converted.error?.message ?? converted.stderr}`).toBe(0);
      const rows = parse(fs.readFileSync(path.join(work, 'view.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.title)).toEqual(onScreen);
      expect(rows.find((r) => r.title?.startsWith('Erdoğan'))).toMatchObject({ date: '2023', date_precision: 'year' });
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  test('exports the whole view from an actor page, and offers JSON and a feed of the same view', async ({ page, request }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad' }).click();
    await page.getByRole('link', { name: 'Biden administration' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Biden administration');
    const onScreen = await titlesOnScreen(page);

    const { name, bytes } = await download(page, /Export CSV/);
    expect(name).toMatch(/^events_biden-administration_/);
    const rows = parse(new TextDecoder().decode(bytes), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.title)).toEqual(onScreen);

    const json = await request.get((await page.getByRole('link', { name: /^JSON/ }).getAttribute('href'))!);
    expect(json.headers()['content-type']).toContain('application/json');
    expect(((await json.json()) as { title: string }[]).map((e) => e.title)).toEqual(onScreen);

    const feed = await request.get((await page.getByRole('link', { name: /^Atom feed/ }).getAttribute('href'))!);
    expect(feed.headers()['content-type']).toContain('application/atom+xml');
    const xml = await feed.text();
    for (const title of onScreen) expect(xml).toContain(title.replace(/&/g, '&amp;').replace(/'/g, '&apos;'));
  });

  test('gets a plain-text reason, not a file, when the link is wrong', async ({ request }) => {
    const response = await request.get('/api/events/export?type=rumour&from=2023-02-30');
    expect(response.status()).toBe(400);
    expect(response.headers()['content-type']).toContain('text/plain');
    expect(response.headers()['content-disposition']).toBeUndefined();
    const body = await response.text();
    expect(body).toContain('type: “rumour” is not an event type');
    expect(body).toContain('from:');
  });
});
