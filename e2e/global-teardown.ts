/**
 * Removes the temporary databases that playwright.config.ts made for the two servers (and only
 * those: a path given in E2E_READER_DATABASE_PATH or E2E_STAFF_DATABASE_PATH is left alone).
 * `E2E_KEEP_DATABASES=1` keeps them, to look into a failed run.
 */
import fs from 'node:fs';

export default function globalTeardown() {
  const dirs = (process.env.E2E_TEMP_DATABASE_DIRS ?? '').split('\n').filter(Boolean);
  if (process.env.E2E_KEEP_DATABASES === '1') {
    if (dirs.length > 0) console.log(`Kept the test databases in ${dirs.join(', ')}`);
    return;
  }
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}
