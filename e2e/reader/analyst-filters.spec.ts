import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test } from '../fixtures';

const titles = (page: Page) => page.getByTestId('timeline-item').getByRole('heading').allTextContents();
const filters = (page: Page) => page.getByRole('search', { name: 'Filter the timeline' });

test.describe('An analyst narrows the timeline', () => {
  test('narrows to Caesar Act designations, shares the link, and a colleague sees the same events', async ({ page, context }) => {
    await page.goto('/');
    await expect(page.getByTestId('result-count')).toHaveText('16 events');

    await filters(page).getByRole('checkbox', { name: /Sanctions designations/ }).check();
    await expect(page).toHaveURL(/\?type=designation$/);
    await expect(page.getByTestId('result-count')).toHaveText('2 events');

    await filters(page).getByRole('checkbox', { name: /Caesar Syria Civilian Protection Act of 2019/ }).check();
    await expect(page).toHaveURL(/\?type=designation&authority=Caesar\+Syria\+Civilian\+Protection\+Act\+of\+2019$/);
    await expect(page.getByTestId('result-count')).toHaveText('2 events');
    await expect(page.getByTestId('filter-chip')).toHaveText([
      'Sanctions designations',
      'under Caesar Syria Civilian Protection Act of 2019',
    ]);
    const seen = await titles(page);
    expect(seen).toEqual([
      'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad',
      'First Caesar Act sanctions: nine individuals and entities',
    ]);
    // Facet counts: other types are counted under the authority filter; empty ones stay, dimmed.
    await expect(filters(page).getByRole('checkbox', { name: 'Official statements' })).toHaveAccessibleDescription('1 event');
    await expect(filters(page).getByRole('checkbox', { name: 'Sanctions removals' })).toHaveAccessibleDescription('0 events');
    await expectNoA11yViolations(page);

    const link = page.url();
    const colleague = await context.newPage();
    await colleague.goto(link);
    await expect(colleague.getByTestId('result-count')).toHaveText('2 events');
    expect(await titles(colleague)).toEqual(seen);
    await expect(filters(colleague).getByRole('checkbox', { name: /Sanctions designations/ })).toBeChecked();
    await colleague.close();

    // Each filter in the summary line comes off with one click.
    await page.getByRole('link', { name: 'Remove filter: Sanctions designations' }).click();
    await expect(page).toHaveURL(/\?authority=Caesar/);
    await expect(page.getByTestId('result-count')).toHaveText('5 events');
    await page.getByRole('link', { name: 'Clear all filters' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('result-count')).toHaveText('16 events');
  });

  test('searches "qadd" and finds Khalid Qaddour, highlighted, then orders by relevance', async ({ page }) => {
    await page.goto('/');
    await filters(page).getByLabel('Search', { exact: true }).fill('qadd');
    await filters(page).getByLabel('Search', { exact: true }).press('Enter');
    await expect(page).toHaveURL(/\?q=qadd$/);
    await expect(page.getByTestId('result-count')).toHaveText('1 event');
    const item = page.getByTestId('timeline-item');
    await expect(item.getByRole('heading')).toHaveText('Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad');
    await expect(item.locator('mark').first()).toHaveText('Qaddour');

    // Diacritics fold both ways, and the index covers actors' names.
    await filters(page).getByLabel('Search', { exact: true }).fill('erdogan');
    await filters(page).getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('result-count')).toHaveText('1 event');
    await expect(page.getByTestId('timeline-item').locator('mark').first()).toHaveText('Erdoğan');

    await filters(page).getByLabel('Search', { exact: true }).fill('caesar');
    await filters(page).getByLabel('Search', { exact: true }).press('Enter');
    await expect(page).toHaveURL(/\?q=caesar$/);
    await filters(page).getByRole('radio', { name: 'Best match first' }).check();
    await expect(page).toHaveURL(/\?q=caesar&sort=relevance$/);
    await expect(page.getByTestId('timeline-item').first().getByRole('heading')).toContainText('Caesar');
    await expectNoA11yViolations(page);
  });

  test('clicks a chart bar to narrow the dates, then goes back', async ({ page }) => {
    await page.goto('/');
    const chart = page.getByTestId('density-chart');
    await expect(chart).toContainText('Events per year, by type');
    await chart.getByRole('link', { name: /^2018: 2 events/ }).click();
    await expect(page).toHaveURL(/\?from=2018&to=2018$/);
    await expect(page.getByTestId('result-count')).toHaveText('2 events');
    await expect(page.getByTestId('filter-chip')).toHaveText(['2018']);
    // Narrowed to one year, the chart shows months; these two events are known only to the year.
    await expect(chart).toContainText('Events per month, by type');
    await expect(page.getByTestId('chart-year-only')).toHaveText('2 events are dated only to the year and not drawn by month.');

    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('result-count')).toHaveText('16 events');
    await expect(chart).toContainText('Events per year, by type');

    await page.goForward();
    await expect(page.getByTestId('result-count')).toHaveText('2 events');
  });

  test('uses back and forward through filter changes, and the controls follow the URL', async ({ page }) => {
    await page.goto('/');
    const syria = filters(page).getByRole('checkbox', { name: /^Syria/ });
    await syria.check();
    await expect(page).toHaveURL(/\?country=SY$/);
    await filters(page).getByLabel('How the countries take part').selectOption('actor');
    await expect(page).toHaveURL(/\?country=SY&role=actor$/);
    await expect(page.getByTestId('result-count')).toHaveText('1 event');
    await filters(page).getByLabel('From', { exact: true }).fill('2023');
    // Leaving the From box applies it as a step of its own.
    await filters(page).getByLabel('From', { exact: true }).blur();
    await expect(page).toHaveURL(/\?from=2023&country=SY&role=actor$/);
    await filters(page).getByLabel('To', { exact: true }).fill('2023-03');
    await filters(page).getByLabel('To', { exact: true }).press('Enter');
    await expect(page).toHaveURL(/\?from=2023&to=2023-03&country=SY&role=actor$/);
    await expect(page.getByTestId('empty-state')).toBeVisible();

    // Each change was its own step.
    await page.goBack();
    await expect(page).toHaveURL(/\?from=2023&country=SY&role=actor$/);
    await expect(filters(page).getByLabel('To', { exact: true })).toHaveValue('');
    await expect(filters(page).getByLabel('From', { exact: true })).toHaveValue('2023');
    await page.goBack();
    await expect(page).toHaveURL(/\?country=SY&role=actor$/);
    await expect(filters(page).getByLabel('From', { exact: true })).toHaveValue('');
    await expect(filters(page).getByLabel('How the countries take part')).toHaveValue('actor');
    await page.goBack();
    await expect(page).toHaveURL(/\?country=SY$/);
    await expect(filters(page).getByLabel('How the countries take part')).toHaveValue('any');
    await expect(page.getByTestId('result-count')).toHaveText('16 events');
    await page.goBack();
    await expect(syria).not.toBeChecked();
  });

  test('sees why nothing matches, and clears the filters', async ({ page }) => {
    await page.goto('/?type=isolation&country=TR');
    const empty = page.getByTestId('empty-state');
    await expect(empty).toContainText('No events match all of these filters.');
    await expect(empty).toContainText('Isolation moves · Türkiye');
    await expect(page.getByTestId('result-count')).toHaveText('0 events');
    await expectNoA11yViolations(page);
    await empty.getByRole('link', { name: 'Clear all filters' }).click();
    await expect(page.getByTestId('result-count')).toHaveText('16 events');
  });

  test('finds an actor by alias and filters by them', async ({ page }) => {
    await page.goto('/');
    const box = filters(page).getByRole('combobox', { name: 'Find an actor by name or alias' });
    await box.fill('khaled');
    const option = page.getByRole('option', { name: /Khalid Qaddour/ });
    await expect(option).toContainText('also known as Khaled Qaddour');
    await box.press('ArrowDown');
    await box.press('Enter');
    await expect(page).toHaveURL(/\?actor=\d+$/);
    await expect(page.getByTestId('filter-chip')).toHaveText(['Khalid Qaddour']);
    await expect(page.getByTestId('result-count')).toHaveText('1 event');
    await expect(filters(page).getByRole('checkbox', { name: /Khalid Qaddour/ })).toBeChecked();
  });

  test('operates the chart with the keyboard: arrows move, Shift+arrows select a span, Enter narrows', async ({ page }) => {
    await page.goto('/?from=2023&to=2023');
    const bars = page.getByTestId('chart-bar');
    await expect(bars).toHaveCount(12);
    // One tab stop for the whole chart, on the latest month with events.
    await bars.nth(2).focus();
    await expect(bars.nth(2)).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(bars.nth(1)).toBeFocused();
    await page.keyboard.press('Shift+ArrowRight');
    await expect(page.getByTestId('chart-selection')).toBeVisible();
    await expect(bars.nth(2)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\?from=2023-02&to=2023-03$/);
    await expect(page.getByTestId('result-count')).toHaveText('5 events');
    await expect(page.getByTestId('filter-chip')).toHaveText(['February 2023 – March 2023']);
  });
});

test.describe("A reader opens an actor's or a country's page", () => {
  test('sees the same timeline, pre-filtered, with a link that opens it in the timeline', async ({ page }) => {
    await page.goto('/countries/AE');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('United Arab Emirates');
    await expect(page.getByTestId('timeline-item')).toHaveCount(2);
    await expect(page.getByTestId('density-chart')).toBeVisible();
    await page.getByRole('link', { name: 'Open in timeline' }).click();
    await expect(page).toHaveURL(/\/\?country=AE$/);
    await expect(page.getByTestId('result-count')).toHaveText('2 events');
    await expect(filters(page).getByRole('checkbox', { name: /^United Arab Emirates/ })).toBeChecked();

    await page.goto('/');
    await page.getByRole('link', { name: 'Samer Kamal al-Assad', exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Samer Kamal al-Assad');
    await expect(page.getByTestId('timeline-item')).toHaveCount(1);
    await expectNoA11yViolations(page);
    await page.getByRole('link', { name: 'Open in timeline' }).click();
    await expect(page.getByTestId('filter-chip')).toHaveText(['Samer Kamal al-Assad']);
    await expect(page.getByTestId('result-count')).toHaveText('1 event');
  });
});

test.describe('A reader on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('sees the results first and opens the filters from a button', async ({ page }) => {
    await page.goto('/?type=designation');
    const toggle = page.getByText('Filters (1 active)');
    await expect(toggle).toBeVisible();
    const panel = filters(page);
    await expect(panel).toBeHidden();
    await expect(page.getByTestId('timeline-item').first()).toBeVisible();
    await toggle.click();
    await expect(panel).toBeVisible();
    await panel.getByRole('checkbox', { name: 'Official statements' }).check();
    await expect(page).toHaveURL(/\?type=designation&type=statement$/);
    await expect(page.getByTestId('result-count')).toHaveText('5 events');
    await expect(panel).toBeVisible();
    await expectNoA11yViolations(page);
  });
});
