/**
 * npm run lighthouse [-- --runs 3 --port 3450 --out docs/bench/lighthouse.json]
 *
 * A phone's first load, as Lighthouse 12 sees it (mobile preset: a mid-range phone, simulated slow
 * 4G and a 4× slower CPU): the production build (built first if there is none) started with
 * `next start` on 127.0.0.1 on a fresh temporary database with the seed, and Debian's Chromium
 * (CHROMIUM_PATH, else /usr/bin/chromium). It audits `/` and the newest event's page, each
 * --runs times (the run with the median performance score counts), prints a table, writes the
 * figures to --out, and exits non-zero if a page misses a target (scripts/lighthouse-targets.ts).
 * Lighthouse's throttling is simulated from a trace taken on this machine: other work on its
 * cores slows the trace, so the load average is recorded before and after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { systemChromium } from './harness/chromium';
import { ensureBuild, ProductionServer, tempDirectory } from './harness/production-server';
import { missedTargets, pageFigures, LIGHTHOUSE_TARGETS, type LighthouseFigures } from './lighthouse-targets';
import { parseFlags, runScript, UsageError } from './run-script';

const USAGE = `Usage: npm run lighthouse [-- --runs N] [--port P] [--out FILE]
  --runs N    Lighthouse runs per page; the one with the median performance score counts (default 3)
  --port P    port of the app on 127.0.0.1 (default 3450)
  --out FILE  where the figures go (default docs/bench/lighthouse.json)`;

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM_FLAGS = ['--headless=new', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-sandbox'];

/** Chromium with a DevTools port of its own choosing (read from its log), in its own process group. */
async function startChromium(executable: string, profileDir: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(executable, [...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profileDir}`, 'about:blank'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port within 30 s:\n${log}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before opening its DevTools port:\n${log}`));
    });
  });
  return { port, child };
}

/** The whole process group of Chromium (its renderers and helpers too), then wait for it. */
async function stopChromium(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  await gone;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

function median<T>(runs: T[], by: (run: T) => number): T {
  return [...runs].sort((a, b) => by(a) - by(b))[Math.floor((runs.length - 1) / 2)]!;
}

async function audit(url: string, chromePort: number): Promise<LighthouseFigures> {
  const result = await lighthouse(url, { port: chromePort, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (result.lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${result.lhr.runtimeError.message}`);
  return pageFigures(result.lhr);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function table(rows: { page: string; figures: LighthouseFigures }[]): string {
  const head = ['page', 'performance', 'LCP', 'TBT', 'CLS', 'accessibility', 'JS (gzipped)', 'main thread', 'JS boot-up'];
  const body = rows.map(({ page, figures: f }) => [
    page,
    String(f.performance),
    `${(f.lcpMs / 1000).toFixed(2)} s`,
    `${Math.round(f.tbtMs)} ms`,
    f.cls.toFixed(3),
    String(f.accessibility),
    kb(f.scriptTransferBytes),
    `${(f.mainThreadMs / 1000).toFixed(1)} s`,
    `${(f.bootupMs / 1000).toFixed(1)} s`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main() {
  const args = parseFlags(process.argv.slice(2), { runs: { type: 'string', default: '3' }, port: { type: 'string', default: '3450' }, out: { type: 'string', default: 'docs/bench/lighthouse.json' } }, USAGE);
  const runs = Number(args.runs);
  const port = Number(args.port);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError(`--runs must be a whole number of at least 1.\n\n${USAGE}`);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new UsageError(`--port must be a port number from 1024 to 65535.\n\n${USAGE}`);
  const chromium = systemChromium();
  if (!chromium) throw new UsageError('No Chromium found: install Debian\'s (`apt-get install -y chromium`) or set CHROMIUM_PATH.');

  ensureBuild();
  const temp = tempDirectory('tracker-lighthouse-');
  let server: ProductionServer | null = null;
  let browser: ChildProcess | null = null;
  const stopAll = async () => {
    if (browser) await stopChromium(browser);
    if (server) await server.stop();
    temp.remove();
  };
  const onSignal = () => void stopAll().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = await ProductionServer.start({ port, databasePath: path.join(temp.dir, 'tracker.db'), env: { SEED_ON_EMPTY: 'true' } });
    const newest = (await (await fetch(`${server.baseUrl}/api/events?limit=1`)).json()) as { items: { id: number }[] };
    const eventId = newest.items[0]?.id;
    if (!eventId) throw new Error('The seeded database has no published event to audit.');
    const pages = ['/', `/events/${eventId}`];
    // Warm the server (first renders compile nothing in production, but fill its caches), as a
    // reader's page would be served after the first visitor.
    for (const p of pages) await fetch(`${server.baseUrl}${p}`);

    const chrome = await startChromium(chromium, path.join(temp.dir, 'chromium-profile'));
    browser = chrome.child;
    const loadBefore = loadAverage();
    const results: { page: string; runs: LighthouseFigures[]; median: LighthouseFigures }[] = [];
    for (const page of pages) {
      const figures: LighthouseFigures[] = [];
      for (let i = 0; i < runs; i++) {
        figures.push(await audit(`${server.baseUrl}${page}`, chrome.port));
        console.log(`${page}: run ${i + 1} of ${runs}, performance ${figures.at(-1)!.performance} (load average ${loadAverage()})`);
      }
      results.push({ page, runs: figures, median: median(figures, (f) => f.performance) });
    }
    const loadAfter = loadAverage();

    console.log(`\nLighthouse 12, mobile preset, median of ${runs} run(s) per page; load average before ${loadBefore}, after ${loadAfter}\n`);
    console.log(table(results.map((r) => ({ page: r.page === '/' ? '/' : '/events/:id', figures: r.median }))));
    const missed = results.flatMap((r) => missedTargets(r.median).map((m) => `${r.page}: ${m}`));
    console.log(
      missed.length === 0
        ? `\nEvery target met: performance ≥ ${LIGHTHOUSE_TARGETS.performance}, CLS < ${LIGHTHOUSE_TARGETS.cls}, accessibility ${LIGHTHOUSE_TARGETS.accessibility}, JavaScript < ${kb(LIGHTHOUSE_TARGETS.scriptTransferBytes)} gzipped.`
        : `\nMissed:\n${missed.map((m) => `  - ${m}`).join('\n')}`,
    );

    const out = path.resolve(ROOT, args.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const report = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      lighthouse: '12.2.3',
      preset: 'mobile (simulated throttling)',
      chromium: chromiumVersion(chromium),
      cpus: os.cpus().length,
      loadAverage: { before: loadBefore, after: loadAfter },
      targets: LIGHTHOUSE_TARGETS,
      pages: results.map((r) => ({ path: r.page === '/' ? '/' : '/events/:id', median: r.median, runs: r.runs })),
      missed,
    };
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nWritten to ${path.relative(ROOT, out)}`);
    if (missed.length > 0) process.exitCode = 1;
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function chromiumVersion(executable: string): string | null {
  try {
    return execFileSync(executable, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

runScript(main);
