/**
 * The CSV export of the whole published timeline, two ways: through the app
 * (`GET /api/events/export`, streamed in keyset batches), with the server's memory sampled from
 * /proc while it runs; and the same SELECT given to `sqlite3 -csv` on the same file, without
 * the batching: SQLite's own speed for that query, the ceiling to compare with.
 */
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type Database from 'better-sqlite3';
import * as schema from '@/db/schema';
import { exportStatement } from '@/db/queries/export';
import { EMPTY_FILTERS } from '@/lib/filters';
import { sampleRss, treeRss } from './processes';

export interface ExportRun {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface AppExport extends ExportRun {
  rssBeforeBytes: number;
  peakRssBytes: number;
}

/** Counts CSV records (CRLF-terminated) in a stream without keeping it. */
function recordCounter() {
  let records = 0;
  let bytes = 0;
  let lastWasCr = false;
  return {
    add(chunk: Buffer, lineEnd: 'crlf' | 'lf') {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i]!;
        if (c === 10 && (lineEnd === 'lf' || lastWasCr)) records++;
        lastWasCr = c === 13;
      }
    },
    get records() {
      return records;
    },
    get bytes() {
      return bytes;
    },
  };
}

export function exportThroughApp(base: string, serverPid: number): Promise<AppExport> {
  const url = new URL('/api/events/export?bom=0', base);
  if (url.hostname !== '127.0.0.1') throw new Error('the benchmark only sends requests to 127.0.0.1');
  const rssBeforeBytes = treeRss(serverPid);
  const sampler = sampleRss(serverPid);
  const counter = recordCounter();
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) {
        sampler.stop();
        reject(new Error(`the export answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.on('data', (chunk: Buffer) => counter.add(chunk, 'crlf'));
      res.on('end', () => {
        const seconds = (performance.now() - started) / 1000;
        const peakRssBytes = sampler.stop();
        const rows = counter.records - 1; // the header
        resolve({ rows, bytes: counter.bytes, seconds, rowsPerSecond: rows / seconds, rssBeforeBytes, peakRssBytes });
      });
      res.on('error', reject);
    });
    req.on('error', (err) => {
      sampler.stop();
      reject(err);
    });
    req.end();
  });
}

/** A value as an SQL literal, for the command-line tool (which takes no bound parameters here). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** The export's SELECT for the whole view, parameters written in, for `sqlite3`. */
export function exportSqlForCli(sqlite: Database.Database): string {
  const { sql, params } = exportStatement(drizzle(sqlite, { schema }), EMPTY_FILTERS, { includeDrafts: false }, null, null).toSQL();
  let i = 0;
  return sql.replace(/\?/g, () => literal(params[i++]));
}

export function sqliteCliVersion(): string | null {
  const out = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim().split(' ')[0]! : null;
}

export function exportThroughCli(file: string, sql: string): Promise<ExportRun> {
  const counter = recordCounter();
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('sqlite3', ['-readonly', '-csv', file, sql], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => counter.add(chunk, 'lf'));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    // 'close', not 'exit': the last rows may still be in the pipe when the process exits.
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`sqlite3 exited with ${code}: ${stderr.slice(0, 500)}`));
      resolve({ rows: counter.records, bytes: counter.bytes, seconds, rowsPerSecond: counter.records / seconds });
    });
  });
}
