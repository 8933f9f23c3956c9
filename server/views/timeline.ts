/**
 * The timeline view a page shows, for this request: from the cache of the current database state
 * unless the browser asked for a fresh answer (a hard reload sends `Cache-Control: no-cache`).
 */
import 'server-only';
import { headers } from 'next/headers';
import { getConnection } from '@/db';
import type { Connection } from '@/db/engine/client';
import { untilViewAnswers } from '@/db/queries/timeline';
import { cachedTimelineView, type TimelineViewData, type TimelineViewOptions } from '@/db/queries/timeline-view';
import type { TimelineFilters } from '@/lib/filters';
import { wantsFresh } from '@/lib/http/cache-control';
import { readerTurn } from '@/server/http/write-first';

export async function timelineViewForRequest(
  filters: TimelineFilters,
  options: TimelineViewOptions,
  /** The record to read: the live one unless the page shows it as recorded on a date. */
  connection: Connection = getConnection(),
): Promise<TimelineViewData> {
  const fresh = wantsFresh((await headers()).get('cache-control'));
  // Behind any staff write under way (server/http/write-first.ts).
  const turn = readerTurn();
  if (turn) await turn;
  await untilViewAnswers(connection.db, filters, options);
  return cachedTimelineView(connection, filters, { ...options, fresh }).view;
}
