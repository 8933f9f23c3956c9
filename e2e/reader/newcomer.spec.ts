import { expect, expectNoA11yViolations, test } from '../fixtures';

test.describe('A newcomer reads the timeline', () => {
  test('sees the seeded events newest first, grouped by year and month', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible();
    await expect(page.getByTestId('result-count')).toHaveText('16 events');

    const items = page.getByTestId('timeline-item');
    await expect(items).toHaveCount(16);
    await expect(items.first()).toContainText("Our stance against normalization remains unchanged");
    await expect(items.last()).toContainText('Arab League suspends Syria');

    // Year headings in descending order, and precision-aware dates.
    const years = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(years).toEqual(['2023', '2022', '2021', '2020', '2019', '2018', '2011']);
    const uae = items.filter({ hasText: 'United Arab Emirates reopens its embassy' });
    await expect(uae.locator('time')).toHaveText('2018');
    const visit = items.filter({ hasText: 'Assad visits the United Arab Emirates' });
    await expect(visit.locator('time')).toHaveText('Mar 2022');

    await expectNoA11yViolations(page);
  });

  test('opens an event, reads its sources and follows an actor', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad');
    await expect(page.getByText('28 March 2023', { exact: true })).toBeVisible();
    await expect(page.getByText('Caesar Syria Civilian Protection Act of 2019')).toBeVisible();
    // Countries by name, with their code and role; each leads to the country's page.
    await expect(page.getByRole('region', { name: 'Countries' }).getByRole('link', { name: /^Syria \(SY\)/ })).toContainText('target');
    const sources = page.getByRole('region', { name: 'Sources' });
    await expect(sources).toContainText("Biden Urged to Take Firmer Line in Opposing Normalized Relations With Syria's Assad");
    await expect(sources).toContainText('in its first use of the authority');
    // The article prints no date: the one stored is inferred, and says so; so does the event's date.
    await expect(sources).toContainText('Note: Publication date inferred, not printed');
    await expect(sources).toContainText('Event date computed from the article: "Tuesday"');
    const linked = page.getByRole('region', { name: 'Linked events' });
    await expect(linked).toContainText('Implements: Caesar Syria Civilian Protection Act signed into law');
    await expect(linked).toContainText('Followed up by:');
    await expect(page.getByRole('region', { name: 'History' })).toContainText('Created by seed script');
    await expectNoA11yViolations(page);

    await page.getByRole('link', { name: 'Samer Kamal al-Assad' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Samer Kamal al-Assad');
    await expect(page.getByText('Cousin of Bashar al-Assad')).toBeVisible();
    await expect(page.getByTestId('timeline-item')).toHaveCount(1);
    await expectNoA11yViolations(page);
  });

  test('gets a 404 page for a missing or malformed event', async ({ page }) => {
    for (const path of ['/events/99999', '/events/not-a-number', '/events/-1', '/entities/0']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Go to the timeline' })).toBeVisible();
    }
  });
});
