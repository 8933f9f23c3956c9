/**
 * npm run bench:api [-- <base URL>]: times the first page of GET /api/events for a few filter
 * combinations against a server already running on this machine (`npm start`), and prints p50 and
 * p95 of the server's own time (its Server-Timing header: parsing, queries, serialisation excluded)
 * and of the whole round trip. Requests go one at a time, to localhost only, a bounded number of times.
 *
 *   BENCH_RUNS   requests per combination after 5 warm-up requests (default 100, at most 1000)
 */
import { runScript, UsageError } from './run-script';

const COMBINATIONS: [string, string][] = [
  ['no filters', ''],
  ['one type', 'type=designation'],
  ['country as target + date range', 'country=SY&role=target&from=2020&to=2023'],
  ['Caesar Act designations', 'type=designation&authority=Caesar+Syria+Civilian+Protection+Act+of+2019'],
  ['actor', 'actor=14'],
  ['tag + type + years', 'tag=caesar-act&type=designation&type=statement&from=2019'],
  ['search "qadd"', 'q=qadd'],
  ['search, by relevance', 'q=caesar+act&sort=relevance'],
  ['everything at once', 'q=assad&type=designation&type=normalisation&country=SY&role=target&from=2011&to=2023&tag=caesar-act'],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

runScript(async () => {
  const base = new URL(process.argv[2] ?? process.env.BENCH_URL ?? 'http://127.0.0.1:3000');
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    throw new UsageError(`bench:api only sends traffic to this machine; ${base.hostname} is not localhost.`);
  }
  const runs = Number(process.env.BENCH_RUNS ?? 100);
  if (!Number.isInteger(runs) || runs < 1 || runs > 1000) throw new UsageError('BENCH_RUNS must be a whole number from 1 to 1000.');

  console.log(`GET ${base.origin}/api/events (first page, 50 events), ${runs} sequential requests each\n`);
  console.log(['combination'.padEnd(34), 'events', 'server p50', 'server p95', 'round trip p50', 'p95'].join('  '));
  for (const [name, query] of COMBINATIONS) {
    const url = `${base.origin}/api/events${query ? `?${query}` : ''}`;
    const server: number[] = [];
    const wall: number[] = [];
    let total = 0;
    for (let i = 0; i < runs + 5; i++) {
      const started = performance.now();
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      const body = (await response.json()) as { total?: number; error?: string };
      const elapsed = performance.now() - started;
      if (!response.ok) throw new UsageError(`${url} answered ${response.status}: ${body.error ?? ''}`);
      total = body.total ?? 0;
      const timing = /dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
      if (i >= 5) {
        server.push(timing ? Number(timing[1]) : NaN);
        wall.push(elapsed);
      }
    }
    server.sort((a, b) => a - b);
    wall.sort((a, b) => a - b);
    const ms = (n: number) => `${n.toFixed(2)} ms`.padStart(10);
    console.log(
      [name.padEnd(34), String(total).padStart(6), ms(percentile(server, 50)), ms(percentile(server, 95)), ms(percentile(wall, 50)).padStart(14), ms(percentile(wall, 95))].join('  '),
    );
  }
});
