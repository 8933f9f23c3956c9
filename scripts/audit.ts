/**
 * npm run audit: fails on any high or critical advisory for a production dependency.
 *
 * First asks the registry (`npm audit --omit=dev --json`). When its audit endpoint cannot be
 * reached (some registries and mirrors answer 405, offline machines answer nothing), falls back to
 * an offline check: every production package in package-lock.json against the maintained list of
 * patched versions in scripts/audit-floors.ts. It always says which check ran. `--offline` skips
 * the registry.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { offlineCheck, readAuditOutput, type Finding } from './audit-check';
import { FLOORS, FLOORS_UPDATED } from './audit-floors';

const ROOT = path.resolve(import.meta.dirname, '..');

function report(findings: Finding[]): void {
  for (const f of findings) console.log(`  ${f.severity.toUpperCase()}  ${f.name}: ${f.detail}`);
}

function runOffline(why: string): number {
  const age = Math.floor((Date.now() - Date.parse(`${FLOORS_UPDATED}T00:00:00Z`)) / 86_400_000);
  console.log(`Dependency audit: FALLBACK, not npm audit (${why}).`);
  console.log(
    `Checking package-lock.json against the hand-kept list of patched versions in scripts/audit-floors.ts, last updated ` +
      `${FLOORS_UPDATED} (${age} day${age === 1 ? '' : 's'} ago). It may be stale: advisories published since then are not known to it.`,
  );
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const { checked, findings } = offlineCheck(lock, FLOORS);
  for (const c of checked) console.log(`  ${c.name} ${c.version} (patched from ${c.minimum})`);
  const missing = FLOORS.filter((f) => ['next', 'react', 'react-dom', 'better-auth'].includes(f.name) && !checked.some((c) => c.name === f.name));
  for (const f of missing) findings.push({ name: f.name, severity: 'error', detail: 'not found in package-lock.json; the lock file and the floors disagree' });
  if (findings.length > 0) {
    console.log(`\n${findings.length} production ${findings.length === 1 ? 'package is' : 'packages are'} below a patched version:`);
    report(findings);
    return 1;
  }
  console.log(`\nOK (fallback): ${checked.length} production package copies checked, none below its patched version as of ${FLOORS_UPDATED}. Run npm audit where the registry is reachable.`);
  return 0;
}

function main(): number {
  if (process.argv.includes('--offline')) return runOffline('--offline given');
  const npm = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  const reading = readAuditOutput(npm.stdout ?? '');
  if (reading.kind === 'unavailable') return runOffline(`the registry's audit endpoint is unavailable: ${reading.reason}`);
  const counts = Object.entries(reading.counts)
    .filter(([k]) => k !== 'total')
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  console.log(`Dependency audit: ONLINE check (npm audit --omit=dev): ${counts || 'no findings'}.`);
  if (reading.findings.length > 0) {
    console.log(`\n${reading.findings.length} high or critical ${reading.findings.length === 1 ? 'advisory' : 'advisories'} in production dependencies:`);
    report(reading.findings);
    return 1;
  }
  console.log('OK: no high or critical advisories in production dependencies.');
  return 0;
}

process.exitCode = main();
