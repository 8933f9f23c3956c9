import type { Locator, Page } from '@playwright/test';
import { expect, expectNoA11yViolations, test } from './fixtures';

/** Moves focus there and types, without the mouse. */
async function typeInto(page: Page, target: Locator, text: string) {
  await target.focus();
  await page.keyboard.type(text);
}

/**
 * Types into a suggestion box and waits for the suggestions for the whole text. On a slow machine
 * the list first shows the suggestions for a part of it; an arrow key pressed while the last ones
 * load finds an empty list and chooses nothing.
 */
async function typeForSuggestions(page: Page, target: Locator, text: string) {
  const answered = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname.startsWith('/api/') && url.searchParams.get('q') === text;
  });
  await typeInto(page, target, text);
  await answered;
}

test.describe('An editor who uses only the keyboard', () => {
  test.use({ signedInAs: 'editor' });

  test('fills the whole form, picks an actor and a linked event from suggestions, adds a tag, and saves', async ({ page }) => {
    // A long story (several page loads): room for a loaded machine.
    test.slow();
    await page.goto('/events/new');
    await expectNoA11yViolations(page);
    const title = `Keyboard-only entry ${test.info().testId.slice(0, 6)}`;

    await page.getByRole('combobox', { name: 'Type', exact: true }).focus();
    await page.getByRole('combobox', { name: 'Type', exact: true }).selectOption('statement'); // a native select: arrow keys work
    await typeInto(page, page.getByRole('textbox', { name: 'Title', exact: true }), title);
    await typeInto(page, page.getByRole('textbox', { name: 'Summary', exact: true }), 'The State Department restated its opposition to normalisation.');
    await typeInto(page, page.getByRole('textbox', { name: 'Date', exact: true }), '2026-11');
    await typeInto(page, page.getByRole('textbox', { name: 'Source 1: title', exact: true }), 'State Department briefing');

    // Suggestions: type, arrow down, Enter. Enter must not submit the form.
    const actor = page.getByRole('combobox', { name: 'Add an actor' });
    await typeForSuggestions(page, actor, 'vedant');
    await expect(page.getByRole('option', { name: /Vedant Patel/ })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(actor).toHaveAttribute('aria-activedescendant', /option/);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('combobox', { name: 'Role of Vedant Patel' })).toHaveValue('speaker');
    await expect(page).toHaveURL(/\/events\/new$/);

    const link = page.getByRole('combobox', { name: 'Link to another event' });
    await typeForSuggestions(page, link, 'Caesar Syria Civilian');
    await expect(page.getByRole('listbox', { name: 'Link to another event: suggestions' }).getByRole('option', { name: /Caesar Syria Civilian/ })).toBeVisible();
    await page.keyboard.press('Enter'); // nothing chosen yet: Enter neither picks nor submits
    await expect(page).toHaveURL(/\/events\/new$/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('list', { name: 'Linked events' })).toContainText('Caesar Syria Civilian Protection Act signed into law');

    await typeInto(page, page.getByRole('combobox', { name: 'Add a tag' }), 'Normalisation');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('list', { name: 'Tags on this event' })).toContainText('Normalisation');

    // Add and remove a country with the keyboard.
    await page.getByRole('button', { name: 'Add a country' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('combobox', { name: 'Country 1', exact: true })).toBeFocused();
    await page.getByRole('button', { name: 'Remove country 1' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('combobox', { name: 'Country 1', exact: true })).toHaveCount(0);

    await page.getByRole('button', { name: 'Create event' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Event created.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByRole('region', { name: 'Actors' })).toContainText('Vedant Patel');
    await expect(page.getByRole('region', { name: 'Linked events' })).toContainText('Caesar Syria Civilian Protection Act signed into law');
  });
});
