/** Shapes the JSON API returns; shared by route handlers and the client code that reads them. */
import type { EntityMatch } from '@/db/queries/entity-search';
import type { EventDetail, EventLinkView, EventsPage, EventSummary, LinkedEvent } from '@/db/queries/events';
import type { EventDatesJson, StoredEventDates } from '@/lib/dates';

/**
 * An event as the JSON API, the JSON export and the feed give it: `date`, `effectiveDate` and
 * `endDate` at their precision ("2011", "2023-03", "2023-03-28"), each with its precision beside
 * it, never a padded day; `dateSortKey` is the first day of the period (YYYY-MM-DD), for sorting
 * only. lib/dates.ts `eventDatesToJson` writes it.
 */
export type EventJson = Omit<EventSummary, keyof StoredEventDates> & EventDatesJson;

/** `GET /api/events/:id` (staff also see who created and last changed it). */
export type EventDetailJson = Omit<EventDetail, keyof StoredEventDates | 'links'> &
  EventDatesJson & {
    links: (Omit<EventLinkView, 'event'> & { event: Omit<LinkedEvent, 'date'> & Pick<EventDatesJson, 'date' | 'dateSortKey'> })[];
  };

/** `GET /api/events`: a page (its `nextCursor` is opaque) and how many events the whole view holds. */
export interface EventsPageResponse {
  items: EventJson[];
  nextCursor: string | null;
  total: number;
}

/** What the timeline's list holds once a page has arrived: the events in their stored form. */
export type EventsPageData = EventsPage & { total: number };

export interface ApiError {
  error: string;
  /** Which parameter or field is wrong, and why, when the problem is in the request. */
  issues?: { param: string; message: string }[];
}

export interface EntitySearchResponse {
  items: EntityMatch[];
}
