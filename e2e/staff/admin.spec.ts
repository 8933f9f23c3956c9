import { expect, expectNoA11yViolations, test } from './fixtures';
import { signedInPage } from './helpers';

test.describe('An admin manages accounts', () => {
  test.use({ signedInAs: 'admin' });

  test('creates an account, changes its role, and editors cannot reach the page', async ({ page, browser }) => {
    // A long story (several page loads): room for a loaded machine.
    test.slow();
    await page.goto('/admin/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await expect(page.getByTestId('user-row').filter({ hasText: 'admin@e2e.test' })).toContainText('(you)');
    await expectNoA11yViolations(page);

    await page.getByLabel('E-mail').fill('analyst@e2e.test');
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('viewer');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Password must be at least 12 characters.')).toBeVisible();
    await expect(page.getByLabel('E-mail')).toHaveValue('analyst@e2e.test');
    await expect(page.getByRole('combobox', { name: 'Role', exact: true })).toHaveValue('viewer');
    await page.getByLabel('Password').fill('an analyst password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Created viewer analyst@e2e.test.')).toBeVisible();

    const row = page.getByTestId('user-row').filter({ hasText: 'analyst@e2e.test' });
    await row.getByRole('combobox', { name: 'Role of analyst@e2e.test' }).selectOption('editor');
    await row.getByRole('button', { name: 'Change role of analyst@e2e.test' }).click();
    await expect(row.getByText('Role changed to editor.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Role of analyst@e2e.test' })).toHaveValue('editor');

    const editor = await signedInPage(browser, 'editor', '/admin/users');
    await expect(editor.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await editor.context().close();
  });
});
