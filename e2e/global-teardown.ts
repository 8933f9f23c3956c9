/**
 * Removes the temporary directories that playwright.config.ts made: the two servers' databases and
 * the staff stories' stored sessions (and only those: a path given in E2E_READER_DATABASE_PATH,
 * E2E_STAFF_DATABASE_PATH or E2E_STAFF_SESSIONS_DIR is left alone).
 * `E2E_KEEP_DATABASES=1` keeps them, to look into a failed run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { pgAdminUrl } from '../testing/postgres';

export default function globalTeardown() {
  // The PostgreSQL databases of an `E2E_ENGINE=postgres` run (playwright.config.ts).
  for (const name of (process.env.E2E_PG_DATABASES ?? '').split('\n').filter(Boolean)) {
    if (process.env.E2E_KEEP_DATABASES === '1') console.log(`Kept the PostgreSQL database ${name}`);
    else execFileSync('psql', [pgAdminUrl(), '-qc', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], { stdio: 'pipe' });
  }
  const dirs = (process.env.E2E_TEMP_DIRS ?? '').split('\n').filter(Boolean);
  if (process.env.E2E_KEEP_DATABASES === '1') {
    if (dirs.length > 0) console.log(`Kept the test databases and sessions in ${dirs.join(', ')}`);
    return;
  }
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}
