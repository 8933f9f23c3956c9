import { expect, expectNoA11yViolations, test } from './fixtures';
import { eventIdOf, fillBasics } from './helpers';

test.describe('An editor deletes an event by mistake', () => {
  test.use({ signedInAs: 'editor' });

  test('readers no longer see it, it is listed under Deleted, and restoring brings it back as it was', async ({ page, playwright }) => {
    const title = `Mistaken entry ${test.info().testId.slice(0, 6)}`;
    await page.goto('/events/new');
    await fillBasics(page, { title, date: '2026-11-23' });
    await page.getByRole('radio', { name: 'Published' }).check();
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.getByText('Event created.')).toBeVisible();
    const id = eventIdOf(page);

    await page.getByRole('button', { name: 'Delete event…' }).click();
    await expect(page.getByText('Delete this event?')).toBeVisible();
    await page.getByRole('button', { name: 'Yes, delete event' }).click();
    await expect(page.getByText(`Event #${id} deleted.`)).toBeVisible();
    const row = page.getByTestId('deleted-event').filter({ hasText: title });
    await expect(row).toContainText('by Edith Editor');
    await expectNoA11yViolations(page);

    const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    expect((await api.get(`/api/events/${id}`)).status()).toBe(404);
    const list = await (await api.get('/api/events?limit=200')).json();
    expect(list.items.map((e: { id: number }) => e.id)).not.toContain(id);

    await row.getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByText('Event restored from the deleted events.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    const entries = page.getByRole('region', { name: 'History' }).getByTestId('history-entry');
    await expect(entries.nth(0)).toContainText('Restored · version 3');
    await expect(entries.nth(1)).toContainText('Deleted · version 2');
    expect((await api.get(`/api/events/${id}`)).status()).toBe(200);
    await api.dispose();
  });
});
