import { expect, expectNoA11yViolations, test } from './fixtures';
import { field } from './helpers';

test.describe('An editor keeps the list of actors clean', () => {
  test.use({ signedInAs: 'editor' });

  test('creates two records of one person, merges them, and undoes the merge from the history', async ({ page }) => {
    // A long story (several page loads): room for a loaded machine.
    test.slow();
    // A retry makes new names: a second "Maher al-Assad …" would be refused as the same actor.
    const suffix = `${test.info().testId.slice(0, 5)}${test.info().retry || ''}`;
    const create = async (name: string, aliases: string, ofac = '') => {
      await page.goto('/entities/new');
      await field(page, 'Name').fill(name);
      await field(page, 'Aliases').fill(aliases);
      if (ofac) await field(page, 'OFAC UID').fill(ofac);
      await page.getByRole('button', { name: 'Create actor' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    };

    await create(`Maher al-Assad ${suffix}`, 'Maher Assad');
    const survivorUrl = page.url();
    await create(`Maher Hafez al-Assad ${suffix}`, 'Brother of Bashar', '12345');

    // Edit the duplicate, with an invalid OFAC UID first: the error says why and nothing is lost.
    await page.getByRole('link', { name: 'Edit actor' }).click();
    await field(page, 'OFAC UID').fill('SDN-12345');
    await field(page, 'Description').fill('Commander of the Fourth Division.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('link', { name: /OFAC UID: OFAC UID is a number/ })).toBeVisible();
    await expect(field(page, 'Description')).toHaveValue('Commander of the Fourth Division.');
    await field(page, 'OFAC UID').fill('12345');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Commander of the Fourth Division.')).toBeVisible();

    await page.goto(survivorUrl);
    await page.getByRole('link', { name: 'Merge a duplicate…' }).click();
    await page.getByRole('combobox', { name: 'Find the duplicate' }).fill(`hafez al-assad ${suffix}`);
    await page.getByRole('option', { name: new RegExp(`Maher Hafez al-Assad ${suffix}`) }).click();
    await expect(page.getByRole('region', { name: 'Merge into it (the duplicate)' })).toContainText('OFAC UID: 12345');
    await expectNoA11yViolations(page);
    await page.getByRole('button', { name: /^Merge Maher Hafez/ }).click();
    await page.getByRole('button', { name: `Yes, merge Maher Hafez al-Assad ${suffix} into Maher al-Assad ${suffix}` }).click();

    await expect(page.getByText('Merged. The duplicate')).toBeVisible();
    await expectNoA11yViolations(page);
    const merge = page.getByTestId('merge-entry').first();
    await expect(merge).toContainText(`Maher Hafez al-Assad ${suffix} merged into Maher al-Assad ${suffix}`);
    await page.goto(survivorUrl);
    await expect(page.getByText(`Maher Hafez al-Assad ${suffix}`)).toBeVisible(); // now an alias
    await expect(page.getByText('12345')).toBeVisible(); // the identifier it lacked

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Undo this merge…' }).click();
    await page.getByRole('button', { name: 'Yes, undo this merge' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Merge undone' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`History of Maher Hafez al-Assad ${suffix}`);
    await page.goto(survivorUrl);
    await expect(page.getByText('12345')).toHaveCount(0);
  });
});
