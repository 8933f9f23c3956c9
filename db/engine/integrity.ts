/**
 * The server's integrity check (decision 0037). At open the server checks only what is cheap (the
 * header, the file's length, the schema: `checkAtOpen` in db/engine/client.ts), so that it answers
 * within a second or two at a million events; the full `PRAGMA quick_check`, which reads every page
 * (about 40 s for 3.5 GB), runs here, in a worker thread with a read-only connection of its own,
 * a few seconds after start and then every `INTEGRITY_CHECK_HOURS`. Its outcome is reported by
 * GET /api/health, and while the file is known to be damaged every staff write is refused
 * (`writeRefusal`, asked by the write gates in server/) until the file is restored and the server
 * restarted.
 *
 * The state sits on globalThis: the instrumentation bundle starts the checks, the route bundles
 * read the outcome.
 */
import { Worker } from 'node:worker_threads';
import type { IntegrityOutcome } from './integrity-check';
import { startSourceWorker } from './source-worker';

export type IntegrityStatus =
  /** No full check has finished since the server started (the file passed the checks at open). */
  | { state: 'pending'; running: boolean }
  | { state: 'ok'; checkedAt: string; durationMs: number; running: boolean }
  /** The check found damage: writes are refused until a restore and a restart. */
  | { state: 'failed'; checkedAt: string; durationMs: number; message: string }
  /** The check could not run (not a finding about the file); it is tried again on schedule. */
  | { state: 'error'; checkedAt: string; message: string; running: boolean };

/** The check the server runs, as /api/health names it. */
export const INTEGRITY_CHECK = 'quick_check';

interface Scheduler {
  status: IntegrityStatus;
  running: Promise<IntegrityStatus> | null;
  timer: ReturnType<typeof setTimeout> | null;
  started: boolean;
}

const globalForIntegrity = globalThis as unknown as { __trackerIntegrity?: Scheduler };

function scheduler(): Scheduler {
  globalForIntegrity.__trackerIntegrity ??= { status: { state: 'pending', running: false }, running: null, timer: null, started: false };
  return globalForIntegrity.__trackerIntegrity;
}

export function integrityStatus(): IntegrityStatus {
  return scheduler().status;
}

/** Why writes are refused, in words for a form or a 503; null while they are allowed. */
export function writeRefusal(): string | null {
  const status = integrityStatus();
  if (status.state !== 'failed') return null;
  return (
    'Changes are paused: the integrity check found the database file damaged, so nothing more is written to it. ' +
    'Reading still works. An administrator must restore the database from a backup (npm run db:restore -- <backup>) and restart the server.'
  );
}

/** Runs the check in a worker thread; resolves with what it found (never rejects). */
function checkInWorker(file: string): Promise<IntegrityOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const settle = (outcome: IntegrityOutcome) => {
      resolve(outcome);
      void worker?.terminate();
    };
    const fail = (err: unknown) =>
      settle({ result: 'error', message: err instanceof Error ? err.message : String(err), durationMs: performance.now() - started });
    let worker: Worker | null = null;
    const workerData = { file };
    // Next.js compiles the worker into the build; anywhere else it runs from source.
    const starting = process.env.NEXT_RUNTIME
      ? Promise.resolve(new Worker(new URL('./integrity-worker.ts', import.meta.url), { workerData }))
      : startSourceWorker(import.meta.url.replace(/integrity\.ts$/, 'integrity-worker.ts'), workerData);
    starting.then((w) => {
      worker = w;
      w.unref();
      w.once('message', (outcome: IntegrityOutcome) => settle(outcome));
      w.once('error', fail);
      w.once('exit', (code) => fail(new Error(`the integrity worker stopped (exit code ${code})`)));
    }, fail);
  });
}

function record(outcome: IntegrityOutcome): IntegrityStatus {
  const checkedAt = new Date().toISOString();
  const durationMs = Math.round(outcome.durationMs);
  if (outcome.result === 'ok') return { state: 'ok', checkedAt, durationMs, running: false };
  if (outcome.result === 'damaged') return { state: 'failed', checkedAt, durationMs, message: outcome.message ?? 'damaged' };
  return { state: 'error', checkedAt, message: outcome.message ?? 'unknown error', running: false };
}

/**
 * Runs the full check of `file` now (or joins the one running) and records its outcome. Once the
 * file is found damaged it stays so for this process: a later check would not make it whole.
 */
export function checkIntegrityNow(file: string): Promise<IntegrityStatus> {
  const s = scheduler();
  if (s.status.state === 'failed') return Promise.resolve(s.status);
  if (s.running) return s.running;
  s.status = { ...s.status, running: true };
  s.running = checkInWorker(file).then((outcome) => {
    const status = record(outcome);
    s.status = status;
    s.running = null;
    if (status.state === 'failed') console.error(`The integrity check found the database at ${file} damaged: ${status.message}. Writes are refused until it is restored.`);
    else if (status.state === 'error') console.error(`The integrity check of ${file} could not run: ${status.message}`);
    else if (status.state === 'ok') console.log(`Integrity check (${INTEGRITY_CHECK}) of ${file}: ok in ${(status.durationMs / 1000).toFixed(1)} s.`);
    return status;
  });
  return s.running;
}

/**
 * Starts the checks once per process: the first `delayMs` after start (the server is answering by
 * then), then every `intervalMs` (0: only that first one). Timers are unref'd: they never keep a
 * process alive.
 */
export function startIntegrityChecks(file: string, { delayMs, intervalMs }: { delayMs: number; intervalMs: number }): void {
  const s = scheduler();
  if (s.started) return;
  s.started = true;
  const schedule = (ms: number) => {
    s.timer = setTimeout(() => {
      void checkIntegrityNow(file).then((status) => {
        if (status.state !== 'failed' && intervalMs > 0) schedule(intervalMs);
      });
    }, ms);
    s.timer.unref();
  };
  schedule(delayMs);
}

/** For tests: forget every outcome and stop the timer. */
export function resetIntegrityChecks(): void {
  const s = scheduler();
  if (s.timer) clearTimeout(s.timer);
  globalForIntegrity.__trackerIntegrity = undefined;
}
