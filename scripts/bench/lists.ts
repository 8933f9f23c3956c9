/**
 * The official-lists part of `npm run bench` (issue 13): a generated 20,000-entry sdn.xml and a
 * second version with 300 changes (lib/lists/fixtures/generate-sdn.ts, fictitious TEST entries),
 * imported one after the other into a fresh database by a child process run with the server's
 * heap flags (package.json "start"), so its peak RSS is what the server would add. Targets: an
 * import under 30 s, peak memory under 300 MB, the comparison of the two versions under 10 s.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateSdnPair } from '@/lib/lists/fixtures/generate-sdn';

export interface ListsBenchResult {
  entries: number;
  importV1Ms: number;
  importV2Ms: number;
  compareMs: number;
  /** The longest stretch the importing process's event loop was held (reads wait that long at most). */
  longestBlockMs: number;
  proposals: { designations: number; amendments: number; removals: number };
  peakRssBytes: number;
  targets: { importUnder30s: boolean; memoryUnder300MB: boolean; compareUnder10s: boolean };
}

export async function benchLists(root: string): Promise<ListsBenchResult> {
  const pair = await generateSdnPair(20_000, 300);
  const dbFile = path.join(pair.dir, 'lists-bench.db');
  try {
    const child = spawnSync(
      process.execPath,
      ['--max-semi-space-size=32', '--max-old-space-size=256', '--import', 'tsx', path.join(root, 'scripts/bench/lists-probe.ts'), dbFile, pair.v1, pair.v2],
      { cwd: root, encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`lists benchmark failed (exit ${child.status}): ${child.stderr}`);
    const measured = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Omit<ListsBenchResult, 'targets'>;
    return {
      ...measured,
      targets: {
        importUnder30s: Math.max(measured.importV1Ms, measured.importV2Ms) < 30_000,
        memoryUnder300MB: measured.peakRssBytes < 300 * 1024 * 1024,
        compareUnder10s: measured.compareMs < 10_000,
      },
    };
  } finally {
    fs.rmSync(pair.dir, { recursive: true, force: true });
  }
}

export function formatLists(r: ListsBenchResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
  return [
    `Official lists: generated sdn.xml, ${r.entries.toLocaleString('en')} entries`,
    `  import v1 (baseline)          ${s(r.importV1Ms)}   target < 30 s: ${ok(r.targets.importUnder30s)}`,
    `  import v2 (compare + store)   ${s(r.importV2Ms)}   ${r.proposals.designations} designations, ${r.proposals.amendments} amendments, ${r.proposals.removals} removals`,
    `  compare two versions          ${s(r.compareMs)}   target < 10 s: ${ok(r.targets.compareUnder10s)}`,
    `  longest event-loop block      ${s(r.longestBlockMs)}   (the longest a read arriving meanwhile waits)`,
    `  peak memory of the importer   ${(r.peakRssBytes / 1024 / 1024).toFixed(0)} MB   target < 300 MB: ${ok(r.targets.memoryUnder300MB)}`,
  ].join('\n');
}
