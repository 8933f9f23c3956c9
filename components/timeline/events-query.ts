import { infiniteQueryOptions } from '@tanstack/react-query';
import type { EventsPageData, EventsPageResponse } from '@/db/api-types';
import { eventDatesFromJson } from '@/lib/dates';

/**
 * The timeline's query, shared by the server prefetch and the browser. `search` is the
 * canonical query string of the view (filters, no cursor), so equal views share a cache entry.
 */
export function eventsInfiniteQuery(search: string, firstCursor: string | null = null) {
  return infiniteQueryOptions({
    queryKey: ['events', search, firstCursor] as const,
    queryFn: async ({ pageParam, signal }): Promise<EventsPageData> => {
      const params = new URLSearchParams(search);
      if (pageParam) params.set('cursor', pageParam);
      const response = await fetch(`/api/events?${params.toString()}`, { signal, headers: { accept: 'application/json' } });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `The server answered ${response.status}.`);
      }
      const page = (await response.json()) as EventsPageResponse;
      // The API gives dates at their precision; the list renders the stored form.
      return { ...page, items: page.items.map(eventDatesFromJson) };
    },
    initialPageParam: firstCursor,
    getNextPageParam: (last) => last.nextCursor,
  });
}
