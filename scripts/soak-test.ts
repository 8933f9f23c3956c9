/**
 * npm run test:soak [-- --minutes 3 --warmup-seconds 30 --connections 6 --port 3360]
 *
 * A bounded load run against the production server on 127.0.0.1: a fixed mix of reads (the
 * timeline page with varied filters, event pages, the JSON API, actor search), exports (CSV, JSON,
 * NDJSON, Atom) and writes (editors creating and editing events through the JSON API), plus a few
 * malformed links that must get their 400. It passes when:
 * - no answer is a 5xx, and every answer is the status its request should get;
 * - the server's resident memory (VmRSS from /proc, sampled every 2 s) in the last minute is no
 *   more than MEMORY_GROWTH_LIMIT above the first minute (medians of each, after a warm-up).
 * Prints its figures; exits non-zero on failure.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAccount, sameOriginHeaders, signIn, type Account } from './harness/staff-client';
import { ensureBuild, ProductionServer, sleep, tempDirectory } from './harness/production-server';
import { runScript, UsageError } from './run-script';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '3' },
    'warmup-seconds': { type: 'string', default: '30' },
    connections: { type: 'string', default: '6' },
    port: { type: 'string', default: '3360' },
  },
});

const MEASURED_MS = Number(args.minutes) * 60_000;
const WARMUP_MS = Number(args['warmup-seconds']) * 1000;
const CONNECTIONS = Number(args.connections);
const PORT = Number(args.port);
const SAMPLE_EVERY_MS = 2_000;
const WINDOW_MS = Math.min(60_000, MEASURED_MS / 3);

/**
 * How much the last minute's median RSS may exceed the first minute's. A Node server's RSS swings
 * by tens of megabytes without leaking: V8 lets the old generation grow before a major collection,
 * and young-generation semi-spaces and malloc arenas are kept once used. On this app the samples of
 * one run spanned 336-415 MB while the two minutes' medians differed by 14 MB (3.6%)
 * (docs/decisions/0022-crash-and-soak-runs.md). The limit is 10% of the first minute, at least
 * 24 MB: GC timing cannot fail a run, while a leak that adds up to more than that between the two
 * minutes cannot pass. The run prints the smallest per-request leak that limit catches at the rate
 * it measured; a longer run (--minutes) catches smaller ones, since a leak accumulates and noise
 * does not.
 */
const MEMORY_GROWTH_LIMIT = { fraction: 0.1, minBytes: 24 * 1024 * 1024 };

const EDITOR: Account = { email: 'soak-editor@example.org', password: 'soak test editor password', role: 'editor' };

type Category = 'page' | 'event page' | 'api' | 'actor search' | 'csv' | 'json export' | 'feed' | 'create' | 'edit' | 'bad link';

interface Planned {
  category: Category;
  /** Reads alternate between anonymous readers and signed-in staff (who also see drafts). */
  signedIn: boolean;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
  expect: number;
}

const FILTERS = [
  '',
  'type=designation',
  'country=SY&role=target',
  'from=2020&to=2023',
  'q=caesar',
  'q=%22caesar+act%22&sort=relevance',
  'tag=gulf-states',
  'type=normalisation&type=statement&country=SA',
  'authority=Caesar+Syria+Civilian+Protection+Act+of+2019',
  'q=soak',
];
const BAD_LINKS = ['/api/events?limit=0', '/api/events?type=rumour', '/api/events/export?from=2020-13', '/feed.xml?country=XX', '/api/events.json?x=1'];

/** Events this run created, with the version to edit next. */
const created: { id: number; version: number }[] = [];
let counter = 0;

function eventBody(n: number) {
  return {
    type: 'statement',
    title: `Soak test statement ${n}`,
    summary: `Written by the soak test (request ${n}).`,
    date: '2024-05-02',
    status: 'published',
    countries: [{ code: 'SY', role: 'target' }],
    tags: ['Soak test'],
    sources: [{ title: 'Soak test', url: 'https://example.org/soak' }],
  };
}

/** The next request of the mix: a fixed rotation, so every run sends the same proportions. */
function next(): Planned {
  const n = counter++;
  const filter = FILTERS[n % FILTERS.length]!;
  const slot = n % 50;
  const signedIn = n % 3 !== 0;
  if (slot < 14) return { category: 'page', signedIn, method: 'GET', path: `/?${filter}`, expect: 200 };
  if (slot < 18) return { category: 'event page', signedIn, method: 'GET', path: `/events/${(n % 16) + 1}`, expect: 200 };
  if (slot < 30) return { category: 'api', signedIn, method: 'GET', path: `/api/events?${filter}&limit=${[10, 50, 200][n % 3]}`, expect: 200 };
  if (slot < 32) return { category: 'actor search', signedIn, method: 'GET', path: `/api/entities?q=${['assad', 'gov', 'biden', 'x'][n % 4]}`, expect: 200 };
  if (slot < 36) return { category: 'csv', signedIn, method: 'GET', path: `/api/events/export?${filter}`, expect: 200 };
  if (slot < 39) return { category: 'json export', signedIn, method: 'GET', path: `/api/events/export.json?${filter}${n % 2 ? '&format=ndjson' : ''}`, expect: 200 };
  if (slot < 42) return { category: 'feed', signedIn, method: 'GET', path: `/feed.xml?${filter}`, expect: 200 };
  if (slot < 46) return { category: 'create', signedIn: true, method: 'POST', path: '/api/events', body: { event: eventBody(n) }, expect: 201 };
  if (slot < 48 && created.length > 0) {
    // Take it off the list while the edit is in flight, so two connections never edit the same version.
    const target = created.splice(n % created.length, 1)[0]!;
    return { category: 'edit', signedIn: true, method: 'PUT', path: `/api/events/${target.id}`, body: { version: target.version, event: { ...eventBody(n), title: `Soak test statement ${target.id}, edited` } }, expect: 200 };
  }
  return { category: 'bad link', signedIn, method: 'GET', path: BAD_LINKS[n % BAD_LINKS.length]!, expect: n % BAD_LINKS.length === 4 ? 404 : 400 };
}

interface Stats {
  count: number;
  latencies: number[];
}

interface Tally {
  byCategory: Map<Category, Stats>;
  serverErrors: string[];
  unexpected: string[];
  networkErrors: string[];
}

async function connection(baseUrl: string, writeHeaders: Record<string, string>, until: () => boolean, tally: Tally): Promise<void> {
  while (!until()) {
    const plan = next();
    const startedAt = performance.now();
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${baseUrl}${plan.path}`, {
        method: plan.method,
        headers: plan.method !== 'GET' ? writeHeaders : plan.signedIn ? { cookie: writeHeaders.cookie! } : {},
        body: plan.body === undefined ? undefined : JSON.stringify(plan.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
      text = await res.text();
      status = res.status;
    } catch (err) {
      tally.networkErrors.push(`${plan.method} ${plan.path}: ${(err as Error).message}`);
      continue;
    }
    const stats = tally.byCategory.get(plan.category) ?? { count: 0, latencies: [] };
    stats.count++;
    stats.latencies.push(performance.now() - startedAt);
    tally.byCategory.set(plan.category, stats);
    if (status >= 500) tally.serverErrors.push(`${status} ${plan.method} ${plan.path}`);
    else if (status !== plan.expect) tally.unexpected.push(`${status} (expected ${plan.expect}) ${plan.method} ${plan.path}: ${text.slice(0, 200)}`);
    if (status === 201 || (plan.category === 'edit' && status === 200)) {
      const { id, version } = JSON.parse(text) as { id: number; version: number };
      created.push({ id, version });
    }
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)]!;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

runScript(async () => {
  if (!(MEASURED_MS >= 60_000 && WARMUP_MS >= 0 && CONNECTIONS >= 1 && PORT > 0)) {
    throw new UsageError('Usage: npm run test:soak -- [--minutes M (at least 1)] [--warmup-seconds S] [--connections N] [--port P]');
  }
  ensureBuild();
  const tmp = tempDirectory('tracker-soak-');
  const databasePath = path.join(tmp.dir, 'tracker.db');
  let server: ProductionServer | null = null;
  const tally: Tally = { byCategory: new Map(), serverErrors: [], unexpected: [], networkErrors: [] };
  const samples: { t: number; rss: number }[] = [];
  let requestsAtStart = 0;
  try {
    server = await ProductionServer.start({ port: PORT, databasePath, env: { SEED_ON_EMPTY: 'true' } });
    createAccount(databasePath, EDITOR);
    const headers = sameOriginHeaders(server.baseUrl, await signIn(server.baseUrl, EDITOR));
    console.log(`Soak: ${WARMUP_MS / 1000} s warm-up, then ${MEASURED_MS / 60_000} min measured; ${CONNECTIONS} connections to ${server.baseUrl}; server pid ${server.pid}`);

    const warmupEnds = Date.now() + WARMUP_MS;
    const ends = warmupEnds + MEASURED_MS;
    const connections = Array.from({ length: CONNECTIONS }, () => connection(server!.baseUrl, headers, () => Date.now() >= ends, tally));
    await sleep(WARMUP_MS);
    requestsAtStart = counter;
    const measuredStart = Date.now();
    while (Date.now() < ends) {
      const rss = server.rssBytes();
      if (rss !== null) samples.push({ t: Date.now() - measuredStart, rss });
      const elapsed = Date.now() - measuredStart;
      if (elapsed > 0 && Math.floor(elapsed / 30_000) !== Math.floor((elapsed - SAMPLE_EVERY_MS) / 30_000)) {
        process.stdout.write(`  ${Math.round(elapsed / 1000)} s: ${counter - requestsAtStart} requests, RSS ${rss === null ? '?' : mb(rss)}, 5xx ${tally.serverErrors.length}\n`);
      }
      await sleep(SAMPLE_EVERY_MS);
    }
    await Promise.all(connections);
    await server.stop();
  } finally {
    await server?.kill('SIGKILL');
    tmp.remove();
  }

  const measuredRequests = counter - requestsAtStart;
  const first = samples.filter((s) => s.t < WINDOW_MS).map((s) => s.rss);
  const last = samples.filter((s) => s.t >= MEASURED_MS - WINDOW_MS).map((s) => s.rss);
  const growth = median(last) - median(first);
  const limit = Math.max(MEMORY_GROWTH_LIMIT.minBytes, MEMORY_GROWTH_LIMIT.fraction * median(first));
  const total = [...tally.byCategory.values()].reduce((n, s) => n + s.count, 0);

  console.log(`\nSoak results (${MEASURED_MS / 60_000} min measured after ${WARMUP_MS / 1000} s warm-up, ${CONNECTIONS} connections)`);
  console.log(`  requests: ${total} in all, ${measuredRequests} measured (${(measuredRequests / (MEASURED_MS / 1000)).toFixed(1)}/s)`);
  console.log('  category       count    p50 ms   p95 ms   p99 ms');
  for (const [category, s] of [...tally.byCategory.entries()].sort((a, b) => b[1].count - a[1].count)) {
    console.log(
      `  ${category.padEnd(13)} ${String(s.count).padStart(6)} ${percentile(s.latencies, 50).toFixed(1).padStart(9)} ${percentile(s.latencies, 95).toFixed(1).padStart(8)} ${percentile(s.latencies, 99).toFixed(1).padStart(8)}`,
    );
  }
  console.log(`  5xx answers: ${tally.serverErrors.length}`);
  console.log(`  other unexpected statuses: ${tally.unexpected.length}`);
  console.log(`  network errors: ${tally.networkErrors.length}`);
  console.log(`  events created: ${created.length}`);
  console.log(
    `  server RSS: first ${WINDOW_MS / 1000} s median ${mb(median(first))}, last ${WINDOW_MS / 1000} s median ${mb(median(last))}, growth ${mb(growth)} (limit ${mb(limit)}); ` +
      `min ${mb(Math.min(...samples.map((s) => s.rss)))}, max ${mb(Math.max(...samples.map((s) => s.rss)))}, ${samples.length} samples`,
  );
  // Requests between the middles of the two windows: a leak of `limit / that` bytes each would fail.
  const requestsBetween = (measuredRequests / MEASURED_MS) * (MEASURED_MS - WINDOW_MS);
  console.log(`  at this rate the limit catches a leak of ${(limit / requestsBetween / 1024).toFixed(1)} kB per request or more`);
  for (const e of [...tally.serverErrors, ...tally.unexpected, ...tally.networkErrors].slice(0, 15)) console.log(`  PROBLEM: ${e}`);
  const passed = tally.serverErrors.length === 0 && tally.unexpected.length === 0 && tally.networkErrors.length === 0 && first.length > 0 && last.length > 0 && growth <= limit;
  console.log(passed ? '\nPASS' : '\nFAIL');
  if (!passed) process.exitCode = 1;
});
