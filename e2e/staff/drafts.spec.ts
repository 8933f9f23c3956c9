import { expect, expectNoA11yViolations, test } from '../fixtures';
import { eventIdOf, fillBasics, signIn, signedInPage } from './helpers';

test.describe('Drafts', () => {
  test('a draft is seen by staff and invisible when signed out: page, timeline and API', async ({ page, browser, playwright }) => {
    // A long story (several page loads, a deliberate password hash per sign-in): room for a loaded machine.
    test.slow();
    const title = `Draft: possible new designations ${test.info().testId.slice(0, 6)}`;
    await signIn(page, 'editor', '/events/new');
    await fillBasics(page, { title, date: '2026-11-22' });
    await expect(page.getByRole('radio', { name: 'Draft' })).toBeChecked();
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.getByText('Event created.')).toBeVisible();
    await expect(page.getByText('Draft', { exact: true })).toBeVisible();
    const id = eventIdOf(page);

    const viewer = await signedInPage(browser, 'viewer', '/events/drafts');
    await expectNoA11yViolations(viewer);
    await viewer.getByRole('link', { name: title }).click();
    await expect(viewer.getByRole('heading', { level: 1 })).toHaveText(title);
    await viewer.context().close();

    const anonymous = await browser.newContext();
    const reader = await anonymous.newPage();
    const response = await reader.goto(`/events/${id}`);
    expect(response?.status()).toBe(404);
    await reader.goto('/');
    await expect(reader.getByTestId('timeline-item').first()).toBeVisible();
    await expect(reader.getByText(title)).toHaveCount(0);
    await anonymous.close();

    const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    expect((await api.get(`/api/events/${id}`)).status()).toBe(404);
    const list = await (await api.get('/api/events?limit=200')).json();
    expect(list.items.map((e: { id: number }) => e.id)).not.toContain(id);
    await api.dispose();
  });
});
