/**
 * Starts a worker thread from a TypeScript source file, as tests and scripts need (a build
 * compiles workers; Node cannot load .ts by itself): the worker registers tsx, then imports the
 * file. Used by db/import/import.ts when it runs from source.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export function startWorkerFromSource(fileUrl: string, workerData: unknown): Worker {
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const register = pathToFileURL(path.join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const code = `import { register } from ${JSON.stringify(register)}; register(); await import(${JSON.stringify(fileUrl)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData });
}
