import { expect, expectNoA11yViolations, test } from './fixtures';
import { eventIdOf, fillBasics, signedInPage } from './helpers';

test.describe('An editor keeps an event as a draft', () => {
  test.use({ signedInAs: 'editor' });

  test('staff see the draft; signed out, its page, the timeline and the API do not show it', async ({ page, browser, playwright }) => {
    // A long story (several page loads): room for a loaded machine.
    test.slow();
    const title = `Draft: possible new designations ${test.info().testId.slice(0, 6)}`;
    await page.goto('/events/new');
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

  test('an actor only the draft names is a 404 when signed out, until the draft is published', async ({ page, browser, playwright }) => {
    test.slow();
    const suffix = `${test.info().testId.slice(0, 5)}${test.info().retry || ''}`;
    const name = `Nour Haddad ${suffix}`;
    await page.goto('/events/new');
    await fillBasics(page, { title: `Draft naming a new actor ${suffix}`, date: '2026-11-22' });
    const actorSearch = page.getByRole('combobox', { name: 'Add an actor' });
    await actorSearch.fill(name);
    await page.getByRole('option', { name: `Create new actor “${name}”…` }).click();
    await page.getByRole('button', { name: 'Create actor' }).click();
    // The new actor is on the form only once the server has made it.
    await expect(page.getByRole('list', { name: 'Chosen actors' })).toContainText(name);
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.getByText('Event created.')).toBeVisible();
    const actorLink = page.getByRole('region', { name: 'Actors' }).getByRole('link', { name });
    const actorPath = (await actorLink.getAttribute('href'))!;
    const actorId = Number(actorPath.split('/').pop());

    // Staff see the actor, with a word on who else does.
    await page.goto(actorPath);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByText('Only staff can see this actor')).toBeVisible();

    const anonymous = await browser.newContext();
    const reader = await anonymous.newPage();
    // A not-found page's title arrives with the page's data, after the load event: wait for it.
    const hidden = await reader.goto(actorPath);
    await expect(reader).toHaveTitle(/^Actor not found/);
    const hiddenTitle = await reader.title();
    const missing = await reader.goto('/entities/9999999');
    expect(hidden?.status()).toBe(404);
    expect(missing?.status()).toBe(404);
    await expect(reader).toHaveTitle(hiddenTitle);
    await expect(reader.getByText(name)).toHaveCount(0);
    const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    expect((await (await api.get(`/api/entities?q=${encodeURIComponent(name)}`)).json()).items).toEqual([]);
    const chip = await api.get(`/api/events?actor=${actorId}`);
    expect(chip.status()).toBe(400);
    expect(JSON.stringify(await chip.json())).not.toContain('Haddad');

    // Published, the draft makes its actor public.
    await page.goBack();
    await page.getByRole('link', { name: 'Edit event' }).click();
    await page.getByRole('radio', { name: 'Published' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Changes saved.')).toBeVisible();
    expect((await reader.goto(actorPath))?.status()).toBe(200);
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText(name);
    expect((await (await api.get(`/api/entities?q=${encodeURIComponent(name)}`)).json()).items).toEqual([expect.objectContaining({ id: actorId })]);
    await api.dispose();
    await anonymous.close();
  });
});

