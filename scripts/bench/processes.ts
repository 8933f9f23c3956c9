/**
 * Starting and stopping what the benchmark runs: the app's production server and the baseline
 * server, each on 127.0.0.1, and reading a process tree's memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serverArgs } from '../harness/production-server';

export interface Started {
  child: ChildProcess;
  url: string;
  output: string[];
  stop: () => Promise<void>;
}

function keepOutput(child: ChildProcess, output: string[]) {
  const push = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 2000) output.splice(0, output.length - 2000);
  };
  child.stdout?.on('data', push);
  child.stderr?.on('data', push);
}

/** Ends a process and its children (it was started in its own process group). */
function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      // 'close' comes after 'exit', once the output pipes are drained and shut too: nothing of the
      // server is left holding this process open.
      child.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        clearTimeout(timer);
        resolve();
      }
    });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `url` every `pollMs` until it answers 200, the process exits, or `timeoutMs` passes; the time it took. */
export async function waitFor(url: string, child: ChildProcess, timeoutMs: number, pollMs = 250): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}) before answering ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) {
        await response.arrayBuffer();
        return performance.now() - started;
      }
    } catch {
      // not listening yet
    }
    await sleep(pollMs);
  }
  throw new Error(`no answer from ${url} after ${Math.round(timeoutMs / 1000)} s`);
}

/** The server's start-up, as a person waiting for it sees it (decision 0037). */
export interface Startup {
  /** From spawning `next start` to the first 200 from /api/health. */
  healthMs: number;
  /** From spawning to the first 200 from the timeline page `/`, asked right after. */
  firstPageMs: number;
  /** The full check of the file the server runs in the background, as /api/health reported it. */
  integrity: { state: string; durationMs: number | null; message: string | null };
  /** The facet index the views are answered from once built (decision 0039), as /api/health reported it. */
  facetIndex?: { state: string; buildMs: number | null };
}

interface HealthBody {
  integrity?: { state: string; durationMs?: number; message?: string };
  facetIndex?: { state: string; buildMs?: number };
}

/** Polls /api/health until `settled` returns an answer: what the server is doing in the background. */
async function pollHealth<T>(url: string, child: ChildProcess, timeoutMs: number, what: string, settled: (body: HealthBody) => T | null): Promise<T> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}) while waiting for ${what}`);
    const answer = settled((await (await fetch(`${url}/api/health`)).json()) as HealthBody);
    if (answer !== null) return answer;
    await sleep(500);
  }
  throw new Error(`no outcome of ${what} after ${Math.round(timeoutMs / 1000)} s`);
}

/** Waits for the background integrity check's outcome. */
const waitForIntegrity = (url: string, child: ChildProcess, timeoutMs: number): Promise<Startup['integrity']> =>
  pollHealth(url, child, timeoutMs, 'the integrity check', ({ integrity }) =>
    integrity && integrity.state !== 'pending' ? { state: integrity.state, durationMs: integrity.durationMs ?? null, message: integrity.message ?? null } : null,
  );

/** Waits until the facet index is no longer building, so that views are measured through it. */
const waitForFacetIndex = (url: string, child: ChildProcess, timeoutMs: number): Promise<NonNullable<Startup['facetIndex']>> =>
  pollHealth(url, child, timeoutMs, 'the facet index', ({ facetIndex }) =>
    !facetIndex || facetIndex.state !== 'building' ? { state: facetIndex?.state ?? 'absent', buildMs: facetIndex?.buildMs ?? null } : null,
  );

/**
 * `next start` on a database file, timed: the first answer from /api/health, then from `/`; then
 * waits for the background integrity check (which reads the whole file) to finish, so that it
 * does not share the machine with the measurements that follow.
 */
export async function startApp(root: string, port: number, databasePath: string, nodeFlags: string[] = []): Promise<Started & { startup: Startup }> {
  const output: string[] = [];
  const spawned = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, ...serverArgs(port)], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_PATH: databasePath,
      SEED_ON_EMPTY: 'false',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      // The benchmark reads the handler's own time; readers never get it (lib/env.ts).
      SERVER_TIMING: '1',
    },
  });
  keepOutput(child, output);
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitFor(`${url}/api/health`, child, 15 * 60_000, 20);
    const healthMs = performance.now() - spawned;
    await waitFor(`${url}/`, child, 5 * 60_000, 20);
    const firstPageMs = performance.now() - spawned;
    const integrity = await waitForIntegrity(url, child, 30 * 60_000);
    const facetIndex = await waitForFacetIndex(url, child, 10 * 60_000);
    return { child, url, output, stop, startup: { healthMs, firstPageMs, integrity, facetIndex } };
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${output.join('').slice(-2000)}`);
  }
}

/** The node:http baseline (baseline-server.ts) on the same file. */
export async function startBaseline(root: string, port: number, databasePath: string): Promise<Started> {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/bench/baseline-server.ts'), databasePath, String(port)], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  keepOutput(child, output);
  const stop = stopper(child);
  const ready = await new Promise<boolean>((resolve) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(true);
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => resolve(false));
    setTimeout(() => resolve(false), 5 * 60_000);
  });
  if (!ready) {
    await stop();
    throw new Error(`the baseline server did not start:\n${output.join('').slice(-2000)}`);
  }
  return { child, url: `http://127.0.0.1:${port}`, output, stop };
}

/** Resident memory (bytes) of a process and all its descendants, from /proc. */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      total += kb * 1024;
    } catch {
      // exited meanwhile
    }
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/** Samples a process tree's memory every `everyMs` until stopped; returns the peak. */
export function sampleRss(pid: number, everyMs = 50) {
  let peak = treeRss(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(pid));
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, treeRss(pid));
      return peak;
    },
  };
}
