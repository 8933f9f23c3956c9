/**
 * npx tsx scripts/bench/load-probe.ts <database> [--seconds S] [--port P] [--fresh-only|--cached-only]:
 * the bench's load test alone (scripts/bench/load.ts), on a copy of <database>, against the production
 * build: to measure a change to the server's throughput or to profile it (PROBE_NODE_FLAGS='--cpu-prof
 * --cpu-prof-dir=/tmp/prof' makes the server write a profile when it stops).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { EDITOR, runLoad, signIn } from './load';
import { openForBench } from './in-process';
import { startApp } from './processes';

const argv = process.argv.slice(2);
const file = argv.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const flag = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
if (!file) throw new Error('usage: load-probe.ts <database> [--seconds S] [--port P] [--fresh-only|--cached-only]');
const seconds = flag('--seconds', 15);
const port = flag('--port', 3260);
const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-probe-'));
const copy = path.join(dir, 'probe.db');
fs.copyFileSync(file, copy);
const created = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-create.ts', '--email', EDITOR.email, '--role', EDITOR.role, '--name', 'Benchmark editor'], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_PATH: copy, USER_PASSWORD: EDITOR.password },
  stdio: 'inherit',
});
if (created.status !== 0) throw new Error('user-create failed');
const app = await startApp(ROOT, port, copy, (process.env.PROBE_NODE_FLAGS ?? '').split(' ').filter(Boolean));
try {
  console.log(`started: health ${Math.round(app.startup.healthMs)} ms, integrity ${app.startup.integrity.state}`);
  // The facet index builds in the background after start; wait until it answers.
  for (let i = 0; i < 600; i++) {
    const health = (await (await fetch(`${app.url}/api/health`)).json()) as { facetIndex?: { state?: string } };
    if (health.facetIndex?.state === 'ready' || health.facetIndex?.state === 'off') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const cookie = await signIn(app.url);
  const modes = argv.includes('--fresh-only') ? [true] : argv.includes('--cached-only') ? [false] : [false, true];
  for (const fresh of modes) {
    const { monitorEventLoopDelay } = await import('node:perf_hooks');
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const r = await runLoad(app.url, cookie, seconds, () => openForBench(copy), fresh);
    console.log(
      `${fresh ? 'no cache' : 'cached  '}: ${Math.round(r.requestsPerSecond)} req/s, p50 ${r.latency.p50} p99 ${r.latency.p99} ms, errors ${r.errors + r.timeouts + r.non2xx}; ` +
        `client loop lag p99 ${Math.round(lag.percentile(99) / 1e6)} max ${Math.round(lag.max / 1e6)} ms; ` +
        `writes ${r.writes.acknowledged}/${r.writes.attempted}, lost ${r.writes.lost}, failed ${r.writes.failed}, save p50 ${Math.round(r.writes.latencyP50)} p99 ${Math.round(r.writes.latencyP99)} ms`,
    );
    console.log(
      `saves in order (ms): ${r.writes.inOrder.map((x) => Math.round(x)).join(' ')}`,
    );
  }
} finally {
  await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
