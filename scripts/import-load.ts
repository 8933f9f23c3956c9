/**
 * npm run bench:import [-- --rows 5000 --port 3200 --skip-server]
 *
 * How long a large CSV import takes and whether the server keeps answering during it (issue 10,
 * item 9: a 5,000-row commit blocked every request for 10-15 s).
 *
 * 1. In-process, on a seeded database file (WAL, synchronous=FULL, as the app runs it): the time
 *    to read the file, the dry run, and the commit.
 * 2. Against the production build (`next build` first if there is none) on 127.0.0.1 with a
 *    temporary database: the dry run and the commit through POST /api/import as an editor, while
 *    a second client asks GET /api/health back to back; prints the health answers' latencies
 *    during the commit.
 * Prints its figures; asserts nothing (the target, 5,000 rows under 2 s, is read off the output).
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { applyImport, planImport } from '@/db/import/import';
import { bootstrapDatabase } from '@/db/engine/bootstrap';
import { readCsvUpload } from '@/lib/csv/import';
import { createAccount, signIn, type Account } from './harness/staff-client';
import { ensureBuild, ProductionServer, sleep, tempDirectory } from './harness/production-server';
import { designationList } from './bench/designation-list';
import { percentile } from './bench/stats';
import { runScript } from './run-script';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '5000' },
    port: { type: 'string', default: '3200' },
    'skip-server': { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const PORT = Number(args.port);
const EDITOR: Account = { email: 'import-load@example.org', password: 'import load test password', role: 'editor' };

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}


/** Wall-clock and CPU milliseconds of `fn` (CPU time is what a busy, shared machine distorts least). */
function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, wall: ms(start), cpu: (used.user + used.system) / 1000 };
}

function inProcess(dir: string): void {
  const conn = bootstrapDatabase({ path: path.join(dir, 'in-process.db'), seedOnEmpty: true, log: () => {} });
  const bytes = new TextEncoder().encode(designationList(ROWS, 'inproc'));
  const read = timed(() => readCsvUpload(bytes));
  if (!read.value.ok) throw new Error(read.value.error);
  const rows = read.value.rows;
  const plan = timed(() => planImport(conn.db, rows, 'load.csv'));
  if (plan.value.counts.error > 0) throw new Error(`The generated file has problems: ${JSON.stringify(plan.value.rows.find((r) => r.errors.length)?.errors)}`);
  const commit = timed(() => applyImport(conn.db, rows, 'load.csv', plan.value.digest, { userId: null, label: 'import-load script' }));
  conn.sqlite.close();
  const line = (label: string, t: { wall: number; cpu: number }, extra = '') =>
    console.log(`  ${label.padEnd(14)} ${t.wall.toFixed(0).padStart(6)} ms (CPU ${t.cpu.toFixed(0)} ms)${extra}`);
  console.log(`In-process, ${ROWS} rows (${(bytes.byteLength / 1024 / 1024).toFixed(2)} MB), load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs:`);
  line('read the file', read);
  line('dry run', plan);
  line('commit', commit, `  (${commit.value.created.length} events, ${commit.value.actorsCreated.length} new actors)`);
}

async function againstServer(dir: string): Promise<void> {
  ensureBuild();
  const databasePath = path.join(dir, 'server.db');
  const server = await ProductionServer.start({ port: PORT, databasePath, env: { SEED_ON_EMPTY: 'true' } });
  try {
    createAccount(databasePath, EDITOR);
    const cookie = await signIn(server.baseUrl, EDITOR);
    const file = new File([designationList(ROWS, 'server')], 'load.csv', { type: 'text/csv' });
    const post = async (mode: string, digest?: string) => {
      const form = new FormData();
      form.set('file', file);
      form.set('mode', mode);
      if (digest) form.set('digest', digest);
      const started = process.hrtime.bigint();
      const res = await fetch(`${server.baseUrl}/api/import`, {
        method: 'POST',
        headers: { origin: server.baseUrl, 'sec-fetch-site': 'same-origin', cookie },
        body: form,
      });
      const body = (await res.json()) as { plan?: { digest: string; counts: Record<string, number> }; error?: string };
      return { status: res.status, body, ms: ms(started), endedAt: process.hrtime.bigint() };
    };

    // Health answers back to back for the whole run; each records when it was sent and how long it took.
    const health: { sentAt: bigint; ms: number }[] = [];
    let failures = 0;
    let running = true;
    const poller = (async () => {
      while (running) {
        const sentAt = process.hrtime.bigint();
        try {
          const res = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(60_000) });
          await res.arrayBuffer();
          if (!res.ok) failures++;
        } catch {
          failures++;
        }
        health.push({ sentAt, ms: ms(sentAt) });
        await sleep(50);
      }
    })();
    await sleep(300);

    const commitStarted = { at: 0n };
    const outcome = await (async () => {
      const check = await post('check');
      if (check.status !== 200 || !check.body.plan) throw new Error(`Dry run answered ${check.status}: ${check.body.error}`);
      commitStarted.at = process.hrtime.bigint();
      const commit = await post('commit', check.body.plan.digest);
      if (commit.status !== 200) throw new Error(`Commit answered ${commit.status}: ${commit.body.error}`);
      return { check, commit };
    })().finally(async () => {
      await sleep(300);
      running = false;
      await poller;
    });
    const { check, commit } = outcome;

    const during = health.filter((h) => h.sentAt >= commitStarted.at && h.sentAt <= commit.endedAt).map((h) => h.ms);
    const overlapping = health.filter((h) => h.sentAt < commit.endedAt && h.sentAt + BigInt(Math.round(h.ms * 1e6)) > commitStarted.at).map((h) => h.ms);
    const sortedOverlap = [...overlapping].sort((a, b) => a - b);
    console.log(`Production server on 127.0.0.1:${PORT}, ${ROWS} rows through POST /api/import:`);
    console.log(`  dry run        ${check.ms.toFixed(0).padStart(6)} ms`);
    console.log(`  commit         ${commit.ms.toFixed(0).padStart(6)} ms`);
    console.log(
      `  /api/health during the commit: ${overlapping.length} answers, median ${percentile(sortedOverlap, 50).toFixed(0)} ms, ` +
        `p95 ${percentile(sortedOverlap, 95).toFixed(0)} ms, max ${Math.max(...overlapping).toFixed(0)} ms (${during.length} sent while it ran; ${failures} failed)`,
    );
  } catch (err) {
    console.error(`The server's last output:\n${server.output().slice(-2000)}`);
    throw err;
  } finally {
    await server.stop();
  }
}

runScript(async () => {
  const tmp = tempDirectory('tracker-import-load-');
  try {
    inProcess(tmp.dir);
    if (!args['skip-server']) await againstServer(tmp.dir);
  } finally {
    tmp.remove();
  }
});
