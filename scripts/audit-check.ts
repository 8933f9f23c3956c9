/**
 * The two checks behind `npm run audit`, as plain functions: reading `npm audit --json`, and the
 * offline comparison of package-lock.json with the patched-version floors (scripts/audit-floors.ts).
 */
import type { Floor } from './audit-floors';

export const FAILING_SEVERITIES = ['high', 'critical'] as const;

export interface Finding {
  name: string;
  severity: string;
  detail: string;
}

export type AuditReading =
  | { kind: 'report'; findings: Finding[]; counts: Record<string, number> }
  | { kind: 'unavailable'; reason: string };

/**
 * Reads what `npm audit --json` printed. A report (auditReportVersion 2) gives its high and
 * critical findings; anything else (an error from the registry, no output) means the endpoint
 * could not be asked.
 */
export function readAuditOutput(stdout: string): AuditReading {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return { kind: 'unavailable', reason: stdout.trim() ? 'npm audit printed something other than JSON' : 'npm audit printed nothing' };
  }
  const report = json as {
    auditReportVersion?: number;
    vulnerabilities?: Record<string, { severity: string; via: (string | { title?: string; url?: string; severity?: string })[] }>;
    metadata?: { vulnerabilities?: Record<string, number> };
    message?: string;
    statusCode?: number;
    error?: { summary?: string };
  };
  if (report.auditReportVersion !== 2 || !report.vulnerabilities) {
    const reason = report.message ?? report.error?.summary ?? 'npm audit did not return a report';
    return { kind: 'unavailable', reason: report.statusCode ? `${reason} (HTTP ${report.statusCode})` : reason };
  }
  const findings = Object.entries(report.vulnerabilities)
    .filter(([, v]) => (FAILING_SEVERITIES as readonly string[]).includes(v.severity))
    .map(([name, v]) => ({
      name,
      severity: v.severity,
      detail: v.via.map((via) => (typeof via === 'string' ? `through ${via}` : `${via.title ?? 'advisory'}${via.url ? ` ${via.url}` : ''}`)).join('; '),
    }));
  return { kind: 'report', findings, counts: report.metadata?.vulnerabilities ?? {} };
}

/** Compares dotted versions numerically; a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.replace(/^v/, '').split('-', 2) as [string, string | undefined];
    return { parts: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

interface LockFile {
  packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean }>;
}

export interface OfflineResult {
  checked: { name: string; version: string; minimum: string }[];
  findings: Finding[];
}

/**
 * Every production copy (nested ones included) of every package with a floor, from the lock file
 * that `npm ci` installs. Dev-only packages are left out, as `npm audit --omit=dev` would.
 */
export function offlineCheck(lock: LockFile, floors: readonly Floor[]): OfflineResult {
  const byName = new Map(floors.map((f) => [f.name, f]));
  const result: OfflineResult = { checked: [], findings: [] };
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (!location || entry.dev || entry.devOptional || !entry.version) continue;
    const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const floor = byName.get(name);
    if (!floor) continue;
    result.checked.push({ name, version: entry.version, minimum: floor.minimum });
    if (compareVersions(entry.version, floor.minimum) < 0) {
      result.findings.push({ name, severity: 'high or critical', detail: `${entry.version} at ${location} is below ${floor.minimum}: ${floor.advisories.join('; ')}` });
    }
  }
  return result;
}
