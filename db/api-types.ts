/** Shapes the JSON API returns; shared by route handlers and the client code that reads them. */
import type { EntityMatch } from '@/db/queries/entity-search';
import type { EventsPage } from '@/db/queries/events';

/** `GET /api/events`: a page (its `nextCursor` is opaque) and how many events the whole view holds. */
export interface EventsPageResponse extends EventsPage {
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
