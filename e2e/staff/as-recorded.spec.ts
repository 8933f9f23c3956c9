import { expect, expectNoA11yViolations, test } from './fixtures';
import { eventIdOf, fillBasics } from './helpers';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.describe('An analyst reproduces a brief: the timeline as recorded on a past date', () => {
  test.use({ signedInAs: 'editor' });

  test('shows an event deleted since and not one recorded after, with a banner and a way back to today', async ({ page, playwright }) => {
    const tag = test.info().testId.slice(0, 6);
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
