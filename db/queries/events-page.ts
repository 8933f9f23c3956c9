/**
 * `GET /api/events` as JSON, with a cache of the answers for the current state of the database
 * (db/read-cache.ts): readers who ask for the same page between two writes share one computation.
 * Any write, by this process or another, starts a new state, so nothing stale is ever served.
 */
import type { TimelineFilters } from '@/lib/filters';
import type { EventsPageResponse } from '@/lib/api-types';
import type { Connection } from '../client';
import { dataVersion, ReadCache } from '../read-cache';
import type { Visibility } from './events';
import { loadEventsPage, type TimelinePosition } from './timeline';

// The encoded bytes are kept, so that a hit costs no serialising or encoding either.
const caches = new WeakMap<Connection['sqlite'], ReadCache<Buffer>>();

/** Up to 256 pages or 32 MB of JSON per process (a first page of 50 events is about 75 KB). */
function cacheFor(sqlite: Connection['sqlite']): ReadCache<Buffer> {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new ReadCache<Buffer>({ maxEntries: 256, maxSize: 32 * 1024 * 1024 });
    caches.set(sqlite, cache);
  }
  return cache;
}

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
  const cache = cacheFor(connection.sqlite);
  const version = dataVersion(connection.sqlite);
  // Filters are in canonical form (lib/filters.ts), so equal views share a key.
  const key = JSON.stringify([!!options.includeDrafts, filters, options.position, options.limit]);
  if (!options.fresh) {
    const hit = cache.get(version, key);
    if (hit !== undefined) return { body: hit, cached: true };
  }
  const page: EventsPageResponse = loadEventsPage(connection.db, filters, options);
  const body = Buffer.from(JSON.stringify(page), 'utf8');
  cache.set(version, key, body, body.length);
  return { body, cached: false };
}
