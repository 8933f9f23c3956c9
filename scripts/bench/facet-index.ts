/**
 * The facet index at scale (decision 0039): for each combination of the benchmark and the views
 * of an analyst exploring (issue 15), the server time of a cold timeline page (events, total,
 * facets, chart: loadTimelineView) and of `GET /api/events`'s first page (loadEventsPage), through
 * the SQL path and through the index; the index's build time and memory; and what a save costs it.
 *
 *   node --max-old-space-size=256 --import tsx scripts/bench/facet-index.ts <db> [--runs 20] [--sql-runs 5] [--writes 20]
 *
 * The writes change the file: run it on a copy.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '@/db/engine/client';
import { attachFacetIndex, currentFacetIndex, detachFacetIndex, FacetIndex } from '@/db/derived/facet-index';
import { snapshotToInput, updateEvent } from '@/db/mutations/events';
import { eventSnapshot } from '@/db/mutations/revisions';
import { resolveFilters } from '@/db/queries/filter-lookups';
import { decodeTimelineCursor, loadEventsPage } from '@/db/queries/timeline';
import { loadTimelineView } from '@/db/queries/timeline-view';
import { parseFilters } from '@/lib/filters';
import { analystViews, pickCombinations } from './combinations';
import { round, summarise, timeSync, type Summary } from './stats';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '20' }, 'sql-runs': { type: 'string', default: '5' }, writes: { type: 'string', default: '20' }, only: { type: 'string' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: facet-index.ts <db>');
const runs = Number(values.runs);
const sqlRuns = Number(values['sql-runs']);

const mb = (n: number) => Math.round(n / 1024 / 1024);
const memory = () => {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapMb: mb(m.heapUsed), externalMb: mb(m.external + m.arrayBuffers) };
};

const conn = openDatabase(file, { check: false });
const { sqlite, db } = conn;
let combinations = [...pickCombinations(sqlite), ...analystViews(sqlite)];
if (values.only) combinations = combinations.filter((c) => values.only!.split(',').includes(c.key));

const before = memory();
const index = new FacetIndex(sqlite);
const started = performance.now();
// How long the build keeps the event loop from answering: the longest gap between ticks of a timer.
let longestBlockMs = 0;
let lastTick = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  longestBlockMs = Math.max(longestBlockMs, now - lastTick);
  lastTick = now;
}, 5);
await index.build();
clearInterval(ticker);
const buildMs = performance.now() - started;
if (!index.ready) throw index.error ?? new Error('index not built');
global.gc?.();
const after = memory();
console.log(JSON.stringify({ buildMs: round(buildMs, 0), buildBusyMs: round(index.buildMs, 0), longestBlockMs: round(longestBlockMs, 0), before, after, live: index.live }));

interface Row {
  key: string;
  label: string;
  total: number;
  sqlView: Summary;
  indexView: Summary;
  warmView: Summary;
  sqlApi: Summary;
  indexApi: Summary;
}

const rows: Row[] = [];
for (const c of combinations) {
  const params = new URLSearchParams(c.query);
  const cursor = params.get('cursor');
  params.delete('cursor');
  const staff = c.key.startsWith('a-staff');
  const visibility = { includeDrafts: staff };
  const { filters } = resolveFilters(db, parseFilters(params), visibility);
  const position = cursor ? decodeTimelineCursor(cursor, filters.sort) : null;
  const view = () => loadTimelineView(db, filters, { ...visibility, position, limit: 50, withFacets: true });
  const api = () => loadEventsPage(db, filters, { ...visibility, position, limit: 50 });

  attachFacetIndex(db, index);
  if (!currentFacetIndex(db)) throw new Error('index not current');
  const total = view().total;
  // Cold: as for the first reader after a write, nothing derived from the index is kept (the
  // options of each facet, the counts of all visible events, recent actors' and searches' bitmaps).
  const cold = (fn: () => unknown) => () => {
    index.state++;
    return fn();
  };
  const indexView = summarise(timeSync(cold(view), runs, 2));
  const indexApi = summarise(timeSync(cold(api), runs, 2));
  const warmView = summarise(timeSync(view, runs, 1));
  detachFacetIndex(db);
  const sqlView = summarise(timeSync(view, sqlRuns, 1));
  const sqlApi = summarise(timeSync(api, sqlRuns, 1));
  const row = { key: c.key, label: c.label, total, sqlView, indexView, warmView, sqlApi, indexApi };
  rows.push(row);
  console.log(
    `${c.key.padEnd(16)} ${String(total).padStart(8)}  view sql p50 ${round(sqlView.p50)} p95 ${round(sqlView.p95)} | index p50 ${round(indexView.p50)} p95 ${round(indexView.p95)} (warm p95 ${round(warmView.p95)})` +
      `   api sql p50 ${round(sqlApi.p50)} p95 ${round(sqlApi.p95)} | index p50 ${round(indexApi.p50)} p95 ${round(indexApi.p95)}`,
  );
}

// What a save costs the index: the save itself, then catching up before the next read.
attachFacetIndex(db, index);
const writes = Number(values.writes);
const ids = sqlite.prepare(`SELECT id FROM events WHERE deleted_at IS NULL AND status = 'published' ORDER BY random() LIMIT ?`).pluck().all(writes) as number[];
const saves: number[] = [];
const catchUps: number[] = [];
for (const id of ids) {
  const input = db.transaction((tx) => snapshotToInput(tx, eventSnapshot(tx, id)));
  const version = sqlite.prepare('SELECT version FROM events WHERE id = ?').pluck().get(id) as number;
  let t = performance.now();
  updateEvent(db, id, { ...input, title: `${input.title} (edited)` }, version, { userId: null, label: 'facet index bench' });
  saves.push(performance.now() - t);
  t = performance.now();
  if (!currentFacetIndex(db)) throw new Error('index fell behind');
  catchUps.push(performance.now() - t);
}
global.gc?.();
console.log(JSON.stringify({ save: summarise(saves), indexCatchUp: summarise(catchUps), memory: memory() }));
console.log(JSON.stringify({ rows }));
sqlite.close();
