/**
 * The full check of a database file, `PRAGMA quick_check`: every page of every table and index is
 * read and its b-tree structure, cells, free list and records verified; what it leaves out of
 * `integrity_check` is matching each index's entries to its table's rows and UNIQUE constraints
 * (decision 0037). Run at open by the scripts (db/engine/client.ts, `check: 'full'`) and by the
 * server in a worker thread after it starts (db/engine/integrity.ts). Only better-sqlite3 here, so
 * that the worker loads little.
 */
import Database from 'better-sqlite3';

/** `PRAGMA quick_check` on this connection: null when it answers `ok`, else its first ten problems. */
export function quickCheck(sqlite: Database.Database): string | null {
  const lines = sqlite.pragma('quick_check(10)', { simple: false }) as Record<string, unknown>[];
  const messages = lines.flatMap((l) => String(Object.values(l)[0]).split('\n')).filter((m) => m && !m.startsWith('*** in database'));
  return messages.length === 1 && messages[0] === 'ok' ? null : messages.join('; ');
}

export interface IntegrityOutcome {
  /** `ok`; `damaged` when the check found problems or SQLite called the file damaged while reading it; `error` when it could not run. */
  result: 'ok' | 'damaged' | 'error';
  /** What was wrong, for `damaged` and `error`. */
  message: string | null;
  durationMs: number;
}

/** SQLite's own word that the file is damaged or is not a database (SQLITE_CORRUPT*, SQLITE_NOTADB), on the error or what it wraps. */
export function isDamageError(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) return true;
  }
  return false;
}

/**
 * Opens the file read-only on a connection of its own and runs the check. In WAL mode it reads one
 * snapshot and never blocks writers; the log cannot be checkpointed past that snapshot meanwhile.
 */
export function runIntegrityCheck(file: string): IntegrityOutcome {
  const started = performance.now();
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    const problems = quickCheck(sqlite);
    return { result: problems ? 'damaged' : 'ok', message: problems, durationMs: performance.now() - started };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { result: isDamageError(err) ? 'damaged' : 'error', message, durationMs: performance.now() - started };
  } finally {
    sqlite?.close();
  }
}
