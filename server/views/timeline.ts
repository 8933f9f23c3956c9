/**
 * The timeline view a page shows, for this request, through the data-access interface: from the
 * cache of the current database state (SQLite) unless the browser asked for a fresh answer (a hard
 * reload sends `Cache-Control: no-cache`).
 */
import 'server-only';
import { headers } from 'next/headers';
import { getStore } from '@/db';
import type { TimelineViewData, TimelineViewOptions } from '@/db/queries/timeline-view';
import type { TrackerStore } from '@/db/store/store';
import type { TimelineFilters } from '@/lib/filters';
import { wantsFresh } from '@/lib/http/cache-control';
import { readerTurn } from '@/server/http/write-first';

export async function timelineViewForRequest(
  filters: TimelineFilters,
  options: TimelineViewOptions,
  /** The record to read: the live one unless the page shows it as recorded on a date. */
  store: TrackerStore = getStore(),
): Promise<TimelineViewData> {
  const fresh = wantsFresh((await headers()).get('cache-control'));
  // Behind any staff write under way (server/http/write-first.ts).
  const turn = readerTurn();
  if (turn) await turn;
  return store.timeline.view(filters, { ...options, fresh });
}
