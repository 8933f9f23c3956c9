import { expect, expectNoA11yViolations, test } from './fixtures';
import { eventIdOf, fillBasics } from './helpers';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.describe('An analyst reproduces a brief: the timeline as recorded on a past date', () => {
  test.use({ signedInAs: 'editor' });

  test('shows an event deleted since and not one recorded after, with a banner and a way back to today', async ({ page, playwright }) => {
    const tag = `t${Date.now().toString(36)}`;
    const withdrawn = `Statement later withdrawn ${tag}`;
    const later = `Recorded after the brief ${tag}`;

    await page.goto('/events/new');
    await fillBasics(page, { title: withdrawn, date: '2026-11-23' });
    await page.getByRole('radio', { name: 'Published' }).check();
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.getByText('Event created.')).toBeVisible();
    const withdrawnId = eventIdOf(page);

    // The moment of the brief: after the first event was recorded, before anything else happened.
    await pause(1100);
    const brief = new Date().toISOString();
    await pause(1100);

    await page.getByRole('button', { name: 'Delete event…' }).click();
    await page.getByRole('button', { name: 'Yes, delete event' }).click();
    await expect(page.getByText(`Event #${withdrawnId} deleted.`)).toBeVisible();
    await page.goto('/events/new');
    await fillBasics(page, { title: later, date: '2026-11-24' });
    await page.getByRole('radio', { name: 'Published' }).check();
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.getByText('Event created.')).toBeVisible();

    // Today's record: the deleted event is gone, the new one is there.
    await page.goto(`/?q=${tag}`);
    await expect(page.getByTestId('timeline-item').filter({ hasText: later })).toBeVisible();
    await expect(page.getByTestId('timeline-item').filter({ hasText: withdrawn })).toHaveCount(0);

    // As recorded at the moment of the brief.
    await page.goto(`/?q=${tag}&as_recorded=${encodeURIComponent(brief)}`);
    const banner = page.getByTestId('as-recorded-banner');
    await expect(banner).toContainText('As recorded on');
    await expect(page.getByTestId('timeline-item').filter({ hasText: withdrawn })).toBeVisible();
    await expect(page.getByTestId('timeline-item').filter({ hasText: later })).toHaveCount(0);
    await expectNoA11yViolations(page);

    // The event's page opens as it stood then, without edit controls.
    await page.getByRole('link', { name: withdrawn }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(withdrawn);
    await expect(page.getByTestId('as-recorded-banner')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete event…' })).toHaveCount(0);

    // The API and the export give the same past record; a moment in the future is refused plainly.
    const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const past = await (await api.get(`/api/events?q=${tag}&as_recorded=${encodeURIComponent(brief)}`)).json();
    expect(past.items.map((e: { title: string }) => e.title)).toEqual([withdrawn]);
    const future = await api.get(`/api/events?as_recorded=2999-01-01`);
    expect(future.status()).toBe(400);
    expect((await future.json()).issues[0].message).toContain('future');
    await api.dispose();

    // Back to today's record from the banner.
    await page.goto(`/?q=${tag}&as_recorded=${encodeURIComponent(brief)}`);
    await page.getByRole('link', { name: "See today's record" }).click();
    await expect(page).not.toHaveURL(/as_recorded/);
    await expect(page.getByTestId('timeline-item').filter({ hasText: later })).toBeVisible();
  });
});

test.describe('An analyst asks what changed since last week', () => {
  test.use({ signedInAs: 'editor' });

  test('sees an edit with the field before and after, filters the changes, and subscribes to their feed', async ({ page, playwright }) => {
    const tag = `t${Date.now().toString(36)}`;
    await page.goto('/events/new');
    await fillBasics(page, { title: `Embassy talks ${tag}`, date: '2026-11-20' });
    await page.getByRole('radio', { name: 'Published' }).check();
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.getByText('Event created.')).toBeVisible();
    const id = eventIdOf(page);
    await page.goto(`/events/${id}/edit`);
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill(`Embassy reopened ${tag}`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Changes saved.')).toBeVisible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'What changed' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('What changed');
    const change = page.getByTestId('event-change').filter({ hasText: `Embassy reopened ${tag}` });
    await expect(change).toContainText('Recorded');
    await expectNoA11yViolations(page);

    // A search narrows the changes like the timeline; the feed follows the same view.
    await page.goto(`/changes?q=${tag}`);
    await expect(page.getByTestId('event-change')).toHaveCount(1);
    const feedHref = await page.getByRole('link', { name: 'Feed of these changes (Atom)' }).getAttribute('href');
    const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const feed = await api.get(feedHref!);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toContain('application/atom+xml');
    expect(await feed.text()).toContain(`Embassy reopened ${tag}`);
    await api.dispose();

    // A malformed date is a notice, not an error page.
    await page.goto('/changes?since=last-week');
    await expect(page.getByTestId('filter-notices')).toContainText('since');
  });
});

test.describe('An analyst comes back to the timeline', () => {
  test.use({ signedInAs: 'editor' });

  test('sees how many events are new in the view since the last visit, and what changed', async ({ page, context }) => {
    const tag = `t${Date.now().toString(36)}`;
    await page.goto(`/?q=${tag}`);
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await expect(page.getByTestId('new-since-last-visit')).toHaveCount(0);
    // The page records the visit once it has loaded its script; leave only after it has (a CI run
    // once went on before, and the next visit then had nothing to count from).
    await expect.poll(() => page.evaluate(() => localStorage.getItem('tracker:timeline:last-visit'))).not.toBeNull();

    await page.goto('/events/new');
    await fillBasics(page, { title: `Designation while away ${tag}`, date: '2026-11-25' });
    await page.getByRole('radio', { name: 'Published' }).check();
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.getByText('Event created.')).toBeVisible();

    // A new visit (a new tab): the last visit is remembered by this browser.
    const again = await context.newPage();
    await again.goto(`/?q=${tag}`);
    const notice = again.getByTestId('new-since-last-visit');
    await expect(notice).toContainText('1 new');
    await notice.getByRole('link', { name: 'See what changed' }).click();
    await expect(again.getByTestId('event-change').filter({ hasText: `Designation while away ${tag}` })).toBeVisible();
    await again.close();
  });
});
