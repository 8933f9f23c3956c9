/**
 * npm-free timing of searches on a synthetic database (issue 14: "keep search fast"), in process,
 * read-only, as the API and the timeline page run them: the first page with its total
 * (`loadEventsPage`), and the whole timeline view (page, total, chart, facets and, when nothing is
 * found, "Did you mean"). Usage: npx tsx scripts/search-timing.ts DB [q ...] (default q: oil).
 */
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { loadTimelineView } from '@/db/queries/timeline-view';
import { loadEventsPage } from '@/db/queries/timeline';
import { parseFilters } from '@/lib/filters';
import { openForBench } from './bench/in-process';
import { summarise, timeSync } from './bench/stats';

const [file, ...queries] = process.argv.slice(2);
if (!file) throw new Error('Usage: npx tsx scripts/search-timing.ts DB [q ...]');
const sqlite = openForBench(file);
const db = drizzle(sqlite, { schema });
const RUNS = 15;

for (const q of queries.length > 0 ? queries : ['oil']) {
  for (const sort of ['date', 'relevance'] as const) {
    const { filters } = parseFilters(new URLSearchParams({ q, sort }));
    let total = 0;
    const page = summarise(timeSync(() => (total = loadEventsPage(db, filters, { limit: 50 }).total), RUNS));
    const view = summarise(timeSync(() => loadTimelineView(db, filters, { withFacets: true }), 5, 1));
    console.log(
      `q=${q} sort=${sort}: ${total.toLocaleString('en')} events; page+total median ${page.p50.toFixed(1)} ms (p95 ${page.p95.toFixed(1)}); whole view median ${view.p50.toFixed(1)} ms`,
    );
  }
}
