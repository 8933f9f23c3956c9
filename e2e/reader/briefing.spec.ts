import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test } from '../fixtures';

const filters = (page: Page) => page.getByRole('search', { name: 'Filter the timeline' });
const ERDOGAN = 'Erdoğan signals readiness to meet Assad';
const CAESAR = 'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad';

/** Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

test.describe('An analyst briefs from the tracker', () => {
  test('prints a filtered timeline: no controls, the view in words, the permalink and the date, a few full pages', async ({ page }) => {
    await page.goto('/?type=normalisation');
    await expect(page.getByTestId('result-count')).toHaveText('6 events');
    await page.emulateMedia({ media: 'print' });

    await expect(filters(page)).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await expect(page.getByTestId('export-links')).toBeHidden();
    await expect(page.getByTestId('density-chart')).toBeHidden();
    await expect(page.getByTestId('filter-summary')).toBeHidden();
    await expect(page.getByRole('link', { name: /Load older events|Clear all filters/ })).toHaveCount(0);

    const header = page.getByTestId('print-header');
    await expect(header).toBeVisible();
    await expect(page.getByTestId('print-summary')).toHaveText('Showing: Normalisation moves: 6 events');
    await expect(header).toContainText(/Permalink: http:\/\/127\.0\.0\.1:\d+\/\?type=normalisation/);
    await expect(header).toContainText(/Printed \d{1,2} [A-Z][a-z]+ \d{4}/);
    // Each event says its type in words, not only by the swatch's colour.
    const items = page.getByTestId('timeline-item');
    await expect(items).toHaveCount(6);
    for (const item of await items.all()) await expect(item).toContainText('Normalisation move');

    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const pages = pdfPages(pdf);
    test.info().annotations.push({ type: 'pdf pages', description: `6 events: ${pages}` });
    // Six events and a header fit on two A4 pages; before, the controls and blank pages made five.
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);

    // The whole timeline: sixteen events on a handful of pages, none of them blank.
    await page.goto('/');
    await expect(page.getByTestId('print-summary')).toHaveText('Showing: all events: 16 events');
    const all = pdfPages(await page.pdf({ format: 'A4' }));
    test.info().annotations.push({ type: 'pdf pages', description: `16 events: ${all}` });
    expect(all).toBeLessThanOrEqual(5);
    const text = await page.evaluate(() => document.body.innerText.length);
    expect(text / all, 'characters per page: pages are full, not blank').toBeGreaterThan(800);
  });

  test('prints an event with its permalink and the printed date, without the page controls', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: CAESAR }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(CAESAR);
    const path = new URL(page.url()).pathname;
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Copy citation' })).toBeHidden();
    await expect(page.getByTestId('print-header')).toContainText(`${path}`);
    await expect(page.getByTestId('print-header')).toContainText(/Printed \d{1,2} [A-Z][a-z]+ \d{4}/);
    await expect(page.getByText('Sanctions designation').first()).toBeVisible();
    const pages = pdfPages(await page.pdf({ format: 'A4' }));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
  });

  test('copies a citation with the date at its precision, by keyboard, and hears that it was copied', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/?q=erdogan');
    await page.getByRole('link', { name: ERDOGAN }).click();
    await expect(page).toHaveURL(/\/events\/\d+$/);
    const id = new URL(page.url()).pathname.split('/').pop();
    await page.getByRole('button', { name: 'Copy citation' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Citation copied' })).toHaveText('Citation copied to the clipboard.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`${ERDOGAN} (2023). Sanctions & Policy Tracker, http://127.0.0.1:`);
    expect(copied).toContain(`/events/${id} (accessed `);
    expect(copied).toMatch(/\nSources:\n- .+/);
    expect(copied).not.toContain('1 January 2023');
    await expectNoA11yViolations(page);
  });

  test('gets the citation to copy by hand when the browser refuses the clipboard', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
    });
    await page.goto('/?q=erdogan');
    await page.getByRole('link', { name: ERDOGAN }).click();
    await page.getByRole('button', { name: 'Copy citation' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'did not let' })).toContainText('press Ctrl+C');
    const box = page.getByRole('textbox', { name: 'Citation' });
    await expect(box).toBeFocused();
    await expect(box).toHaveValue(new RegExp(`^${ERDOGAN} \\(2023\\)\\. Sanctions & Policy Tracker, http`));
  });

  test('skips to the results with the first Tab', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to results' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.locator('#results')).toBeFocused();
    // The next Tab reaches the newest event: two presses instead of sixty.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: "Our stance against normalization remains unchanged" }).first()).toBeFocused();

    // Elsewhere the layout's link skips to the page's content.
    await page.goto('/countries');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });
});

test.describe('A new analyst finds their way', () => {
  test('opens the indexes of countries and actors from the header, with counts and links', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Countries' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Countries');
    const countries = page.getByTestId('country-index');
    await expect(countries.getByRole('listitem').filter({ hasText: 'Syria (SY)' })).toContainText(/\d+ events/);
    await expectNoA11yViolations(page);
    await countries.getByRole('link', { name: /^Syria/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Syria');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Actors' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Actors');
    const actors = page.getByTestId('actor-index');
    await expect(actors.getByRole('listitem').filter({ hasText: 'Samer Kamal al-Assad' })).toContainText('1 event');
    await expectNoA11yViolations(page);
    await actors.getByRole('link', { name: 'Samer Kamal al-Assad' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Samer Kamal al-Assad');
    // One event, in March 2023: the chart's one bar says the month and the year.
    await expect(page.getByTestId('density-chart').getByTestId('chart-bar')).toHaveCount(1);
    await expect(page.getByTestId('density-chart').getByTestId('chart-axis-label')).toHaveText(['Mar 2023']);
  });

  test('follows a country chip on the timeline to the country page', async ({ page }) => {
    await page.goto('/');
    const item = page.getByTestId('timeline-item').filter({ hasText: CAESAR });
    await item.getByRole('link', { name: /^SY \(Syria\)/ }).click();
    await expect(page).toHaveURL(/\/countries\/SY$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Syria');
  });

  test('never sees a search that is not in effect: an unsubmitted search resets when a box is ticked', async ({ page }) => {
    await page.goto('/');
    const box = filters(page).getByRole('searchbox', { name: 'Search' });
    await box.fill('qaddour');
    await filters(page).getByRole('checkbox', { name: /Normalisation moves/ }).check();
    await expect(page.getByTestId('result-count')).toHaveText('6 events');
    await expect(box).toHaveValue('');
    await expect(page).not.toHaveURL(/q=/);

    // A submitted search stays, and stays in the box, when another filter applies.
    await box.fill('assad');
    await box.press('Enter');
    await expect(page).toHaveURL(/q=assad/);
    await filters(page).getByRole('checkbox', { name: /Sanctions designations/ }).check();
    await expect(page).toHaveURL(/type=designation/);
    await expect(box).toHaveValue('assad');
  });
});
