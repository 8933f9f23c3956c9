import { expect, expectNoA11yViolations, test } from './fixtures';
import { field, signedInPage } from './helpers';

test.describe('Two editors change the same event', () => {
  test('the second save gets the conflict view with its input intact, and re-applies it on top', async ({ browser }) => {
    // Three browsers at once: allow for a loaded machine.
    test.slow();
    const event = await signedInPage(browser, 'editor', '/');
    await event.getByRole('link', { name: 'Arab League suspends Syria' }).click();
    await expect(event.getByRole('heading', { level: 1 })).toHaveText('Arab League suspends Syria');
    const editUrl = `${new URL(event.url()).pathname}/edit`;

    const mine = await signedInPage(browser, 'editor', editUrl);
    const theirs = await signedInPage(browser, 'colleague', editUrl);

    // The colleague saves first.
    await field(theirs, 'Summary').fill('The Arab League suspended Syria over its crackdown on protesters (colleague’s wording).');
    await theirs.getByRole('button', { name: 'Save changes' }).click();
    await expect(theirs.getByText('Changes saved.')).toBeVisible();

    // I had the form open from before and change the title.
    await field(mine, 'Title').fill('Arab League suspends Syria’s membership');
    await field(mine, 'Details').fill('Notes I typed and must not lose.');
    await mine.getByRole('button', { name: 'Save changes' }).click();

    const conflict = mine.getByTestId('conflict-view');
    await expect(conflict).toBeVisible();
    await expect(conflict).toBeFocused();
    await expect(conflict).toContainText('Colin Colleague saved version 2');
    await expect(conflict.getByTestId('conflict-field-summary')).toContainText('changed by them');
    await expect(conflict.getByTestId('conflict-field-summary')).toContainText('(colleague’s wording)');
    await expect(conflict.getByTestId('conflict-field-title')).toContainText('changed by you');
    await expect(conflict.getByTestId('conflict-field-title')).toContainText('Arab League suspends Syria’s membership');
    await expect(field(mine, 'Title')).toHaveValue('Arab League suspends Syria’s membership');
    await expect(field(mine, 'Details')).toHaveValue('Notes I typed and must not lose.');
    await expectNoA11yViolations(mine);

    await conflict.getByRole('button', { name: 'Re-apply my changes on top of theirs' }).click();
    await expect(mine.getByText('Your changes are now on top of version 2')).toBeVisible();
    await expect(field(mine, 'Summary')).toHaveValue(/colleague’s wording/);
    await expect(field(mine, 'Title')).toHaveValue('Arab League suspends Syria’s membership');
    await mine.getByRole('button', { name: 'Save changes' }).click();

    await expect(mine.getByText('Changes saved.')).toBeVisible();
    await expect(mine.getByRole('heading', { level: 1 })).toHaveText('Arab League suspends Syria’s membership');
    await expect(mine.getByText('The Arab League suspended Syria over its crackdown on protesters (colleague’s wording).', { exact: true })).toBeVisible();
    await expect(mine.getByText('Notes I typed and must not lose.', { exact: true })).toBeVisible();
    await expect(mine.getByRole('region', { name: 'History' }).getByTestId('history-entry').first()).toContainText('Edited · version 3 by Edith Editor');

    for (const page of [event, mine, theirs]) await page.context().close();
  });
});
