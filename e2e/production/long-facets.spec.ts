/**
 * A facet with hundreds of options serves only its first few; the rest are rendered when its
 * "More ..." disclosure opens, and without JavaScript the opened disclosure links to the page with
 * the whole list served open (components/filters/facet-group.tsx). The seed has too few countries
 * for a "More" list, so this story runs its own server (port E2E_PORT+2) on a synthetic database.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ProductionServer, tempDirectory } from '../../scripts/harness/production-server';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
const ROOT = process.cwd();

const countries = (page: Page) => page.getByRole('group', { name: 'Country' }).getByRole('checkbox');

test.describe('An analyst looks for a country that is not among the first few', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  let tmp: ReturnType<typeof tempDirectory>;
  let server: ProductionServer;
  test.beforeAll(async () => {
    tmp = tempDirectory('tracker-e2e-facets-');
    const databasePath = path.join(tmp.dir, 'tracker.db');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/db-synth.ts', '--events', '2000', '--out', databasePath], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    server = await ProductionServer.start({ port: PORT, databasePath });
  });
  test.afterAll(async () => {
    await server?.stop();
    tmp?.remove();
  });

  test('opens "More countries", and the list appears at once; choosing one filters the timeline', async ({ page }) => {
    await page.goto(`${server.baseUrl}/`);
    const more = page.locator('summary', { hasText: /^More countries \((\d+)\)$/ });
    const hidden = Number(/\((\d+)\)/.exec((await more.textContent()) ?? '')?.[1]);
    expect(hidden).toBeGreaterThan(20);
    await expect(countries(page)).toHaveCount(8);
    await more.click();
    await expect(countries(page)).toHaveCount(8 + hidden);
    const code = await countries(page).last().getAttribute('value');
    // By its value: once checked, the option moves up among the first few.
    const last = page.locator(`input[type=checkbox][name=country][value="${code}"]`);
    const count = Number(/\d+/.exec((await last.locator('xpath=ancestor::li').getByTestId('facet-count').textContent()) ?? '')?.[0]);
    expect(count).toBeGreaterThan(0);
    await last.check();
    await expect(page).toHaveURL(new RegExp(`[?&]country=${code}$`));
    await expect(page.getByTestId('result-count')).toHaveText(count === 1 ? '1 event' : `${count} events`);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('opens "More countries", follows "Show all", and filters with the plain form', async ({ page }) => {
      await page.goto(`${server.baseUrl}/?type=designation`);
      await page.locator('summary', { hasText: /^More countries/ }).click();
      await page.getByRole('link', { name: /^Show all \d+ options$/ }).click();
      await expect(page).toHaveURL(/[?&]more=country#more-country$/);
      await expect(page.locator('#more-country')).toHaveAttribute('open', '');
      const last = page.locator('#more-country input[type=checkbox]').last();
      const code = await last.getAttribute('value');
      await last.check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]country=${code}(&|$)`));
      await expect(page).toHaveURL(/[?&]type=designation(&|$)/);
      await expect(page).not.toHaveURL(/more=/);
      await expect(page.getByTestId('filter-chip')).toContainText([/designations/i]);
    });
  });
});
