/**
 * The import worker (started by db/import/worker-client.ts): a connection of its own to the
 * database file, the same planning and writing code as the server's thread (db/import/import.ts), one
 * commit at a time, one answer for each. The server's thread stays free to answer requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type Connection } from '@/db/engine/client';
import { commitOnThisThread, ImportRefusedError, type CommitInput, type KeptPlan, type WorkerAnswer } from './import';

const { file } = workerData as { file: string };
let conn: Connection | null = null;

function answer(input: CommitInput, given: KeptPlan | null): WorkerAnswer {
  try {
    // The server checked the file when it opened it; a second quick_check would only cost time.
    if (!conn) {
      conn = openDatabase(file, { check: false });
      // This connection only writes imports: a larger page cache keeps a 5,000-row transaction from
      // spilling pages to the log halfway (the server's own connection keeps SQLite's default).
      conn.sqlite.pragma('cache_size = -32768');
    }
    const { result, plan } = commitOnThisThread(conn.db, input, given);
    // The server has the plan it kept; it needs it back only if this one was made here.
    return { ok: true, value: { result, plan: given ? null : plan } };
  } catch (err) {
    if (err instanceof ImportRefusedError) return { ok: false, refusal: { message: err.message, reason: err.reason, plan: err.plan } };
    return { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

parentPort!.on('message', ({ job, input, given }: { job: number; input: CommitInput; given: KeptPlan | null }) => {
  parentPort!.postMessage({ job, answer: answer(input, given) });
});
