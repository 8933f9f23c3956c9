import { expect, test } from './fixtures';
import { fillBasics } from './helpers';

test.describe('An editor types markup into a title', () => {
  test.use({ signedInAs: 'editor' });

  test('sees it as text everywhere, and its <script> never runs', async ({ page }) => {
    const title = '<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true"> designation';
    await page.goto('/events/new');
    await fillBasics(page, { title, date: '2026-11-21' });
    await page.getByRole('radio', { name: 'Published' }).check();
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.getByText('Event created.')).toBeVisible();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('main script')).toHaveCount(0);
    await expect(page.locator('main img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();

    await page.goto('/');
    await expect(page.getByRole('link', { name: title })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  });
});
