/** Shared fixtures for the user stories: an accessibility check that fails on any violation. */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export async function expectNoA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, 'accessibility violations').toEqual([]);
}

export const test = base.extend<{ consoleErrors: string[]; expectedHttpErrors: RegExp[] }>({
  /** Fetches a story expects to be refused (e.g. an upload the server must reject with a 4xx). */
  expectedHttpErrors: [[], { option: true }],
  // Every story fails if the page logs an error (hydration mismatches, CSP blocks) or a script,
  // style or fetch fails. A document answering 404 is not an error here: some stories expect it.
  consoleErrors: [
    async ({ page, expectedHttpErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
      });
      page.on('response', (r) => {
        if (r.status() < 400 || r.request().resourceType() === 'document') return;
        if (r.status() < 500 && expectedHttpErrors.some((p) => p.test(r.url()))) return;
        errors.push(`${r.status()} ${r.url()}`);
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
