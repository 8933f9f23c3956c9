/**
 * npx tsx scripts/bench/overhead-probe.ts <db> [key...]: where the API's time goes beyond its SQL,
 * in-process: the raw statements, the app's loadEventsPage (Drizzle, mapping, relations), and the
 * JSON the route sends. Medians of 200 runs.
 */
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { withStatementCache } from '@/db/engine/statement-cache';
import { attachFacetIndex } from '@/db/derived/facet-index';
import { resolveFilters } from '@/db/queries/filter-lookups';
import { loadEventsPage } from '@/db/queries/timeline';
import { parseFilters } from '@/lib/filters';
import { pickCombinations } from './combinations';
import { buildBenchIndex, captureStatements, openForBench, prepareStatements, runStatements } from './in-process';

const [file, ...keys] = process.argv.slice(2);
if (!file) throw new Error('usage: overhead-probe.ts <database> [combination keys]');
const sqlite = openForBench(file);
const db = drizzle(withStatementCache(sqlite), { schema });
const index = buildBenchIndex(sqlite);
attachFacetIndex(db, index);
const median = (f: () => void) => {
  const t: number[] = [];
  for (let i = 0; i < 200; i++) {
    const a = performance.now();
    f();
    t.push(performance.now() - a);
  }
  return t.sort((a, b) => a - b)[100]!;
};
console.log('combination        raw SQL  resolve  loadEventsPage  +JSON');
for (const c of pickCombinations(sqlite).filter((c) => keys.length === 0 || keys.includes(c.key))) {
  if (c.query.includes('cursor=')) continue;
  const prepared = prepareStatements(sqlite, captureStatements(sqlite, c, index));
  const params = new URLSearchParams(c.query);
  const raw = median(() => runStatements(prepared));
  const resolve = median(() => resolveFilters(db, parseFilters(params), { includeDrafts: false }));
  const { filters } = resolveFilters(db, parseFilters(params), { includeDrafts: false });
  const load = median(() => loadEventsPage(db, filters, { includeDrafts: false, limit: 50 }));
  const json = median(() => Buffer.from(JSON.stringify(loadEventsPage(db, filters, { includeDrafts: false, limit: 50 }))));
  console.log(`${c.key.padEnd(18)} ${raw.toFixed(2).padStart(7)}  ${resolve.toFixed(2).padStart(7)}  ${load.toFixed(2).padStart(14)}  ${json.toFixed(2).padStart(5)}`);
}
sqlite.close();
