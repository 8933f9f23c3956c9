/**
 * Times the facet counts per benchmark combination, in-process, on a read-only database:
 *   npx tsx scripts/bench/facets-probe.ts [file] [runs] [combination keys, comma-separated]
 * Prints p50/p95 (and median CPU time) of all seven facets together and of each one on its own.
 * PRAGMAS="mmap_size=4294967296;..." tries connection settings. The machine may be shared: compare
 * versions in alternating runs, not against numbers from another time.
 */
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { withStatementCache } from '@/db/engine/statement-cache';
import { singleFacet, timelineFacets, type TimelineFacets } from '@/db/queries/facets';
import { resolveFilters } from '@/db/queries/filter-lookups';
import { parseFilters } from '@/lib/filters';
import { pickCombinations } from './combinations';
import { openForBench } from './in-process';
import { summarise } from './stats';

const FACETS: (keyof TimelineFacets)[] = ['types', 'countries', 'actors', 'authorities', 'programs', 'tags', 'years'];
const PUBLIC = { includeDrafts: false } as const;

const [file = 'data/synth-1000000.db', runsArg = '5', only] = process.argv.slice(2);
const runs = Number(runsArg);
const sqlite = openForBench(file);
if (process.env.PRAGMAS) for (const p of process.env.PRAGMAS.split(';')) sqlite.pragma(p);
const db = drizzle(withStatementCache(sqlite), { schema });
const keys = only ? new Set(only.split(',')) : null;
const ms = (n: number) => n.toFixed(0).padStart(4);

/** Wall p50/p95, and the median CPU time (steadier when another process shares the cores). */
function time(fn: () => unknown): string {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const w = summarise(wall);
  return `${ms(w.p50)}/${ms(w.p95)} (${ms(summarise(cpu).p50)})`;
}

for (const c of pickCombinations(sqlite)) {
  if (keys && !keys.has(c.key)) continue;
  const params = new URLSearchParams(c.query);
  params.delete('cursor');
  const { filters } = resolveFilters(db, parseFilters(params), PUBLIC);
  const all = time(() => timelineFacets(db, filters, PUBLIC));
  const parts = FACETS.map((f) => `${f} ${time(() => singleFacet(db, filters, PUBLIC, f))}`);
  console.log(`${c.key.padEnd(14)} all ${all} | ${parts.join(' | ')}`);
}
