import { expect, expectNoA11yViolations, test } from './fixtures';
import { eventIdOf, field, fillBasics } from './helpers';

test.describe('An editor records an event', () => {
  test.use({ signedInAs: 'editor' });

  test('creates it with two sources and a new actor, sees it on the timeline, edits it, and restores the first version', async ({ page }) => {
    // A long story (several page loads): room for a loaded machine.
    test.slow();
    await page.goto('/events/new');
    await expect(page.getByRole('heading', { level: 1, name: 'New event' })).toBeVisible();
    await expectNoA11yViolations(page);

    const title = `Treasury designates captagon network ${test.info().testId.slice(0, 6)}`;
    await fillBasics(page, { title });
    await page.getByRole('button', { name: 'Add another source' }).click();
    await expect(field(page, 'Source 2: title')).toBeFocused();
    await field(page, 'Source 2: title').fill('Reuters report on the designations');
    await field(page, 'Source 2: web address').fill('https://www.reuters.com/world/middle-east/');
    await field(page, 'Source 2: publisher').fill('Reuters');

    // An existing actor, found by part of an alias, then a new one created without leaving the form.
    const actorSearch = page.getByRole('combobox', { name: 'Add an actor' });
    // A retry makes a new name: a second "Wassim al-Qattan" would be refused as the same actor.
    const newActor = `Wassim al-Qattan${test.info().retry ? ` ${test.info().retry}` : ''}`;
    await actorSearch.fill('khaled qad');
    await page.getByRole('option', { name: /Khalid Qaddour/ }).click();
    await actorSearch.fill(newActor);
    await page.getByRole('option', { name: `Create new actor “${newActor}”…` }).click();
    await page.getByRole('combobox', { name: 'Country' }).selectOption('SY');
    await page.getByRole('button', { name: 'Create actor' }).click();
    await expect(page.getByRole('list', { name: 'Chosen actors' }).getByTestId('actor-row')).toHaveCount(2);
    await expect(page.getByRole('combobox', { name: `Role of ${newActor}` })).toHaveValue('target');

    await page.getByRole('button', { name: 'Add a country' }).click();
    await page.getByRole('combobox', { name: 'Country 1', exact: true }).selectOption('SY');
    await page.getByRole('radio', { name: 'Published' }).check();
    await page.getByRole('button', { name: 'Create event' }).click();

    await expect(page.getByText('Event created.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    const sources = page.getByRole('region', { name: 'Sources' });
    await expect(sources.getByRole('link', { name: /Treasury press release/ })).toHaveAttribute('href', 'https://home.treasury.gov/news/press-releases');
    await expect(sources).toContainText('Reuters report on the designations');
    await expect(page.getByRole('region', { name: 'Actors' })).toContainText(newActor);
    const id = eventIdOf(page);

    await page.goto('/');
    await expect(page.getByRole('link', { name: title })).toBeVisible();
    await page.getByRole('link', { name: title }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${id}$`));

    await page.getByRole('link', { name: 'Edit event' }).click();
    await expect(field(page, 'Title')).toHaveValue(title);
    await field(page, 'Title').fill(`${title} (updated)`);
    await field(page, 'Summary').fill('Treasury designated two cousins of Bashar al-Assad for the captagon trade.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Changes saved.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title} (updated)`);

    const history = page.getByRole('region', { name: 'History' });
    const latest = history.getByTestId('history-entry').first();
    await expect(latest).toContainText('Edited · version 2 by Edith Editor');
    await expect(latest.locator('del')).toContainText(['the network']);
    await expect(latest.locator('ins')).toContainText(['(updated)', 'two cousins of Bashar al-Assad']);
    await expectNoA11yViolations(page);

    await history.getByRole('button', { name: 'Restore version 1…' }).click();
    await history.getByRole('button', { name: 'Yes, restore version 1' }).click();
    await expect(page.getByText('Earlier version restored.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(history.getByTestId('history-entry').first()).toContainText('Restored · version 3');
    await expect(history.getByTestId('history-entry').first()).toContainText('Restored version 1.');
  });

  test('keeps everything typed when the form is refused, and puts each error next to its field', async ({ page }) => {
    await page.goto('/events/new');
    await fillBasics(page, { title: 'Refused at first', date: '2023-02-30' });
    await field(page, 'Source 1: web address').fill('javascript:alert(document.cookie)');
    await field(page, 'Details').fill('Long details that must survive a refusal.');
    await page.getByRole('button', { name: 'Create event' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Nothing was saved' });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: /Source 1: URL: URL must start with http/ })).toBeVisible();
    await expect(summary.getByRole('link', { name: /Date: Date must be a real date/ })).toBeVisible();
    await expect(field(page, 'Source 1: web address')).toHaveAttribute('aria-invalid', 'true');
    await expect(field(page, 'Source 1: web address')).toHaveAccessibleDescription(/URL must start with http/);
    await expect(field(page, 'Details')).toHaveValue('Long details that must survive a refusal.');
    await expect(field(page, 'Title')).toHaveValue('Refused at first');

    // The summary's links take the keyboard to the field.
    await summary.getByRole('link', { name: /Date:/ }).click();
    await expect(field(page, 'Date')).toBeFocused();
    await page.keyboard.type('');
    await field(page, 'Date').fill('2023-02-28');
    await field(page, 'Source 1: web address').fill('https://example.org/report');
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.getByText('Event created.')).toBeVisible();
    await expect(page.getByText('Long details that must survive a refusal.')).toBeVisible();
  });
});
