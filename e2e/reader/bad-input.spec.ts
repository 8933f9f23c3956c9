import { expect, test } from '../fixtures';

const LONG = 'a'.repeat(10_000);

test.describe('A reader follows a damaged or hostile link', () => {
  for (const [query, notice, kept] of [
    ['type=sanction&country=SY', 'Event type: “sanction” is not an event type', '16 events'],
    ['from=2020-13-45', 'From: “2020-13-45” is not a date', '16 events'],
    ['from=2023&to=2020', 'From: The start (2023) is after the end (2020).', '16 events'],
    ['country=XX', 'Country: “XX” is not an ISO 3166-1 alpha-2 country code.', '16 events'],
    ['q=%22caesar', 'Search: A quotation mark is not closed.', '5 events'],
    ['q=NEAR(', 'Search: Brackets are not balanced', '0 events'],
    ['q=*', 'Search: There are no letters or numbers to search for.', '16 events'],
    [`q=${LONG}`, 'Search: The search is 10,000 characters long; the limit is 300.', '16 events'],
    ['actor=999999', 'Actor: There is no actor #999999.', '16 events'],
    ['status=draft', 'Status: Only signed-in staff can filter by status.', '16 events'],
    ['cursor=bogus', 'Position in the timeline: That position does not exist', '16 events'],
  ] as const) {
    test(`sees a notice for ${query.slice(0, 40)} and the rest of the view`, async ({ page }) => {
      const response = await page.goto(`/?${query}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByTestId('filter-notices')).toContainText(notice);
      await expect(page.getByTestId('result-count')).toHaveText(kept);
    });
  }

  test('keeps the good parts of the link and what was typed in the search box', async ({ page }) => {
    await page.goto(`/?q=${LONG}&type=designation&type=bogus`);
    await expect(page.getByTestId('result-count')).toHaveText('2 events');
    await expect(page.getByRole('checkbox', { name: /Sanctions designations/ })).toBeChecked();
    await expect(page.getByLabel('Search', { exact: true })).toHaveValue(LONG);
  });

  test('is told what is wrong with a typed date before anything changes', async ({ page }) => {
    await page.goto('/?type=statement');
    await page.getByLabel('From', { exact: true }).fill('March 2020');
    await page.getByLabel('From', { exact: true }).press('Enter');
    await expect(page.getByText('“March 2020” is not a date. Write a year, a month or a day: 2020, 2020-06 or 2020-06-17.')).toBeVisible();
    await expect(page.getByLabel('From', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('From', { exact: true })).toHaveValue('March 2020');
    await expect(page).toHaveURL(/\?type=statement$/);
  });
});

test.describe('A reader without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('still filters: the filter form is a plain GET form', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('result-count')).toHaveText('16 events');
    await page.getByRole('checkbox', { name: /Sanctions designations/ }).check();
    await page.getByLabel('From', { exact: true }).fill('2021');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/type=designation/);
    await expect(page.getByTestId('result-count')).toHaveText('1 event');
    await expect(page.getByTestId('timeline-item').getByRole('heading')).toHaveText(
      'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad',
    );
    await expect(page.getByTestId('filter-chip')).toHaveText(['Sanctions designations', 'since 2021']);

    // Chart bars and year links are plain links too.
    await page.getByRole('link', { name: 'Clear all filters' }).first().click();
    await page.getByTestId('year-picker').getByRole('link', { name: /^2011/ }).click();
    await expect(page).toHaveURL(/\?from=2011&to=2011$/);
    await expect(page.getByTestId('result-count')).toHaveText('2 events');
  });
});
