/**
 * Starting a worker thread from its TypeScript source, for the modules that start workers
 * (db/import/worker-client.ts, db/engine/integrity.ts) when they run outside Next.js (tests,
 * scripts): Node cannot load the .ts worker by itself, so testing/source-worker.ts starts it
 * through tsx. Under Next.js each caller starts its compiled worker itself (`new Worker(new
 * URL('./x.ts', import.meta.url))` must stay in the caller for the bundler to see it), and the
 * bundler must not follow the path below.
 */
import type { Worker } from 'node:worker_threads';

export async function startSourceWorker(workerFileUrl: string, workerData: unknown): Promise<Worker> {
  const helper = import.meta.url.replace(/db\/engine\/source-worker\.ts$/, 'testing/source-worker.ts');
  const { startWorkerFromSource } = (await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ helper)) as typeof import('@/testing/source-worker');
  return startWorkerFromSource(workerFileUrl, workerData);
}
