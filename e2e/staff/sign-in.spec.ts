import { signInAttempt } from '../raw-http';
import { expect, expectNoA11yViolations, test } from '../fixtures';
import { ACCOUNTS } from './accounts';

test.describe('A member of staff signs in', () => {
  test('five wrong passwords make this browser wait, with a clear message, but never lock the account', async ({ page, baseURL }) => {
    const { email, password } = ACCOUNTS.locked;
    await page.goto('/sign-in');
    const message = page.getByRole('alert').filter({ hasText: /password|attempts/ });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(`not my password ${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(message).toHaveText(attempt < 5 ? 'Wrong e-mail or password.' : 'Too many failed sign-in attempts. Try again in 15 seconds.');
      // The address is kept; the password never is.
      await expect(page.getByLabel('E-mail')).toHaveValue(email);
      await expect(page.getByLabel('Password')).toHaveValue('');
    }
    await expectNoA11yViolations(page);
    // From here, even the right password waits a little now.
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(message).toHaveText(/^Too many failed sign-in attempts\. Try again in 1?\d seconds?\.$/);
    await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
    // The account is not locked: the person with the password, at another computer (127.0.0.2 to
    // the server, seen on the socket), signs in.
    expect(await signInAttempt(baseURL!, { email, password }, { from: '127.0.0.2' })).toBe(200);
  });

  test('gets an httpOnly, SameSite=Lax session cookie, and signs out', async ({ page, context }) => {
    await page.goto('/sign-in');
    await page.getByLabel('E-mail').fill(ACCOUNTS.viewer.email);
    await page.getByLabel('Password').fill(ACCOUNTS.viewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in-as')).toContainText('Vera Viewer · Viewer');
    const cookie = (await context.cookies()).find((c) => c.name.endsWith('tracker.session_token'));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await page.goto('/events/new');
    // Same host name as before (not localhost), so the cookie set at sign-in belongs to it.
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/sign-in\?next=%2Fevents%2Fnew$/);
  });

  // Issue 10, item 2: the browser resolved "/.//evil.test/x" to "//evil.test/x", another site.
  test('after signing in, goes back only to a page of this site', async ({ page, baseURL }) => {
    for (const next of ['/.//evil.test/x', '/..//evil.test/x']) {
      await page.context().clearCookies();
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
      await page.getByLabel('E-mail').fill(ACCOUNTS.viewer.email);
      await page.getByLabel('Password').fill(ACCOUNTS.viewer.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('signed-in-as')).toContainText(ACCOUNTS.viewer.name);
      expect(new URL(page.url()).origin, next).toBe(new URL(baseURL!).origin);
      await expect(page).toHaveURL(`${new URL(baseURL!).origin}/`);
    }
  });
});
