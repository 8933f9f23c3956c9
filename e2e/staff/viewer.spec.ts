import { expect, test } from './fixtures';
import { eventIdOf } from './helpers';
import { signInOwnSession } from './sessions';

const SEED_TITLE = 'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad';

test.describe('A viewer reads without changing anything', () => {
  test.use({ signedInAs: 'viewer' });

  test('sees no edit controls, cannot open the form, and a direct write is refused', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New event' })).toHaveCount(0);
    await page.getByRole('link', { name: SEED_TITLE }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
    const id = eventIdOf(page);
    await expect(page.getByRole('link', { name: 'Edit event' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Restore version/ })).toHaveCount(0);
    // Staff see who changed what, with differences.
    await expect(page.getByRole('region', { name: 'History' })).toContainText('Created · version 1 by seed script');

    await page.goto(`/events/${id}/edit`);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByText(/needs the editor role/)).toBeVisible();

    // The same request the form's API would make, sent with the viewer's session.
    const put = await page.request.put(`/api/events/${id}`, {
      data: { version: 1, event: { type: 'statement', title: 'Changed by a viewer', summary: 'x', date: '2023-03-28', status: 'published' } },
    });
    expect(put.status()).toBe(403);
    expect((await put.json()).error).toMatch(/needs the editor role/);
    const del = await page.request.delete(`/api/events/${id}?version=1`);
    expect(del.status()).toBe(403);

    await page.goto(`/events/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
  });
});

test.describe('Someone outside the newsroom tries to change an event', () => {
  test('without a session the API answers 401, and a write from another site gets 403 even for an editor', async ({ page, playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const id = 1;
    const body = { version: 1, event: { type: 'statement', title: 'Anonymous change', summary: 'x', date: '2023-03-28', status: 'published' } };
    expect((await anonymous.put(`/api/events/${id}`, { data: body })).status()).toBe(401);
    await anonymous.dispose();

    // This story tries to sign the editor out from another site: on a session of its own, so that
    // if that ever worked, the editor's stored session (e2e/staff/sessions.ts) would live on.
    await signInOwnSession(page.context(), 'editor');
    const crossSite = await page.request.put(`/api/events/${id}`, { data: body, headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status()).toBe(403);
    const signOutFromElsewhere = await page.request.post('/api/auth/sign-out', { headers: { Origin: 'https://evil.example' } });
    expect(signOutFromElsewhere.status()).toBe(403);
    await page.goto(`/events/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Anonymous change');
    await expect(page.getByTestId('signed-in-as')).toContainText('Edith Editor');
  });
});
