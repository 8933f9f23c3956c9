import { expect, expectNoA11yViolations, test } from './fixtures';
import { fillBasics, signedInPage } from './helpers';

test.describe('An analyst saves a view and comes back to what is new', () => {
  test.use({ signedInAs: 'editor' });

  test('saves a filtered view, sees "1 new" after an editor records a matching event, and opens it', async ({ page, browser }) => {
    const tag = `sv${Date.now().toString(36)}`;
    const analyst = await signedInPage(browser, 'viewer', `/?q=${tag}`);

    // A bad name is refused at the field, and what was typed stays.
    const save = analyst.locator('details').filter({ has: analyst.locator('summary', { hasText: 'Save this view' }) });
    await save.locator('summary').click();
    const name = save.getByRole('textbox', { name: 'Name' });
    await name.fill('x'.repeat(81));
    await save.getByRole('button', { name: 'Save view' }).click();
    await expect(save.getByText('Name must be at most 80 characters.').first()).toBeVisible();
    await expect(save.getByRole('textbox', { name: 'Name' })).toHaveValue('x'.repeat(81));
    await expect(save.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');

    await save.getByRole('textbox', { name: 'Name' }).fill(`Captagon watch ${tag}`);
    await save.getByRole('button', { name: 'Save view' }).click();
    await expect(save.getByText(`Saved as "Captagon watch ${tag}".`)).toBeVisible();

    await analyst.goto('/saved');
    const row = analyst.getByTestId('saved-view').filter({ hasText: `Captagon watch ${tag}` });
    await expect(row.getByTestId('new-count')).toContainText('Nothing new');

    // An editor records a matching event.
    await page.goto('/events/new');
    await fillBasics(page, { title: `Captagon network designated ${tag}` });
    await page.getByRole('radio', { name: 'Published' }).check();
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.getByText('Event created.')).toBeVisible();

    await analyst.reload();
    await expect(row.getByTestId('new-count')).toContainText('1 new since you last opened it');
    await expectNoA11yViolations(analyst);

    // Opening the view shows the timeline with its filters, and the count starts again.
    await row.getByRole('link', { name: `Captagon watch ${tag}` }).click();
    await expect(analyst).toHaveURL(new RegExp(`/\\?q=${tag}$`));
    await expect(analyst.getByTestId('timeline-item').filter({ hasText: `Captagon network designated ${tag}` })).toBeVisible();
    await analyst.goto('/saved');
    await expect(row.getByTestId('new-count')).toContainText('Nothing new');

    // A private feed URL works without a session; after replacing it, the old one is "not found".
    await row.locator('summary', { hasText: 'Subscribe' }).click();
    await row.getByRole('button', { name: 'Create a private feed URL' }).click();
    const feedUrl = await row.getByRole('textbox', { name: /Private feed URL/ }).inputValue();
    const anonymous = await browser.newContext();
    const first = await anonymous.request.get(feedUrl);
    expect(first.status()).toBe(200);
    expect(await first.text()).toContain(`Captagon network designated ${tag}`);
    await row.getByRole('button', { name: 'Replace the private feed URL' }).click();
    await expect(row.getByRole('textbox', { name: /Private feed URL/ })).not.toHaveValue(feedUrl);
    expect((await anonymous.request.get(feedUrl)).status()).toBe(404);
    await anonymous.close();
    await analyst.context().close();
  });
});
