/**
 * The server's side of the import worker (db/import/worker.ts): a worker thread with a connection
 * of its own that writes a confirmed import, so that the server's thread keeps answering while
 * thousands of rows are written (issue 10). Its reads see the database as it was until the import
 * commits (WAL); a write started meanwhile waits for the import's transaction (busy_timeout) while
 * the worker goes on.
 *
 * One worker per database file, started by a dry run (a commit often follows) or by the first
 * commit, reused, and stopped after ten idle minutes; it never keeps the process alive.
 */
import { Worker } from 'node:worker_threads';
import { startSourceWorker } from '@/db/engine/source-worker';

const IDLE_MS = 10 * 60_000;

interface ImportWorker {
  worker: Worker;
  pending: Map<number, { resolve: (answer: unknown) => void; reject: (err: unknown) => void }>;
  idle: ReturnType<typeof setTimeout> | null;
}

const workers = new Map<string, Promise<ImportWorker>>();
let nextJob = 1;

function stop(file: string, entry: ImportWorker, err: unknown): void {
  void workers.get(file)?.then((current) => {
    if (current === entry) workers.delete(file);
  });
  for (const { reject } of entry.pending.values()) reject(err);
  entry.pending.clear();
}

function start(file: string): Promise<ImportWorker> {
  let started = workers.get(file);
  if (started) return started;
  started = (async () => {
    const workerData = { file };
    // Next.js compiles the worker into the build; anywhere else this runs from source.
    const worker = process.env.NEXT_RUNTIME
      ? new Worker(new URL('./worker.ts', import.meta.url), { workerData })
      : await startSourceWorker(import.meta.url.replace(/worker-client\.ts$/, 'worker.ts'), workerData);
    worker.unref();
    const entry: ImportWorker = { worker, pending: new Map(), idle: null };
    worker.on('message', ({ job, answer }: { job: number; answer: unknown }) => {
      entry.pending.get(job)?.resolve(answer);
      entry.pending.delete(job);
      if (entry.pending.size > 0) return;
      worker.unref();
      entry.idle = setTimeout(() => {
        stop(file, entry, new Error('The import worker was stopped.'));
        void worker.terminate();
      }, IDLE_MS);
      entry.idle.unref();
    });
    worker.on('error', (err) => stop(file, entry, err));
    worker.on('exit', (code) => stop(file, entry, new Error(`The import worker stopped (exit code ${code}).`)));
    return entry;
  })();
  started.catch(() => workers.delete(file));
  workers.set(file, started);
  return started;
}

/** Starts the worker for this file if none is running, without waiting for it. */
export function warmImportWorker(file: string): void {
  start(file).catch((err: unknown) => console.error('The import worker could not start:', err));
}

/**
 * Runs one commit in the worker; its answer, or a rejection if the worker fails. The message
 * shapes are db/import/import.ts's (`CommitInput`, `KeptPlan`, `WorkerAnswer`), which both threads
 * import; this module only carries them, so that it need not import db/import/import.ts back.
 */
export async function commitInWorker<Input, Given, Answer>(file: string, input: Input, given: Given | null): Promise<Answer> {
  const entry = await start(file);
  if (entry.idle) clearTimeout(entry.idle);
  entry.worker.ref();
  const job = nextJob++;
  return new Promise<Answer>((resolve, reject) => {
    entry.pending.set(job, { resolve: (answer) => resolve(answer as Answer), reject });
    entry.worker.postMessage({ job, input, given });
  });
}
