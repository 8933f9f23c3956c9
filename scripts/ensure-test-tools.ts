/**
 * `npm test` needs two programs besides Node: a Chromium for the browser stories and LibreOffice
 * for the spreadsheet tests (an export is checked by the program an analyst opens it with). This
 * runs first and fetches whichever is missing, so a fresh machine needs no third command:
 * Chromium from Playwright's own download where it is reachable, otherwise from Debian's packages;
 * LibreOffice from Debian's packages (`libreoffice-calc-nogui`). The PostgreSQL tests (issue 16)
 * need a server at PG_TEST_ADMIN_URL (default postgres://postgres:postgres@127.0.0.1:5432): when
 * none answers, a stopped local cluster is started, or Debian's `postgresql` is installed and
 * started, and its `postgres` role given the default address's password; the replica story also
 * needs the server's own programs (initdb, pg_basebackup). Without root or sudo, or
 * off Debian, it stops and says what to install.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { bundledChromium, systemChromium } from './harness/chromium';
import { pgAdminUrl } from '@/testing/postgres';
import { postgresBinDir } from '@/testing/pg-cluster';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'];

function haveChromium(): boolean {
  return Boolean(systemChromium() || bundledChromium());
}

function haveSoffice(): boolean {
  return Boolean(process.env.SOFFICE_PATH || SOFFICE.some((p) => fs.existsSync(p)) || onPath('soffice'));
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`[test-tools] ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env }).status === 0;
}

/** The command as root: directly, or through sudo when it needs no password; null when neither works. */
function rootPrefix(): string[] | null {
  if (process.getuid?.() === 0) return [];
  return onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : null;
}

/** apt-get as root directly, or through sudo when it needs no password; false when neither works or the install fails. */
function aptInstall(packages: string[]): boolean {
  if (!onPath('apt-get')) return false;
  const prefix = rootPrefix();
  if (!prefix) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]) =>
    prefix.length ? run(prefix[0]!, [...prefix.slice(1), 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]) : run('apt-get', args, env);
  const install = ['install', '-y', '-qq', '--no-install-recommends', ...packages];
  // A fresh machine's package lists may be missing or stale: update once and retry.
  return apt(install) || (apt(['update', '-qq']) && apt(install));
}

const problems: string[] = [];

if (!haveChromium()) {
  console.log('[test-tools] No Chromium found: trying Playwright\'s download, then Debian\'s package.');
  const fetched = run('npx', ['playwright', 'install', 'chromium']) && haveChromium();
  if (!fetched && !(aptInstall(['chromium']) && haveChromium())) {
    problems.push(
      'Chromium for the browser tests: install one (`sudo apt-get install -y chromium` on Debian or Ubuntu, ' +
        'or `npx playwright install chromium`), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
}

if (!haveSoffice()) {
  console.log('[test-tools] No LibreOffice found: installing Debian\'s libreoffice-calc-nogui.');
  if (!(aptInstall(['libreoffice-calc-nogui']) && haveSoffice())) {
    problems.push(
      'LibreOffice for the spreadsheet tests: install it (`sudo apt-get install -y libreoffice-calc-nogui` on Debian or Ubuntu; ' +
        'the LibreOffice package of your system elsewhere), or set SOFFICE_PATH to its soffice binary.',
    );
  }
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgAdminUrl(), connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function asRoot(command: string, args: string[]): boolean {
  const prefix = rootPrefix();
  if (!prefix) return false;
  return prefix.length ? run(prefix[0]!, [...prefix.slice(1), command, ...args]) : run(command, args);
}

/** Starts every installed cluster that is down (Debian's postgresql-common). */
function startClusters(): void {
  if (!onPath('pg_lsclusters')) return;
  const listed = spawnSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' }).stdout ?? '';
  for (const line of listed.split('\n')) {
    const [version, cluster, , status] = line.trim().split(/\s+/);
    if (version && cluster && status !== 'online') asRoot('pg_ctlcluster', [version, cluster, 'start']);
  }
}

if (!(await postgresAnswers())) {
  console.log(`[test-tools] No PostgreSQL answers at ${pgAdminUrl().replace(/:[^:@/]*@/, ':***@')}: starting or installing one.`);
  startClusters();
  if (!(await postgresAnswers()) && !onPath('pg_lsclusters') && aptInstall(['postgresql'])) startClusters();
  // Debian's server asks for a password over TCP: give its superuser the default address's one.
  if (!(await postgresAnswers()) && !process.env.PG_TEST_ADMIN_URL) {
    asRoot('su', ['postgres', '-c', `psql -q -c "ALTER ROLE postgres PASSWORD 'postgres'"`]);
  }
  if (!(await postgresAnswers())) {
    problems.push(
      'PostgreSQL for the database tests: install and start one (`sudo apt-get install -y postgresql` on Debian or Ubuntu), ' +
        'then set PG_TEST_ADMIN_URL to a superuser address (default postgres://postgres:postgres@127.0.0.1:5432/postgres).',
    );
  }
}

// db:backup and db:restore on PostgreSQL run PostgreSQL's own client programs.
if (!onPath('pg_dump') && !(aptInstall(['postgresql-client']) && onPath('pg_dump'))) {
  problems.push('pg_dump and pg_restore for the PostgreSQL backup tests: install them (`sudo apt-get install -y postgresql-client`).');
}

// The replica story (npm run test:replicas) starts its own primary and replicas with the server's
// programs (initdb, pg_ctl, pg_basebackup), which a server reached elsewhere may not have brought.
if (!postgresBinDir() && !(aptInstall(['postgresql']) && postgresBinDir())) {
  problems.push('PostgreSQL server programs (initdb, pg_ctl, pg_basebackup) for the replica tests: install them (`sudo apt-get install -y postgresql`).');
}

if (problems.length > 0) {
  console.error(`npm test needs programs this machine lacks and could not fetch:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('[test-tools] Chromium, LibreOffice and PostgreSQL are available.');
