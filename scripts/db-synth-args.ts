/** Command-line flags of `npm run db:synth`, checked before anything is written. */
import path from 'node:path';
import { DEFAULT_SEED } from '@/db/synth/generate';
import { parseFlags, UsageError } from './run-script';

export const SYNTH_USAGE = `Usage: npm run db:synth -- --events N [--seed S] [--out PATH] [--force] [--revisions]

Writes a synthetic database of N events for benchmarks. The same N and seed give the same rows.

  --events N     number of events: 10000, 100k or 1m (required; 1 to 10m)
  --seed S       seed of the generator (default: ${DEFAULT_SEED})
  --out PATH     file to write (default: data/synth-<N>.db); never data/tracker.db
  --force        replace PATH if it already exists
  --revisions    also write an "import" revision per event and entity, as a real history would
                 hold (about twice the file size; see docs/decisions/0008-synthetic-data.md)
  --help         show this message`;

export const MAX_EVENTS = 10_000_000;

export interface SynthArgs {
  events: number;
  seed: string;
  /** Absolute path of the file to write. */
  out: string;
  force: boolean;
  revisions: boolean;
  help: boolean;
}

function usage(problem: string): UsageError {
  return new UsageError(`${problem}\n\n${SYNTH_USAGE}`);
}

/** "100000", "100_000", "100k", "1m" → a count; anything else → null. */
export function parseCount(value: string): number | null {
  const m = /^(\d[\d_,]*)([km]?)$/i.exec(value.trim());
  if (!m) return null;
  const digits = Number(m[1]!.replace(/[_,]/g, ''));
  const factor = { '': 1, k: 1_000, m: 1_000_000 }[m[2]!.toLowerCase() as '' | 'k' | 'm'];
  const n = digits * factor;
  return Number.isSafeInteger(n) ? n : null;
}

export function parseSynthArgs(
  argv: string[],
  { cwd = process.cwd(), databasePath = process.env.DATABASE_PATH }: { cwd?: string; databasePath?: string } = {},
): SynthArgs {
  const values = parseFlags(
    argv,
    {
      events: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      revisions: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    SYNTH_USAGE,
  );
  if (values.help) return { events: 0, seed: DEFAULT_SEED, out: '', force: false, revisions: false, help: true };

  if (values.events === undefined) throw usage('Say how many events to generate with --events N.');
  const events = parseCount(values.events);
  if (events === null || events < 1 || events > MAX_EVENTS) {
    throw usage(`--events must be a whole number from 1 to ${MAX_EVENTS.toLocaleString('en')} (got "${values.events}").`);
  }
  const seed = values.seed ?? DEFAULT_SEED;
  if (seed.trim() === '') throw usage('--seed must not be empty.');
  if (values.out !== undefined && values.out.trim() === '') throw usage('--out must name a file.');

  const out = path.resolve(cwd, values.out ?? `data/synth-${events}.db`);
  const protectedFiles = new Set([path.resolve(cwd, 'data/tracker.db')]);
  if (databasePath) protectedFiles.add(path.resolve(cwd, databasePath));
  if (protectedFiles.has(out)) {
    throw usage(`Refusing to write to ${out}: it is the app's database. Choose another --out.`);
  }
  return { events, seed, out, force: values.force, revisions: values.revisions, help: false };
}
