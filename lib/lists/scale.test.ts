/**
 * The SDN-sized file: a 20,000-entry sdn.xml is read in seconds while holding one record at a
 * time, and two such versions compare in well under a second. Numbers are printed for the report
 * and docs; the assertions leave room for a busy two-core machine.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareVersions } from './compare';
import { forEachEntry, readAll } from './entry';
import { generateSdnPair, type GeneratedSdn } from './fixtures/generate-sdn';
import { readOfacSdnXml } from './ofac-sdn-xml';
import type { ListInput } from './input';

const gc = (globalThis as { gc?: () => void }).gc;
let files: GeneratedSdn;

beforeAll(async () => {
  files = await generateSdnPair(20_000, 300);
}, 120_000);

afterAll(async () => {
  if (files) await rm(files.dir, { recursive: true, force: true });
});

/** Reads without keeping entries, sampling the heap after a full collection every 1,000 entries: what the read holds, not garbage not yet collected. */
async function retainedWhileReading(input: ListInput): Promise<{ ms: number; cpuMs: number; entries: number; retainedGrowth: number; peakHeapGrowth: number }> {
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let retained = 0;
  let peak = 0;
  let entries = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await forEachEntry(readOfacSdnXml(input), () => {
    entries += 1;
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    if (entries % 1000 === 0) {
      gc?.();
      retained = Math.max(retained, process.memoryUsage().heapUsed - base);
    }
  });
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, entries, retainedGrowth: retained, peakHeapGrowth: peak };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe('a 20,000-entry sdn.xml', () => {
  it('streams: reads in seconds and holds far less than the file', async () => {
    expect(gc, 'vitest runs with --expose-gc').toBeDefined();
    const size = (await stat(files.v1)).size;
    const read = await retainedWhileReading(files.v1);
    console.log(
      `read ${read.entries} entries of ${mb(size)} in ${read.ms.toFixed(0)} ms wall, ${read.cpuMs.toFixed(0)} ms CPU (with a full GC every 1,000 entries); heap retained while reading +${mb(read.retainedGrowth)}, peak heap (with garbage) +${mb(read.peakHeapGrowth)}`,
    );
    expect(read.entries).toBe(20_000);
    expect(read.ms).toBeLessThan(15_000);
    // What stays is the duplicate-key guard (20,000 keys) and one record: a few MB.
    expect(read.retainedGrowth).toBeLessThan(size / 5);

    // The same measure does see a read that holds the whole file: the check above can fail.
    const whole = await readFile(files.v1, 'utf8');
    const held = await retainedWhileReading({ stream: Readable.from([whole]), name: 'sdn.xml' });
    console.log(`control, whole file held as one string: retained +${mb(held.retainedGrowth)}`);
    expect(held.retainedGrowth).toBeGreaterThan(size / 5);
  }, 120_000);

  it('compares two versions in well under a second, finding exactly the generated changes', async () => {
    const startedRead = performance.now();
    const [a, b] = await Promise.all([readAll(readOfacSdnXml(files.v1)), readAll(readOfacSdnXml(files.v2))]);
    const readMs = performance.now() - startedRead;
    gc?.();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const changes = compareVersions({ ref: { label: 'v1', publishedAt: a.header.publishedAt }, entries: a.entries }, { ref: { label: 'v2', publishedAt: b.header.publishedAt }, entries: b.entries });
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const ms = performance.now() - started;
    console.log(`compared ${a.entries.length} with ${b.entries.length} entries in ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (both read and kept in ${readMs.toFixed(0)} ms)`);
    // CPU time, so that other work on the shared machine does not decide the result; wall time loosely.
    expect(cpuMs).toBeLessThan(1000);
    expect(ms).toBeLessThan(5000);
    const keys = (kind: string) => changes.filter((c) => c.kind === kind).map((c) => Number(c.key));
    expect(keys('designation')).toEqual(files.designated);
    expect(keys('removal')).toEqual(files.removed);
    expect(keys('amendment')).toEqual(files.amended);
    const amendment = changes.find((c) => c.kind === 'amendment')!;
    expect(amendment.kind === 'amendment' && amendment.fields.map((f) => [f.field, f.added])).toEqual([
      ['aliases', [`TEST FORMER ${files.amended[0]! - 100_000} (fka, strong)`]],
      ['programs', ['HRIT-SY']],
    ]);
    expect(amendment.dating.after?.publishedAt?.date).toBe('2026-11-03');
    expect(amendment.dating.onOrBefore.publishedAt?.date).toBe('2026-11-10');
  }, 120_000);
});
