/**
 * `npm run bench:load -- --db <database> [--seconds S] [--port P] [--mode both|cached|fresh]`: the
 * bench's load test alone (scripts/bench/load.ts) on a copy of <database>, against the production
 * build, to measure a change to the server's throughput or saves, or to profile it:
 * PROBE_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof' makes the server write a CPU profile when
 * it stops. Loopback only, bounded in time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ensureBuild } from '../harness/production-server';
import { parseFlags, runScript, UsageError } from '../run-script';
import { openForBench } from './in-process';
import { EDITOR, runLoad, signIn } from './load';
import { startApp } from './processes';

const USAGE = `Usage: npm run bench:load -- --db FILE [--seconds 15] [--port 3260] [--mode both|cached|fresh]

The benchmark's load test alone: 50 connections read GET /api/events (with the cache, then with
Cache-Control: no-cache) while an editor saves 10 events a second over connections opened
beforehand. Works on a copy of FILE (e.g. data/synth-100000.db from npm run db:synth).`;

const ROOT = path.resolve(import.meta.dirname, '../..');

function whole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max} (got "${value}").\n\n${USAGE}`);
  return n;
}

async function main() {
  const flags = parseFlags(
    process.argv.slice(2),
    { db: { type: 'string' }, seconds: { type: 'string' }, port: { type: 'string' }, mode: { type: 'string' } },
    USAGE,
  );
  if (!flags.db) throw new UsageError(`--db is required.\n\n${USAGE}`);
  const source = path.resolve(flags.db);
  if (!fs.existsSync(source)) throw new UsageError(`No database at ${source}. Make one with npm run db:synth -- --events 100k.`);
  const seconds = whole('--seconds', flags.seconds, 15, 1, 600);
  const port = whole('--port', flags.port, 3260, 1024, 65534);
  const mode = flags.mode ?? 'both';
  if (!['both', 'cached', 'fresh'].includes(mode)) throw new UsageError(`--mode must be both, cached or fresh (got "${mode}").\n\n${USAGE}`);

  ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-probe-'));
  const copy = path.join(dir, 'probe.db');
  try {
    fs.copyFileSync(source, copy);
    const created = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-create.ts', '--email', EDITOR.email, '--role', EDITOR.role, '--name', 'Benchmark editor'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: copy, USER_PASSWORD: EDITOR.password },
      stdio: 'inherit',
    });
    if (created.status !== 0) throw new Error('creating the benchmark editor failed (see above)');
    const app = await startApp(ROOT, port, copy, (process.env.PROBE_NODE_FLAGS ?? '').split(' ').filter(Boolean));
    try {
      console.log(`started: /api/health after ${Math.round(app.startup.healthMs)} ms; integrity check ${app.startup.integrity.state}`);
      // The facet index builds in the background after start; the measurement is of the index.
      for (let i = 0; i < 1200; i++) {
        const health = (await (await fetch(`${app.url}/api/health`)).json()) as { facetIndex?: { state?: string } };
        if (health.facetIndex?.state === 'ready' || health.facetIndex?.state === 'off') break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const cookie = await signIn(app.url);
      for (const fresh of mode === 'both' ? [false, true] : [mode === 'fresh']) {
        // The load generator's own event loop: a busy one would delay what it measures.
        const lag = monitorEventLoopDelay({ resolution: 10 });
        lag.enable();
        const r = await runLoad(app.url, cookie, seconds, () => openForBench(copy), fresh);
        lag.disable();
        console.log(
          `${fresh ? 'no cache' : 'cached  '}: ${Math.round(r.requestsPerSecond)} req/s, p50 ${r.latency.p50} / p99 ${r.latency.p99} ms, ` +
            `errors ${r.errors + r.timeouts + r.non2xx}; saves ${r.writes.acknowledged}/${r.writes.attempted} acknowledged, ` +
            `${r.writes.lost} lost, ${r.writes.failed} failed, p50 ${Math.round(r.writes.latencyP50)} / p99 ${Math.round(r.writes.latencyP99)} ms; ` +
            `load generator's loop lag p99 ${Math.round(lag.percentile(99) / 1e6)} ms`,
        );
        console.log(`  each save in order, ms: ${r.writes.inOrder.map((x) => Math.round(x)).join(' ')}`);
      }
    } finally {
      await app.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runScript(main);
