/**
 * `GET /api/events` as JSON, with a cache of the answers for the current state of the database
 * (db/derived/read-cache.ts): readers who ask for the same page between two writes share one computation.
 * Any write, by this process or another, starts a new state, so nothing stale is ever served.
 */
import { eventDatesToJson } from '@/lib/dates';
import type { TimelineFilters } from '@/lib/filters';
import type { EventsPageResponse } from '@/db/api-types';
import type { Connection } from '@/db/engine/client';
import { ConnectionCaches } from '@/db/derived/read-cache';
import type { EventsPage, Visibility } from './events';
import { loadEventsPage, type TimelinePosition } from './timeline';

// The encoded bytes are kept, so that a hit costs no serialising or encoding either. Up to 256
// pages or 32 MB of JSON per process (a first page of 50 events is about 75 KB).
const pages = new ConnectionCaches<Buffer>({ maxEntries: 256, maxSize: 32 * 1024 * 1024 }, (body) => body.length);

export interface EventsPageOptions extends Visibility {
  position: TimelinePosition | null;
  limit: number;
  /** Compute afresh (the request said `Cache-Control: no-cache`); the answer is still stored. */
  fresh?: boolean;
}

export function eventsPageJson(
  connection: Pick<Connection, 'sqlite' | 'db'>,
  filters: TimelineFilters,
  options: EventsPageOptions,
): { body: Buffer; cached: boolean } {
  // Filters are in canonical form (lib/filters.ts), so equal views share a key.
  const key = JSON.stringify([!!options.includeDrafts, filters, options.position, options.limit]);
  const { value, cached } = pages.read(connection.sqlite, key, !!options.fresh, () => {
    return eventsPageBody(loadEventsPage(connection.db, filters, options));
  });
  return { body: value, cached };
}

/** The answer's bytes for a page and its total: dates at their precision (decision 0032). Both engines' answers. */
export function eventsPageBody({ items, nextCursor, total }: EventsPage & { total: number }): Buffer {
  const page: EventsPageResponse = { items: items.map(eventDatesToJson), nextCursor, total };
  return Buffer.from(JSON.stringify(page), 'utf8');
}
