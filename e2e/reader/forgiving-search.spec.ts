import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test } from '../fixtures';

const titles = (page: Page) => page.getByTestId('timeline-item').getByRole('heading').allTextContents();
const filters = (page: Page) => page.getByRole('search', { name: 'Filter the timeline' });

async function search(page: Page, text: string) {
  await filters(page).getByLabel('Search', { exact: true }).fill(text);
  await filters(page).getByLabel('Search', { exact: true }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`\\?q=${encodeURIComponent(text).replace(/%20/g, '\\+')}$`));
}

test.describe('A new analyst searches as they speak', () => {
  test('finds the same events for normalization as for normalisation, marked in either spelling', async ({ page }) => {
    await page.goto('/');
    await search(page, 'normalisation');
    const uk = (await titles(page)).sort();
    const ukCount = await page.getByTestId('result-count').textContent();
    expect(uk.length).toBeGreaterThanOrEqual(5);

    await search(page, 'normalization');
    await expect(page.getByTestId('result-count')).toHaveText(ukCount!);
    expect((await titles(page)).sort()).toEqual(uk);
    // The British spelling in a title is marked for the American search.
    await expect(page.getByTestId('timeline-item').locator('mark', { hasText: /^normalisation$/i }).first()).toBeVisible();
  });

  test('misspells a name, is offered Qaddour, and follows the suggestion', async ({ page }) => {
    await page.goto('/');
    await search(page, 'Qadour');
    await expect(page.getByTestId('result-count')).toHaveText('0 events');
    const suggestion = page.getByTestId('search-suggestion');
    await expect(suggestion).toContainText('Did you mean Qaddour?');
    await expectNoA11yViolations(page);
    await suggestion.getByRole('link', { name: 'Qaddour' }).click();
    await expect(page).toHaveURL(/\?q=Qaddour$/);
    await expect(page.getByTestId('result-count')).toHaveText('1 event');
    expect(await titles(page)).toEqual(['Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad']);
    await expect(page.getByTestId('search-suggestion')).toHaveCount(0);
  });

  test('searches Turkey and finds Erdoğan’s offer to meet Assad', async ({ page }) => {
    await page.goto('/');
    await search(page, 'Turkey');
    expect(await titles(page)).toContain('Erdoğan signals readiness to meet Assad');
    await search(page, 'Türkiye');
    expect(await titles(page)).toContain('Erdoğan signals readiness to meet Assad');
  });
});
