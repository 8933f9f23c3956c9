/**
 * npm run bench [-- --sizes 100000,1000000 --quick ...]: the performance benchmark of issue 6
 * (docs/performance.md). For each size: a copy of the synthetic database (built if missing), an
 * editor account made with the user:create script, then
 *   1. the SQL of GET /api/events replayed in-process, and the page's facet counts and chart;
 *   2. the same SQL behind a bare node:http server;
 *   3. the export's SELECT through sqlite3 -csv;
 *   4. the app's production server (built if there is no build): the API, the timeline page, the
 *      CSV export with its memory, and a load test with writes;
 *   5. the relations board for the counterpart with most subjects, and GET /api/relations (issue 12).
 * Prints a table per size and writes docs/bench/results.json. Everything listens on 127.0.0.1, and
 * every process and copy it makes is removed at the end.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_USAGE, parseBenchArgs, type BenchArgs } from './bench/args';
import { analystViews, pickCombinations } from './bench/combinations';
import { exportSqlForCli, exportThroughApp, exportThroughCli, sqliteCliVersion } from './bench/export';
import { repeatGet } from './bench/http';
import { benchEngines } from './bench/engines';
import { buildBenchIndex, measureInProcess, openForBench } from './bench/in-process';
import { EDITOR, runLoad, signIn } from './bench/load';
import { benchLists, formatLists } from './bench/lists';
import { measureAfterWrite, measurePage, measureTtfb } from './bench/page';
import { measureRelations } from './bench/relations';

import { startApp, startBaseline, treeRss, type Started } from './bench/processes';
import { checkTargets, formatSize, type CombinationResult, type SizeResult } from './bench/report';
import { runScript, UsageError } from './run-script';

const ROOT = process.cwd();
/** Combinations (bench/combinations.ts) whose timeline page is also timed: the costliest facets. */
const HEAVY_VIEWS = ['country-target', 'text-word', 'combined'];

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

const tsx = (script: string, args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], env);

function ensureBuild(): void {
  if (fs.existsSync(path.join(ROOT, '.next/BUILD_ID'))) return;
  console.log('No production build: running next build...');
  run(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], { NEXT_TELEMETRY_DISABLED: '1' });
}

function ensureDatabase(args: BenchArgs, events: number): string {
  const file = path.join(args.dataDir, `synth-${events}.db`);
  if (!fs.existsSync(file)) {
    console.log(`No ${file}: building it (npm run db:synth)...`);
    tsx('scripts/db-synth.ts', ['--events', String(events), '--out', file]);
  }
  return file;
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function benchSize(args: BenchArgs, events: number): Promise<SizeResult> {
  const source = ensureDatabase(args, events);
  // The copies the servers write to sit beside the synthetic databases (data/, not committed).
  const workDir = path.join(args.dataDir, 'bench');
  fs.mkdirSync(workDir, { recursive: true });
  const copy = path.join(workDir, `bench-${events}.db`);
  removeDatabase(copy);
  log(`copying ${path.relative(ROOT, source)} (the servers and the load test write to the copy)`);
  fs.copyFileSync(source, copy);
  const servers: Started[] = [];
  try {
    tsx('scripts/user-create.ts', ['--email', EDITOR.email, '--role', EDITOR.role, '--name', 'Benchmark editor'], {
      DATABASE_PATH: copy,
      USER_PASSWORD: EDITOR.password,
    });

    const sqlite = openForBench(copy);
    const combinations = pickCombinations(sqlite);
    const analyst = analystViews(sqlite);
    log(`in-process: ${combinations.length} combinations, the route's SQL, facets and chart`);
    const indexStarted = performance.now();
    const index = buildBenchIndex(sqlite);
    log(`facet index built in ${Math.round(performance.now() - indexStarted)} ms (${index.live} events)`);
    const inProcess = combinations.map((c) => measureInProcess(sqlite, c, args.runs, index));
    const cliSql = exportSqlForCli(sqlite);
    log('relations board and as-of answer, in-process');
    const relationsInProcess = measureRelations(sqlite, args.runs);
    sqlite.close();

    log('node:http baseline server');
    const baseline = await startBaseline(ROOT, args.port + 1, copy);
    servers.push(baseline);
    const baselineHttp = [];
    for (const c of combinations) baselineHttp.push(await repeatGet(`${baseline.url}/?c=${c.key}`, args.runs));
    await baseline.stop();

    const sqlite3Version = sqliteCliVersion();
    let sqlite3 = null;
    if (sqlite3Version) {
      log(`sqlite3 ${sqlite3Version} -csv: the export's SELECT`);
      sqlite3 = await exportThroughCli(copy, cliSql);
    } else {
      log('sqlite3 is not installed: no export baseline (apt-get install sqlite3)');
    }

    log('starting the app (next start): time to its first answers, then its background integrity check');
    const app = await startApp(ROOT, args.port, copy);
    log(
      `answered /api/health ${(app.startup.healthMs / 1000).toFixed(2)} s and / ${(app.startup.firstPageMs / 1000).toFixed(2)} s after start; ` +
        `integrity check ${app.startup.integrity.state} after ${((app.startup.integrity.durationMs ?? 0) / 1000).toFixed(1)} s`,
    );
    servers.push(app);
    const pid = app.child.pid!;
    const serverRssIdleBytes = treeRss(pid);

    log('API: every request computed (Cache-Control: no-cache), then as readers get it (cached until the next write)');
    const results: CombinationResult[] = [];
    for (let i = 0; i < combinations.length; i++) {
      const c = combinations[i]!;
      const url = `${app.url}/api/events${c.query ? `?${c.query}` : ''}`;
      const { body, ...api } = await repeatGet(url, args.runs, 5, { 'Cache-Control': 'no-cache' });
      const { body: _cachedBody, ...apiCached } = await repeatGet(url, args.runs, 1);
      const { body: _body, ...http } = baselineHttp[i]!;
      results.push({
        combination: c,
        total: (JSON.parse(body.toString('utf8')) as { total?: number }).total ?? null,
        api,
        apiCached,
        baselineHttp: http,
        inProcess: inProcess[i]!,
      });
    }

    let relationsApi = null;
    if (relationsInProcess) {
      log('GET /api/relations as of a date');
      // Every request computed, as for GET /api/events: the figure the target applies to.
      const { body: _relationsBody, ...timing } = await repeatGet(`${app.url}/api/relations?with=${relationsInProcess.counterpart}&as_of=2020-06-15`, args.runs, 5, {
        'Cache-Control': 'no-cache',
      });
      relationsApi = timing;
    }

    const cookie = await signIn(app.url);
    log('the views of an analyst exploring (issue 15): GET /api/events, every request computed');
    const analystApi = [];
    for (const v of analyst) {
      const headers = { 'Cache-Control': 'no-cache', ...(v.staff ? { cookie } : {}) };
      const { body: _analystBody, ...api } = await repeatGet(`${app.url}/api/events?${v.query}`, args.quick ? 10 : 20, 3, headers);
      analystApi.push({ key: v.key, label: v.label, query: v.query, api });
    }

    log('timeline page');
    const page = await measurePage(app.url, '/', Math.max(5, Math.ceil(args.runs / 5)));
    // Every view's page, cold (computed) and cached: what a reader waits for (issue 15).
    const viewPages = [];
    const pageRuns = args.quick ? 2 : 10;
    for (const c of [...combinations.map((c) => ({ ...c, staff: false })), ...analyst]) {
      const path = `/?${c.query}`;
      const { ttfb, total, ttfbCached } = await measureTtfb(app.url, path, pageRuns, c.staff ? { cookie } : {});
      viewPages.push({ key: c.key, label: c.label, path, ttfb, total, ttfbCached });
    }
    log('the next reader of a view after each save (cache on)');
    const afterWrite = await measureAfterWrite(
      app.url,
      cookie,
      combinations.filter((c) => HEAVY_VIEWS.includes(c.key)).map((c) => `/?${c.query}`),
      args.quick ? 2 : 10,
    );
    const serverRssWarmBytes = treeRss(pid);

    log('CSV export through the app');
    const appExport = await exportThroughApp(app.url, pid);

    let load = null;
    let loadFresh = null;
    if (args.loadSeconds > 0) {
      log(`load: ${args.loadSeconds} s, 50 connections, 10 writes/s; readers as they come (the cache serves repeats until the next write)`);
      load = await runLoad(app.url, cookie, args.loadSeconds, () => openForBench(copy));
      log(`load again, every read computed (Cache-Control: no-cache)`);
      loadFresh = await runLoad(app.url, cookie, args.loadSeconds, () => openForBench(copy), true);
    }
    await app.stop();
    return {
      events,
      databaseBytes: fs.statSync(source).size,
      startupMs: app.startup.healthMs,
      startup: app.startup,
      serverRssIdleBytes,
      serverRssWarmBytes,
      combinations: results,
      analystApi,
      afterWrite,
      export: { app: appExport, sqlite3, sqlite3Version },
      page,
      viewPages,
      load,
      loadFresh,
      relations: relationsInProcess ? { ...relationsInProcess, api: relationsApi } : null,
    };
  } finally {
    for (const s of servers) await s.stop();
    removeDatabase(copy);
  }
}

runScript(async () => {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    console.log(BENCH_USAGE);
    return;
  }
  if (os.platform() !== 'linux') throw new UsageError('The benchmark reads server memory from /proc: it runs on Linux.');
  if (args.engine === 'postgres') {
    await benchEngines(args, (events) => ensureDatabase(args, events), log);
    return;
  }
  const loadBefore = os.loadavg();
  log('official lists: a generated 20,000-entry sdn.xml, imported twice, and the comparison of the two versions');
  const lists = await benchLists(ROOT);
  console.log(formatLists(lists));
  if (args.listsOnly) return;
  ensureBuild();
  const sizes: SizeResult[] = [];
  const reports: string[] = [];
  for (const events of [...args.sizes].sort((a, b) => a - b)) {
    log(`--- ${events.toLocaleString('en')} events ---`);
    const size = await benchSize(args, events);
    sizes.push(size);
    const report = formatSize(size, checkTargets(size, sizes[0] ?? null), args.runs);
    reports.push(report);
    console.log(report);
  }
  const results = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGB: Math.round(os.totalmem() / 1e9),
      node: process.version,
      loadAverage: { before: loadBefore, after: os.loadavg() },
    },
    options: { runs: args.runs, quick: args.quick, loadSeconds: args.loadSeconds },
    sizes: sizes.map((s) => ({ ...s, targets: checkTargets(s, sizes[0] ?? null) })),
    lists,
  };
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nLoad average before ${loadBefore.map((n) => n.toFixed(2)).join(' ')}, after ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}.`);
  console.log(`Wrote ${path.relative(ROOT, args.out)}.`);
  // Done: every server has exited and every copy is gone. Nothing left may keep CI waiting, as
  // something once did after everything was written.
  process.exit();
});
