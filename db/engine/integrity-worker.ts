/**
 * The integrity worker (started by db/engine/integrity.ts): one full check of the file on a
 * read-only connection of its own, its outcome posted back, then it ends. The server's thread
 * keeps answering meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runIntegrityCheck } from './integrity-check';

const { file } = workerData as { file: string };
parentPort!.postMessage(runIntegrityCheck(file));
