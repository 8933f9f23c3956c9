/**
 * Removes the temporary directories that playwright.config.ts made: the two servers' databases and
 * the staff stories' stored sessions (and only those: a path given in E2E_READER_DATABASE_PATH,
 * E2E_STAFF_DATABASE_PATH or E2E_STAFF_SESSIONS_DIR is left alone).
 * `E2E_KEEP_DATABASES=1` keeps them, to look into a failed run.
 */
import fs from 'node:fs';

export default function globalTeardown() {
  const dirs = (process.env.E2E_TEMP_DIRS ?? '').split('\n').filter(Boolean);
  if (process.env.E2E_KEEP_DATABASES === '1') {
    if (dirs.length > 0) console.log(`Kept the test databases and sessions in ${dirs.join(', ')}`);
    return;
  }
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}
