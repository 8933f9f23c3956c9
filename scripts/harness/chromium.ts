/**
 * Where the browser tests find a Chromium: CHROMIUM_PATH, Debian's package, or Playwright's own
 * download. Shared by playwright.config.ts and scripts/ensure-test-tools.ts, which agree on what
 * counts as "installed".
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';

export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function systemChromium(): string | undefined {
  return process.env.CHROMIUM_PATH || SYSTEM_CHROMIUM_PATHS.find((p) => fs.existsSync(p));
}

export function bundledChromium(): string | undefined {
  try {
    const p = chromium.executablePath();
    return fs.existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}
