/**
 * The offline half of `npm run audit`: for each production package with a published high or
 * critical advisory, the lowest version that fixes all of them, and the advisories it fixes. Used
 * only when the registry's audit endpoint cannot be reached (see scripts/audit.ts).
 *
 * Keep it current: when an advisory is published for a package the app ships (GitHub advisories,
 * the Next.js and React security blogs, Better Auth's releases), raise its floor here and upgrade.
 * A package is listed from its first high or critical advisory; lower severities are left to
 * `npm audit` when it is reachable.
 *
 * Why a hand-kept list at all: every maintained advisory database (npm's, GitHub's, OSV) is a
 * service, and this check is for when none can be reached. It goes stale silently, so it is only
 * ever a fallback, and says so with its date whenever it runs.
 */

/** The day this list was last checked against the advisories; printed by every offline run. */
export const FLOORS_UPDATED = '2026-11-27';

export interface Floor {
  /** The package name, as in package-lock.json. */
  name: string;
  /** Every installed copy must be at least this version. */
  minimum: string;
  /** What the floor protects against, newest first. */
  advisories: string[];
}

export const FLOORS: Floor[] = [
  {
    name: 'next',
    minimum: '16.2.6',
    advisories: [
      'May 2026 security release (16.2.6, 13 advisories): proxy/middleware bypasses GHSA-267c-6grr-h53f, GHSA-26hh-7cqf-hhc6, GHSA-492v-c6pp-mqqv (high); WebSocket upgrade SSRF CVE-2026-44578 (high); React Server Components DoS CVE-2026-23870 (high)',
      'CVE-2026-23869: React Server Components DoS (high), fixed in 16.2.3',
      'CVE-2025-66478 / CVE-2025-55182: React Server Components remote code execution (critical), fixed in 16.0.7',
      'CVE-2025-29927 / GHSA-f82v-jwr5-mffw: middleware authorisation bypass via x-middleware-subrequest (critical), fixed in 15.2.3',
    ],
  },
  {
    // Next.js vendors its own react-server-dom copy (where the RSC advisories live); the app's
    // react and react-dom are held to the same patched release line so the two never disagree.
    name: 'react',
    minimum: '19.2.6',
    advisories: ['Release line carrying the fix for CVE-2026-23870 in react-server-dom-* (high); react itself has no advisory'],
  },
  {
    name: 'react-dom',
    minimum: '19.2.6',
    advisories: ['Release line carrying the fix for CVE-2026-23870 in react-server-dom-* (high); react-dom itself has no advisory'],
  },
  {
    name: 'react-server-dom-webpack',
    minimum: '19.2.6',
    advisories: ['CVE-2026-23870 (high), CVE-2026-23869 (high), CVE-2025-55182 (critical)'],
  },
  {
    name: 'react-server-dom-turbopack',
    minimum: '19.2.6',
    advisories: ['CVE-2026-23870 (high), CVE-2026-23869 (high), CVE-2025-55182 (critical)'],
  },
  {
    name: 'better-auth',
    minimum: '1.4.17',
    advisories: ['CVE-2026-45364 / GHSA-p6v2-xcpg-h6xw: rate limiter bypass by IPv6 prefix rotation on sign-in (high), fixed in 1.4.17'],
  },
  {
    name: 'drizzle-orm',
    minimum: '0.45.2',
    advisories: ['CVE-2026-39356: SQL injection through unescaped quoted identifiers (sql.identifier(), .as()), fixed in 0.45.2'],
  },
  {
    // Unpacks better-sqlite3's prebuilt binary at install time.
    name: 'tar-fs',
    minimum: '2.1.4',
    advisories: ['CVE-2025-59343: symlink validation bypass (high), fixed in 2.1.4', 'CVE-2025-48387 and CVE-2024-12905: path traversal on extraction (high)'],
  },
  { name: 'semver', minimum: '7.5.2', advisories: ['CVE-2022-25883: regular-expression denial of service (high)'] },
  { name: 'minimist', minimum: '1.2.6', advisories: ['CVE-2021-44906: prototype pollution (critical)'] },
  { name: 'ini', minimum: '1.3.6', advisories: ['CVE-2020-7788: prototype pollution (high)'] },
  { name: 'simple-get', minimum: '4.0.1', advisories: ['CVE-2022-0355: cookie and authorization headers sent to another host on redirect (high)'] },
];
