import { expect, expectNoA11yViolations, test } from './fixtures';
import { eventIdOf } from './helpers';

test.describe('An editor records standing changes', () => {
  test.use({ signedInAs: 'editor' });

  test('records a change from an event and sees the board update', async ({ page }) => {
    test.slow();
    // A retry gets a month of its own: the same change twice is refused as a repeat.
    const month = String(4 + test.info().retry).padStart(2, '0');
    // The visit is among the events between the UAE and Syria that the board lists.
    await page.goto('/relations?view=table');
    await page.getByRole('table').getByRole('link', { name: 'Assad visits the United Arab Emirates' }).click();
    await expect(page).toHaveURL(/\/events\/\d+$/);
    const eventId = eventIdOf(page);

    const section = page.getByRole('region', { name: 'Changes a standing' });
    await section.getByText('Record a standing change resting on this event').click();
    const form = section.getByTestId('standing-change-form');
    // The event is the evidence, and its date at its precision the change's date.
    await expect(form.getByRole('textbox', { name: 'Evidence events' })).toHaveValue(String(eventId));
    await expect(form.getByRole('textbox', { name: 'Date', exact: true })).toHaveValue('2022-03');
    await expectNoA11yViolations(page);

    // Two actor countries: which standing the visit speaks to is for the editor to say.
    await form.getByRole('combobox', { name: 'Whose standing' }).selectOption('AE');
    await form.getByRole('combobox', { name: 'With' }).selectOption('SY');
    await form.getByRole('textbox', { name: 'Date', exact: true }).fill(`2022-${month}`);
    await form.getByRole('combobox', { name: 'Level' }).selectOption('ambassador');
    await form.getByRole('combobox', { name: 'Status' }).selectOption('announced');
    await form.getByRole('textbox', { name: 'Note' }).fill('Story test: an ambassador announced after the visit.');
    await form.getByRole('button', { name: 'Record the change' }).click();

    await expect(page.getByText('Standing change recorded.')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/events/${eventId}\\?saved=standing-created`));
    await expect(section.getByTestId('event-standing-changes')).toContainText('United Arab Emirates with Syria');
    await expect(section.getByTestId('event-standing-changes')).toContainText('Announced');

    await section.getByRole('link', { name: /on the relations board/ }).click();
    await page.getByLabel('As of', { exact: true }).fill(`2022-${month}-28`);
    await page.getByRole('button', { name: 'Show the board' }).click();
    const uae = page.locator('[data-testid="relations-row"][data-subject="AE"]');
    await expect(uae.getByTestId('change-marker')).toHaveCount(2);
    await expect(uae.getByTestId('pending-change')).toContainText('level to become ambassador (not in effect)');
    // Announced, not in effect: the standing itself does not move.
    await expect(uae.getByTestId('row-standing')).toContainText('Level: Unknown');
    await expect(page.getByTestId('board-summary')).toContainText('2 states with an open embassy in Syria');
  });

  test('a change without evidence, or contradicting a recorded one, is refused at the field with what was typed kept', async ({ page }) => {
    await page.goto('/relations?with=SY');
    const bahrainEvidence = await page
      .getByRole('table')
      .getByRole('link', { name: 'Bahrain reopens its embassy in Damascus' })
      .first()
      .getAttribute('href');
    const evidenceId = bahrainEvidence!.split('/').pop()!;

    const form = page.getByTestId('standing-change-form');
    await expect(form.getByRole('combobox', { name: 'With' })).toHaveValue('SY');
    await form.getByRole('combobox', { name: 'Whose standing' }).selectOption('BH');
    await form.getByRole('textbox', { name: 'Date', exact: true }).fill('2018');
    await form.getByRole('combobox', { name: 'Embassy' }).selectOption('closed');
    await form.getByRole('textbox', { name: 'Note' }).fill('Typed by the story; must survive a refusal.');
    await form.getByRole('button', { name: 'Record the change' }).click();

    const evidence = form.getByRole('textbox', { name: 'Evidence events' });
    await expect(evidence).toHaveAttribute('aria-invalid', 'true');
    await expect(evidence).toHaveAccessibleDescription(/Link at least one timeline event as evidence/);
    await expect(form.getByRole('alert').first()).toBeFocused();

    // With evidence, the server compares it with Bahrain's recorded 2018 change: embassy open.
    await evidence.fill(evidenceId);
    await form.getByRole('button', { name: 'Record the change' }).click();
    const embassy = form.getByRole('combobox', { name: 'Embassy' });
    await expect(embassy).toHaveAttribute('aria-invalid', 'true');
    await expect(embassy).toHaveAccessibleDescription(/already says embassy open/);
    await expect(page).toHaveURL(/\/relations\?with=SY$/);
    // Nothing typed is lost.
    await expect(embassy).toHaveValue('closed');
    await expect(form.getByRole('combobox', { name: 'Whose standing' })).toHaveValue('BH');
    await expect(form.getByRole('textbox', { name: 'Date', exact: true })).toHaveValue('2018');
    await expect(evidence).toHaveValue(evidenceId);
    await expect(form.getByRole('textbox', { name: 'Note' })).toHaveValue('Typed by the story; must survive a refusal.');
    await expectNoA11yViolations(page);
  });
});
