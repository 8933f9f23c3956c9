/**
 * npm run db:synth -- --events N: writes a synthetic database for benchmarks (see
 * docs/decisions/0008-synthetic-data.md). Builds into `<out>.partial` and renames it at the
 * end, so an interrupted build never leaves a half-written file under the real name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSynthDatabase, type BuildPhase, type BuildResult } from '@/db/synth/build';
import { entityCountFor } from '@/db/synth/generate';
import { parseSynthArgs, SYNTH_USAGE } from './db-synth-args';
import { runScript, UsageError } from './run-script';

const PHASE_LABELS: Record<BuildPhase, string> = {
  schema: 'applying migrations',
  entities: 'writing entities',
  events: 'writing events and their countries, actors, tags, sources and links',
  standings: 'writing standing changes and their evidence',
  indexes: 'recreating secondary indexes',
  counts: 'counting facets (facet_counts, event_month_counts), filling event_pairs and recreating triggers',
  search: 'building the full-text index',
  analyze: 'gathering statistics (ANALYZE, PRAGMA optimize)',
  check: 'switching to WAL and running quick_check',
};

const int = (n: number) => n.toLocaleString('en');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function size(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

function printSummary(result: BuildResult, out: string, totalMs: number): void {
  const relative = path.relative(process.cwd(), out);
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? out : relative;
  console.log(`\nDone in ${seconds(totalMs)}: ${shown} (${size(result.bytes)})\n`);
  const width = Math.max(...Object.keys(result.counts).map((t) => t.length));
  console.log('  rows per table');
  for (const [table, n] of Object.entries(result.counts)) console.log(`    ${table.padEnd(width)}  ${int(n).padStart(11)}`);
  console.log('  time per phase');
  for (const { phase, ms } of result.phases) console.log(`    ${phase.padEnd(width)}  ${seconds(ms).padStart(11)}`);
}

runScript(() => {
  const args = parseSynthArgs(process.argv.slice(2));
  if (args.help) {
    console.log(SYNTH_USAGE);
    return;
  }
  if (fs.existsSync(args.out) && !args.force) {
    throw new UsageError(`${args.out} already exists. Add --force to replace it, or choose another --out.`);
  }
  const partial = `${args.out}.partial`;
  removeDatabaseFiles(partial);

  console.log(
    `Building ${int(args.events)} synthetic events and ${int(entityCountFor(args.events))} entities ` +
      `(seed ${args.seed}${args.revisions ? ', with import revisions' : ''}) into ${args.out}`,
  );
  const start = performance.now();
  const elapsed = () => seconds(performance.now() - start).padStart(8);
  const step = Math.max(1, Math.floor(args.events / 10));
  let nextReport = step;
  let reported = 0;
  let result: BuildResult;
  try {
    result = buildSynthDatabase({
      file: partial,
      events: args.events,
      seed: args.seed,
      revisions: args.revisions,
      onProgress: ({ phase, done, total }) => {
        if (done === undefined || total === undefined) {
          console.log(`${elapsed()}  ${PHASE_LABELS[phase]}`);
        } else if (phase === 'events' && done > reported && (done >= nextReport || done === total)) {
          reported = done;
          console.log(`${elapsed()}    ${int(done)} / ${int(total)} events (${Math.floor((done / total) * 100)}%)`);
          nextReport = (Math.floor(done / step) + 1) * step;
        }
      },
    });
  } catch (err) {
    removeDatabaseFiles(partial);
    throw err;
  }
  if (args.force) removeDatabaseFiles(args.out);
  fs.renameSync(partial, args.out);
  printSummary(result, args.out, performance.now() - start);
});
