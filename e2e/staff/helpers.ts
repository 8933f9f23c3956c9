import type { Browser, Page } from '@playwright/test';
import { expect } from '../fixtures';
import { ACCOUNTS, displayName, type AccountName } from './accounts';
import { sessionFile, type StoredAccount } from './sessions';

/**
 * Signs in through the form, as a person would, and lands on `next`. Only staff-setup does this
 * (once per account); stories start from the stored sessions (e2e/staff/fixtures.ts).
 */
export async function signIn(page: Page, account: AccountName, next = '/') {
  const { email, password } = ACCOUNTS[account];
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(displayName(account));
  await expect(page).toHaveURL((url) => url.pathname + url.search === next);
}

/** A second person in a browser of their own, signed in with their stored session, on `next`. */
export async function signedInPage(browser: Browser, account: StoredAccount, next = '/') {
  const context = await browser.newContext({ storageState: sessionFile(account) });
  const page = await context.newPage();
  await page.goto(next);
  await expect(page.getByTestId('signed-in-as')).toContainText(displayName(account));
  return page;
}

export const field = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

/** The number in an event page's URL. */
export function eventIdOf(page: Page): number {
  const m = /\/events\/(\d+)/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`not an event page: ${page.url()}`);
  return Number(m[1]);
}

/** Fills the parts of the event form every story needs. */
export async function fillBasics(page: Page, { title, summary = 'Treasury designated the network for the captagon trade.', date = '2026-11-20' }: { title: string; summary?: string; date?: string }) {
  await page.getByRole('combobox', { name: 'Type', exact: true }).selectOption('designation');
  await field(page, 'Title').fill(title);
  await field(page, 'Summary').fill(summary);
  await field(page, 'Date').fill(date);
  await field(page, 'Source 1: title').fill('Treasury press release');
  await field(page, 'Source 1: web address').fill('https://home.treasury.gov/news/press-releases');
}
