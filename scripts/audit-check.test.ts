import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareVersions, offlineCheck, readAuditOutput } from './audit-check';
import { FLOORS } from './audit-floors';

describe('reading npm audit --json', () => {
  it('fails on high and critical findings only', () => {
    const stdout = JSON.stringify({
      auditReportVersion: 2,
      vulnerabilities: {
        next: { severity: 'critical', via: [{ title: 'Authorization bypass in middleware', url: 'https://github.com/advisories/GHSA-f82v-jwr5-mffw' }] },
        'some-parser': { severity: 'high', via: ['tar-fs'] },
        postcss: { severity: 'moderate', via: [{ title: 'Line return parsing error' }] },
      },
      metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 1, critical: 1, total: 3 } },
    });
    const reading = readAuditOutput(stdout);
    expect(reading).toMatchObject({ kind: 'report', counts: { moderate: 1, high: 1, critical: 1 } });
    expect(reading.kind === 'report' && reading.findings.map((f) => [f.name, f.severity])).toEqual([
      ['next', 'critical'],
      ['some-parser', 'high'],
    ]);
  });

  it('treats a registry error (such as 405 from a mirror) or no output as "unavailable", not as a pass', () => {
    const error = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '' } });
    expect(readAuditOutput(error)).toEqual({ kind: 'unavailable', reason: expect.stringMatching(/405 Method Not Allowed.*HTTP 405/) });
    expect(readAuditOutput('')).toEqual({ kind: 'unavailable', reason: 'npm audit printed nothing' });
    expect(readAuditOutput('npm ERR! network')).toMatchObject({ kind: 'unavailable' });
  });
});

describe('the offline check', () => {
  it('compares versions numerically, pre-releases before releases', () => {
    expect(compareVersions('16.10.0', '16.2.6')).toBe(1);
    expect(compareVersions('16.2.6', '16.2.6')).toBe(0);
    expect(compareVersions('16.2.5', '16.2.6')).toBe(-1);
    expect(compareVersions('16.2.6-canary.3', '16.2.6')).toBe(-1);
    expect(compareVersions('1.5.0-beta.9', '1.4.17')).toBe(1);
  });

  it('finds production copies below their floor, nested ones included, and ignores dev-only ones', () => {
    const lock = {
      packages: {
        '': { version: '0.1.0' },
        'node_modules/next': { version: '16.2.5' },
        'node_modules/better-auth': { version: '1.7.25' },
        'node_modules/prebuild-install/node_modules/tar-fs': { version: '2.1.1' },
        'node_modules/drizzle-kit/node_modules/semver': { version: '7.3.0', dev: true },
      },
    };
    const { checked, findings } = offlineCheck(lock, FLOORS);
    expect(checked.map((c) => c.name).sort()).toEqual(['better-auth', 'next', 'tar-fs']);
    expect(findings.map((f) => f.name).sort()).toEqual(['next', 'tar-fs']);
    expect(findings.find((f) => f.name === 'next')!.detail).toMatch(/16\.2\.5 at node_modules\/next is below 16\.2\.6/);
  });

  it('passes on this repository: next, react, react-dom and better-auth are on patched releases', () => {
    const lock = JSON.parse(fs.readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
    const { checked, findings } = offlineCheck(lock, FLOORS);
    expect(findings).toEqual([]);
    expect(checked.map((c) => c.name)).toEqual(expect.arrayContaining(['next', 'react', 'react-dom', 'better-auth']));
  });
});
