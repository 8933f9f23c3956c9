import { expect, expectNoA11yViolations, test } from '../fixtures';
import type { Page } from '@playwright/test';

const row = (page: Page, subject: string) => page.locator(`[data-testid="relations-row"][data-subject="${subject}"]`);
const standing = (page: Page, subject: string) => row(page, subject).getByTestId('row-standing');

async function showAsOf(page: Page, date: string) {
  await page.getByLabel('As of', { exact: true }).fill(date);
  await page.getByRole('button', { name: 'Show the board' }).click();
  await expect(page).toHaveURL(new RegExp(`as_of=${date}`));
}

test.describe('An analyst reads the relations board', () => {
  test('sees where each side stands with Damascus on 1 June 2019 and on 31 March 2023, and follows a change to its evidence', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Relations' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Relations with Syria' })).toBeVisible();

    await showAsOf(page, '2019-06-01');
    await expect(page.getByTestId('board-summary')).toHaveText(
      'As of 1 June 2019: 2 states with an open embassy in Syria, 1 organisation with Syria suspended; 1 unknown.',
    );
    await expect(standing(page, 'AE')).toContainText('Embassy: Open (since 2018)');
    await expect(standing(page, 'BH')).toContainText('Embassy: Open (since 2018)');
    // The article does not give the level of the reopened embassies: shown as unknown, not guessed.
    await expect(standing(page, 'AE')).toContainText('Level: Unknown');
    await expect(standing(page, 'arab-league')).toContainText('Membership: Suspended (since 2011)');
    await expect(standing(page, 'SA')).toContainText('Embassy: Unknown');
    await expect(standing(page, 'SA')).not.toContainText('Open');
    // The regions group the rows: the Arab states, then the organisations.
    await expect(page.getByRole('region', { name: 'Arab states' }).getByTestId('relations-row')).toHaveCount(3);
    await expect(page.getByRole('region', { name: 'Organisations' }).getByTestId('relations-row')).toHaveCount(1);

    await showAsOf(page, '2023-03-31');
    // Saudi Arabia's plans are reported, not in effect: its embassy is still not known to be open.
    await expect(standing(page, 'SA')).toContainText('Embassy: Unknown');
    await expect(standing(page, 'SA').getByTestId('pending-change')).toHaveText('Reported plans, March 2023: embassy to open (not in effect)');
    const saudi = row(page, 'SA').getByTestId('change-marker');
    await expect(saudi).toHaveAttribute('data-status', 'reported');
    await saudi.focus();
    await expect(row(page, 'SA').getByTestId('marker-details')).toContainText('Reported (not in effect), March 2023 (known to the month): embassy open.');
    await expect(standing(page, 'arab-league')).toContainText('Membership: Suspended (since 2011)');
    await expect(standing(page, 'arab-league').getByTestId('pending-change')).toContainText('Reported plans, 2023: level to become member');

    // Every change is a focusable marker; focus shows it, with a link to its evidence.
    const uae = row(page, 'AE').getByTestId('change-marker');
    await uae.focus();
    const details = row(page, 'AE').getByTestId('marker-details');
    await expect(details).toContainText('In effect, 2018 (known to the year): level unknown, embassy open.');
    await details.getByRole('link', { name: 'United Arab Emirates reopens its embassy in Damascus' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('United Arab Emirates reopens its embassy in Damascus');
    await expect(page.getByRole('region', { name: 'Changes a standing' })).toContainText('United Arab Emirates with Syria');
  });

  test('reads the board as a table that passes axe, and zooms to months in a narrower range', async ({ page }) => {
    await page.goto('/relations?as_of=2023-03-31&view=table');
    await expect(page.getByTestId('relations-chart')).toHaveCount(0);
    const table = page.getByRole('table', { name: 'Standings with Syria as of 31 March 2023; changes and events 2010 to' + ` ${new Date().getUTCFullYear()}` });
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader')).toHaveText([
      'Subject',
      'Standing as of the date',
      'Announced or reported, not in effect',
      'Changes recorded',
      'Events between the two sides',
    ]);
    await expect(table.getByRole('rowheader', { name: 'Saudi Arabia' })).toBeVisible();
    await expect(table.getByRole('row', { name: /Saudi Arabia/ })).toContainText('Reported plans, March 2023: embassy to open');
    await expectNoA11yViolations(page);

    await page.getByRole('textbox', { name: 'From' }).fill('2018');
    await page.getByRole('textbox', { name: 'To' }).fill('2019-06');
    await page.getByRole('combobox', { name: 'Zoom' }).selectOption('months');
    await page.getByRole('combobox', { name: 'View' }).selectOption('chart');
    await page.getByRole('button', { name: 'Show the board' }).click();
    await expect(page).toHaveURL(/from=2018&to=2019-06&zoom=months/);
    await expect(page.getByRole('heading', { name: 'Standing with Syria, 2018 to June 2019' })).toBeVisible();
    // The 2018 reopening known only to the year is drawn hatched, as uncertain, across 2018.
    await expect(row(page, 'AE').locator('[data-uncertain="true"]')).toHaveCount(1);
    await expectNoA11yViolations(page);
  });

  test('opens one dyad from the board, with its changes and evidence, and finds the same band on the country page', async ({ page }) => {
    await page.goto('/relations?as_of=2019-06-01');
    await row(page, 'BH').getByRole('link', { name: 'Bahrain', exact: true }).click();
    await expect(page).toHaveURL(/\/relations\/BH\/SY$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Bahrain's standing with Syria");
    const changes = page.getByTestId('standing-change');
    await expect(changes).toHaveCount(1);
    await expect(changes).toContainText('2018 (known to the year)');
    await expect(changes).toContainText('In effect');
    await expect(changes).toContainText('Level unknown, embassy open.');
    await expect(changes).toContainText('The article does not say at what level.');
    await expect(changes.getByRole('link', { name: 'Bahrain reopens its embassy in Damascus' })).toHaveAttribute('href', /^\/events\/\d+$/);
    // Readers see no staff controls.
    await expect(page.getByRole('button', { name: /Delete change/ })).toHaveCount(0);
    await expect(page.getByTestId('standing-change-form')).toHaveCount(0);
    await expectNoA11yViolations(page);

    await page.goto('/countries/BH');
    const standings = page.getByRole('region', { name: 'Standings' });
    await expect(standings.getByRole('heading', { name: "Bahrain's standing with others" })).toBeVisible();
    await expect(row(page, 'BH').getByRole('link', { name: 'Bahrain → Syria' })).toBeVisible();
    await expect(row(page, 'BH').getByTestId('row-standing')).toContainText('Embassy: Open (since 2018)');
    await page.goto('/countries/SY');
    await expect(page.getByRole('heading', { name: "Others' standing with Syria" })).toBeVisible();
    await expect(page.getByTestId('relations-row')).toHaveCount(4);
  });

  test('gets a notice, not an error, for an unknown country or a malformed date', async ({ page }) => {
    const response = await page.goto('/relations?with=XX&as_of=2019-13-45');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'Relations with Syria' })).toBeVisible();
    const notices = page.getByTestId('board-notices');
    await expect(notices).toContainText('"XX" is not a country code');
    await expect(notices).toContainText('"2019-13-45" is not a date');
  });

  test('finds the empty board for a counterpart without standings, saying so', async ({ page }) => {
    await page.goto('/relations?with=NO');
    await expect(page.getByRole('heading', { level: 1, name: 'Relations with Norway' })).toBeVisible();
    await expect(page.getByTestId('board-empty')).toContainText('No standing with Norway is recorded yet.');
    await expect(page.getByTestId('board-empty').getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  test('prints the board on one landscape page, with the date and the summary and without the controls', async ({ page }) => {
    await page.goto('/relations?as_of=2019-06-01');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('form', { name: 'Board settings' })).toBeHidden();
    await expect(page.getByTestId('board-summary')).toBeVisible();
    await expect(page.getByText('As of 1 June 2019', { exact: true })).toBeVisible();
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf);
    expect(box).not.toBeNull();
    expect(Number(box![1])).toBeGreaterThan(Number(box![2]));
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 } });

    test('scrolls the bands sideways while the names stay in view', async ({ page }) => {
      await page.goto('/relations?as_of=2019-06-01');
      const scroller = page.getByTestId('relations-chart');
      const widths = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(widths.scroll).toBeGreaterThan(widths.client);
      await row(page, 'AE').scrollIntoViewIfNeeded();
      await scroller.evaluate((el) => el.scrollBy(400, 0));
      expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      // The name stays at the left edge of the screen while its band has moved under it.
      const name = await row(page, 'AE').getByRole('link', { name: 'United Arab Emirates', exact: true }).boundingBox();
      expect(name!.x).toBeGreaterThanOrEqual(0);
      expect(name!.x + name!.width).toBeLessThanOrEqual(390);
      // The page itself does not scroll sideways: only the chart does.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
  });
});
