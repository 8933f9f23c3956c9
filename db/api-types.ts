/** Shapes the JSON API returns; shared by route handlers and the client code that reads them. */
import type { EntityMatch } from '@/db/queries/entity-search';
import type { EventSummary } from '@/db/queries/events';

export interface EventsPageResponse {
  items: EventSummary[];
  /** Opaque keyset cursor for the next page, or null at the end. */
  nextCursor: string | null;
  /** How many events the whole view holds. */
  total: number;
}

export interface ApiError {
  error: string;
  /** Which parameter or field is wrong, and why, when the problem is in the request. */
  issues?: { param: string; message: string }[];
}

export interface EntitySearchResponse {
  items: EntityMatch[];
}
