/**
 * The CSV export streams: exporting 100,000 generated events must not hold them in memory. The
 * heap still in use after a garbage collection is sampled as the stream is read; its peak over
 * the whole export may not exceed its peak over the first tenth by more than a fixed margin, far
 * below the size of the file produced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '@/db/engine/client';
import { buildSynthDatabase } from '../synth/build';
import { createEventCsvStream } from '../exports/csv';
import { EMPTY_FILTERS } from '@/lib/filters';
import { countTimeline } from './timeline';
import { exportRows } from './export';

const EVENTS = 100_000;
const MARGIN = 16 * 1024 * 1024;

function retainedHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run with --expose-gc (vitest.config.ts sets it) to measure retained memory.');
  gc();
  // Buffers live outside the JavaScript heap: count them too.
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

let dir: string;
let conn: Connection;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-export-memory-'));
  const file = path.join(dir, 'synth.db');
  buildSynthDatabase({ file, events: EVENTS, seed: 'export-memory', revisions: false, deferIndexes: true });
  conn = openDatabase(file, { check: false });
}, 240_000);

afterAll(() => {
  conn?.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('exporting 100,000 events', () => {
  it('streams them with flat memory', async () => {
    const expected = countTimeline(conn.db, EMPTY_FILTERS);
    const reader = createEventCsvStream(exportRows(conn.db, EMPTY_FILTERS, { includeDrafts: false }), { bom: true, origin: 'https://t.example' }).getReader();
    const decoder = new TextDecoder();
    let bytes = 0;
    let lines = 0;
    let earlyPeak = 0;
    let peak = 0;
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      // Records never contain a bare CRLF except as their terminator (embedded newlines are LF).
      lines += decoder.decode(value).split('\r\n').length - 1;
      if (++chunks % 5 !== 0) continue;
      const heap = retainedHeap();
      peak = Math.max(peak, heap);
      if (lines <= expected / 10) earlyPeak = Math.max(earlyPeak, heap);
    }
    expect(lines - 1).toBe(expected);
    expect(expected).toBeGreaterThan(EVENTS * 0.9);
    // The file is several times the margin: had the rows been kept, the heap would show it.
    expect(bytes).toBeGreaterThan(2 * MARGIN);
    console.log(`exported ${lines - 1} rows, ${(bytes / 1e6).toFixed(1)} MB; retained memory peak ${(peak / 1e6).toFixed(1)} MB, after the first tenth ${(earlyPeak / 1e6).toFixed(1)} MB`);
    expect(peak - earlyPeak).toBeLessThan(MARGIN);
  }, 240_000);
});
