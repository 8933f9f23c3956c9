/**
 * The staff stories' fixtures: the shared ones (e2e/fixtures.ts), and `signedInAs`, which starts
 * the story's page signed in with an account's stored session (e2e/staff/sessions.ts):
 * `test.use({ signedInAs: 'editor' })` in a describe.
 */
import { test as base } from '../fixtures';
import { expectSessionAlive, storedSession, type StoredAccount } from './sessions';

export const test = base.extend<{ signedInAs: StoredAccount | null }>({
  /** Whose stored session the story's page starts with; null (the default) starts signed out. */
  signedInAs: [null, { option: true }],
  // The cookies go into the story's own context only, not through Playwright's `storageState`
  // option: that one applies to every context and request context a story opens, and the signed-
  // out readers that stories open beside their staff page would be signed in too.
  context: [
    async ({ context, signedInAs }, use) => {
      if (signedInAs) {
        await context.addCookies(storedSession(signedInAs).cookies);
        await expectSessionAlive(context.request, signedInAs);
      }
      await use(context);
    },
    { scope: 'test' },
  ],
});

export { expect, expectNoA11yViolations } from '../fixtures';
