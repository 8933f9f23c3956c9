import type { Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test } from '../fixtures';

const titles = (page: Page) => page.getByTestId('timeline-item').getByRole('heading').allTextContents();
const filters = (page: Page) => page.getByRole('search', { name: 'Filter the timeline' });

test.describe('An analyst asks what happened between Syria and its neighbours', () => {
  test('finds Assad’s 2022 visit to the UAE among the normalisation moves with Syria in 2022-2023, and removes the counterpart again', async ({ page }) => {
    await page.goto('/');
    await filters(page).getByRole('checkbox', { name: /Normalisation moves/ }).check();
    await expect(page).toHaveURL(/\?type=normalisation$/);
    await filters(page).getByLabel('From', { exact: true }).fill('2022');
    await filters(page).getByLabel('To', { exact: true }).fill('2023');
    await filters(page).getByLabel('To', { exact: true }).press('Enter');
    await expect(page).toHaveURL(/\?from=2022&to=2023&type=normalisation$/);

    // Syria "as target" leaves the visit out: Syria is the visiting side.
    await filters(page).getByRole('checkbox', { name: /^Syria/ }).check();
    await filters(page).getByLabel('How the countries take part').selectOption('target');
    await expect(page).toHaveURL(/&country=SY&role=target$/);
    expect(await titles(page)).not.toContain('Assad visits the United Arab Emirates');

    // Between Syria and anyone, in any role: the visit is there.
    await page.getByRole('link', { name: 'Remove filter: Syria as target' }).click();
    await expect(page).toHaveURL(/\?from=2022&to=2023&type=normalisation&role=target$/);
    await filters(page).getByLabel('With (the other side, in any role)').selectOption('SY');
    await expect(page).toHaveURL(/with=SY/);
    await expect(page.getByTestId('filter-chip')).toHaveText(['Normalisation moves', 'with Syria', '2022 – 2023']);
    await expect(page.getByTestId('result-count')).toHaveText('4 events');
    expect(await titles(page)).toContain('Assad visits the United Arab Emirates');
    await expect(filters(page).getByLabel('With (the other side, in any role)')).toHaveValue('SY');
    await expectNoA11yViolations(page);

    // The chip comes off with one click and takes nothing else with it.
    await page.getByRole('link', { name: 'Remove filter: with Syria' }).click();
    await expect(page).not.toHaveURL(/with=/);
    await expect(page.getByTestId('filter-chip')).toHaveText(['Normalisation moves', '2022 – 2023']);
    await expect(filters(page).getByLabel('With (the other side, in any role)')).toHaveValue('');
  });

  test('follows a link to the events between the UAE and Syria', async ({ page }) => {
    await page.goto('/?country=AE&with=SY');
    await expect(page.getByTestId('filter-chip')).toHaveText(['United Arab Emirates', 'with Syria']);
    expect((await titles(page)).sort()).toEqual(['Assad visits the United Arab Emirates', 'United Arab Emirates reopens its embassy in Damascus']);
  });
});
