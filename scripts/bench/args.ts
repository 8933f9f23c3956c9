/** Command-line flags of `npm run bench`, checked before anything starts. */
import path from 'node:path';
import { parseCount } from '../db-synth-args';
import { parseFlags, UsageError } from '../run-script';
import { pgAdminUrl } from '@/testing/postgres';

export const BENCH_USAGE = `Usage: npm run bench [-- --sizes 100000,1000000] [--quick] [--runs N] [--port P] [--data-dir DIR]

Benchmarks a production build on synthetic databases (docs/performance.md): API latency and its
SQL baselines, facet counts and the chart, CSV export against sqlite3 -csv, the timeline page of
every view (the combinations and an analyst's views, staff's signed in) cold and cached, the next
reader of a view after each save, server memory, and a load test with writes. Builds missing synthetic databases (data/synth-<N>.db) and a production
build if there is none; the servers listen on 127.0.0.1 only. Writes docs/bench/results.json.

  --sizes A,B     numbers of events (default 100000,1000000; 100k and 1m work too)
  --quick         few runs and a 5 s load test: checks that everything works, not a measurement
  --runs N        requests per combination (default 100; --quick: 10)
  --load-seconds S  duration of the load test (default 30; --quick: 5; 0 skips it)
  --port P        port of the app (default 3250; the baseline server uses P+1)
  --data-dir DIR  where the synthetic databases are kept (default data/)
  --out FILE      where the results go (default docs/bench/results.json)
  --engine E      sqlite (default): everything above; postgres: SQLite and PostgreSQL side by side,
                  in-process (the app does not serve from PostgreSQL yet), on a copy of each
                  synthetic database in PostgreSQL (kept as tracker_bench_<N>); writes
                  docs/bench/engines.json
  --pg-url URL    the PostgreSQL server for --engine postgres (default: PG_TEST_ADMIN_URL or
                  postgres://postgres:postgres@127.0.0.1:5432/postgres)
  --lists-only    only the official-lists part: import of a generated 20,000-entry sdn.xml and
                  the comparison of two such versions (issue 13; runs first in every benchmark)
  --help          show this message`;

export interface BenchArgs {
  sizes: number[];
  quick: boolean;
  runs: number;
  loadSeconds: number;
  port: number;
  dataDir: string;
  out: string;
  help: boolean;
  listsOnly: boolean;
  engine: 'sqlite' | 'postgres';
  pgUrl: string;
}

function usage(problem: string): UsageError {
  return new UsageError(`${problem}\n\n${BENCH_USAGE}`);
}

function whole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw usage(`${name} must be a whole number from ${min} to ${max} (got "${value}").`);
  return n;
}

export function parseBenchArgs(argv: string[], cwd = process.cwd()): BenchArgs {
  const values = parseFlags(
    argv,
    {
      sizes: { type: 'string' },
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      'load-seconds': { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      'lists-only': { type: 'boolean', default: false },
      engine: { type: 'string' },
      'pg-url': { type: 'string' },
    },
    BENCH_USAGE,
  );
  const sizes = (values.sizes ?? '100000,1000000').split(',').map((s) => s.trim());
  const counts = sizes.map((s) => parseCount(s));
  if (sizes.length === 0 || counts.some((n) => n === null || n < 100 || n > 10_000_000)) {
    throw usage(`--sizes must list numbers of events from 100 to 10m, separated by commas (got "${values.sizes}").`);
  }
  const quick = values.quick ?? false;
  const engine = values.engine ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw usage(`--engine is sqlite or postgres (got "${engine}").`);
  const pgUrl = values['pg-url'] ?? pgAdminUrl();
  if (!/^postgres(ql)?:\/\//.test(pgUrl)) throw usage(`--pg-url must be a PostgreSQL address, postgres://user:password@host:5432/postgres (got "${pgUrl}").`);
  return {
    sizes: [...new Set(counts as number[])],
    quick,
    runs: whole('--runs', values.runs, quick ? 10 : 100, 1, 10_000),
    loadSeconds: whole('--load-seconds', values['load-seconds'], quick ? 5 : 30, 0, 600),
    port: whole('--port', values.port, 3250, 1024, 65534),
    dataDir: path.resolve(cwd, values['data-dir'] ?? 'data'),
    out: path.resolve(cwd, values.out ?? 'docs/bench/results.json'),
    help: values.help ?? false,
    listsOnly: values['lists-only'] ?? false,
    engine,
    pgUrl,
  };
}
