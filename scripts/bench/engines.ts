/**
 * `npm run bench -- --engine postgres`: SQLite and PostgreSQL side by side (issue 16). The app does
 * not serve from PostgreSQL yet (decision 0043), so this compares the data layer in-process, on
 * the same synthetic database copied into PostgreSQL with db:copy:
 *  - the API's page (first page and total) and the whole timeline view (page, total, every facet,
 *    the chart), each cold;
 *  - on SQLite through the facet index as the app answers, and through the plain SQL that answers
 *    while the index builds; on PostgreSQL through its twins (db/pg/events.ts, facets.ts,
 *    density.ts), plain SQL;
 *  - against issue 15's targets for the server's time: the API's page p95 <= 30 ms, a cold view's
 *    whole page p95 <= 150 ms. These are the in-process floors under those server times.
 * The PostgreSQL copy is kept (database tracker_bench_<N>) and reused while it holds the same
 * number of events; --pg-url names the server (default: the test server, PG_TEST_ADMIN_URL).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { copyDatabase } from '@/db/copy/copy';
import { attachFacetIndex } from '@/db/derived/facet-index';
import { withStatementCache } from '@/db/engine/statement-cache';
import { connectPostgres, redact, type PgConnection } from '@/db/pg/connect';
import { pgDensityChart } from '@/db/pg/density';
import { pgCountTimeline, pgListTimeline } from '@/db/pg/events';
import { pgTimelineFacets } from '@/db/pg/facets';
import { densityChart } from '@/db/queries/density';
import { timelineFacets } from '@/db/queries/facets';
import { resolveFilters } from '@/db/queries/filter-lookups';
import { countTimeline, decodeTimelineCursor, listTimeline, loadEventsPage } from '@/db/queries/timeline';
import { loadTimelineView } from '@/db/queries/timeline-view';
import { parseFilters, type TimelineFilters } from '@/lib/filters';
import { withDatabase } from '@/testing/postgres';
import type { BenchArgs } from './args';
import { pickCombinations, type Combination } from './combinations';
import { buildBenchIndex, openForBench } from './in-process';
import { TARGETS } from './report';
import { summarise, timeSync, type Summary } from './stats';

const PUBLIC = { includeDrafts: false } as const;

export interface EngineRow {
  key: string;
  label: string;
  page: { sqliteIndex: Summary; sqliteSql: Summary; postgres: Summary };
  view: { sqliteIndex: Summary; sqliteSql: Summary; postgres: Summary };
}

export interface EngineSize {
  events: number;
  runs: number;
  postgres: string;
  copySeconds: number | null;
  rows: EngineRow[];
}

async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

/** The PostgreSQL copy of a synthetic database: kept between runs while it holds the same events. */
async function ensurePgCopy(adminUrl: string, file: string, events: number, sqliteEvents: number, log: (m: string) => void): Promise<{ url: string; copySeconds: number | null }> {
  const name = `tracker_bench_${events}`;
  const url = withDatabase(adminUrl, name);
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (exists) {
      const probe = new pg.Client({ connectionString: url });
      await probe.connect();
      const held = await probe
        .query<{ n: string }>('SELECT count(*) AS n FROM events')
        .then((r) => Number(r.rows[0]!.n))
        .catch(() => -1);
      await probe.end();
      if (held === sqliteEvents) {
        log(`reusing ${redact(url)} (${held} events)`);
        return { url, copySeconds: null };
      }
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  log(`copying ${path.basename(file)} into ${redact(url)} (npm run db:copy; about 2.5 minutes per 100,000 events)`);
  const report = await copyDatabase(file, url, { progress: (m) => log(`  ${m}`) });
  return { url, copySeconds: report.ms / 1000 };
}

function filtersFor(sqlite: Database.Database, combination: Combination) {
  const params = new URLSearchParams(combination.query);
  const cursor = params.get('cursor');
  params.delete('cursor');
  const db = drizzle(sqlite, { schema });
  const { filters } = resolveFilters(db, parseFilters(params), PUBLIC);
  return { filters, position: cursor ? decodeTimelineCursor(cursor, filters.sort) : null };
}

async function measure(sqlite: Database.Database, pgc: PgConnection, combination: Combination, runs: number, index: ReturnType<typeof buildBenchIndex>): Promise<EngineRow> {
  const { filters, position } = filtersFor(sqlite, combination);
  const viaIndex = drizzle(withStatementCache(sqlite), { schema });
  attachFacetIndex(viaIndex, index);
  // No facet index attached: the plain SQL, as while the index builds.
  const viaSql = drizzle(withStatementCache(sqlite), { schema });
  const cold = (fn: () => unknown) => () => {
    index.state++;
    return fn();
  };
  const options = { ...PUBLIC, position, limit: 50 };
  const sqlPage = (f: TimelineFilters) => ({ page: listTimeline(viaSql, f, options), total: countTimeline(viaSql, f, PUBLIC) });
  const pgPage = async (f: TimelineFilters) => {
    const [page, total] = await Promise.all([pgListTimeline(pgc.db, f, options), pgCountTimeline(pgc.db, f, PUBLIC)]);
    return { page, total };
  };
  return {
    key: combination.key,
    label: combination.label,
    page: {
      sqliteIndex: summarise(timeSync(cold(() => loadEventsPage(viaIndex, filters, options)), runs)),
      sqliteSql: summarise(timeSync(() => sqlPage(filters), runs)),
      postgres: summarise(await timeAsync(() => pgPage(filters), runs)),
    },
    view: {
      sqliteIndex: summarise(timeSync(cold(() => loadTimelineView(viaIndex, filters, { ...options, withFacets: true })), runs)),
      sqliteSql: summarise(
        timeSync(() => [sqlPage(filters), timelineFacets(viaSql, filters, PUBLIC), densityChart(viaSql, filters, PUBLIC)], runs),
      ),
      postgres: summarise(
        await timeAsync(() => Promise.all([pgPage(filters), pgTimelineFacets(pgc.db, filters, PUBLIC), pgDensityChart(pgc.db, filters, PUBLIC)]), runs),
      ),
    },
  };
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

export function formatEngines(size: EngineSize): string {
  const lines = [
    `\n${size.events.toLocaleString('en')} events, p95 in ms over ${size.runs} runs (in-process; PostgreSQL at ${size.postgres}${
      size.copySeconds === null ? '' : `, copied in ${size.copySeconds.toFixed(0)} s`
    })`,
    `${'combination'.padEnd(26)} | API page: SQLite index  SQLite SQL  PostgreSQL | whole view: SQLite index  SQLite SQL  PostgreSQL`,
  ];
  for (const r of size.rows) {
    lines.push(
      `${r.key.padEnd(26)} | ${ms(r.page.sqliteIndex.p95).padStart(22)} ${ms(r.page.sqliteSql.p95).padStart(11)} ${ms(r.page.postgres.p95).padStart(11)} | ${ms(
        r.view.sqliteIndex.p95,
      ).padStart(24)} ${ms(r.view.sqliteSql.p95).padStart(11)} ${ms(r.view.postgres.p95).padStart(11)}`,
    );
  }
  const worst = (pick: (r: EngineRow) => number) => size.rows.reduce((w, r) => (pick(r) > pick(w) ? r : w));
  const checks: [string, number, (r: EngineRow) => Summary][] = [
    ['API page p95', TARGETS.apiServerP95Ms, (r) => r.page.postgres],
    ['whole view p95', TARGETS.coldPageP95Ms, (r) => r.view.postgres],
  ];
  for (const [what, target, pick] of checks) {
    const w = worst((r) => pick(r).p95);
    const misses = size.rows.filter((r) => pick(r).p95 > target);
    lines.push(
      misses.length === 0
        ? `PostgreSQL ${what} <= ${target} ms: met (worst ${ms(pick(w).p95)} ms, ${w.key})`
        : `PostgreSQL ${what} <= ${target} ms: MISSED by ${misses.length} of ${size.rows.length} (worst ${ms(pick(w).p95)} ms, ${w.key}, ${(pick(w).p95 / target).toFixed(1)}x the target)`,
    );
  }
  return lines.join('\n');
}

/** Runs the comparison for every size; returns what it printed, and writes docs/bench/engines.json. */
export async function benchEngines(args: BenchArgs, ensureDatabase: (events: number) => string, log: (m: string) => void): Promise<EngineSize[]> {
  const sizes: EngineSize[] = [];
  const runs = Math.min(args.runs, args.quick ? 5 : 30);
  for (const events of [...args.sizes].sort((a, b) => a - b)) {
    log(`--- ${events.toLocaleString('en')} events: SQLite and PostgreSQL ---`);
    const file = ensureDatabase(events);
    const sqlite = openForBench(file);
    const sqliteEvents = (sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const { url, copySeconds } = await ensurePgCopy(args.pgUrl, file, events, sqliteEvents, log);
    // A view runs its page, total, seven facets and chart at once: a connection each, none waiting.
    const pgc = await connectPostgres(url, { max: 16 });
    try {
      const index = buildBenchIndex(sqlite);
      const combinations = pickCombinations(sqlite);
      log(`${combinations.length} combinations, ${runs} runs each, on both engines`);
      const rows: EngineRow[] = [];
      for (const c of combinations) rows.push(await measure(sqlite, pgc, c, runs, index));
      const size: EngineSize = { events, runs, postgres: pgc.label, copySeconds, rows };
      sizes.push(size);
      console.log(formatEngines(size));
    } finally {
      sqlite.close();
      await pgc.close();
    }
  }
  const out = path.join(path.dirname(args.out), 'engines.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // Sizes measured before and not now are kept: the 1M run takes half an hour on its own.
  const before = fs.existsSync(out) ? ((JSON.parse(fs.readFileSync(out, 'utf8')) as { sizes?: (EngineSize & { measuredAt?: string })[] }).sizes ?? []) : [];
  const now = new Date().toISOString();
  const merged = [...before.filter((b) => !sizes.some((s) => s.events === b.events)), ...sizes.map((s) => ({ ...s, measuredAt: now }))].sort((a, b) => a.events - b.events);
  fs.writeFileSync(out, `${JSON.stringify({ generatedAt: now, machine: { cpus: os.cpus().length, node: process.version }, sizes: merged }, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), out)}`);
  return sizes;
}
