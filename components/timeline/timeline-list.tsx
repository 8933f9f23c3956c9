'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { EventSummary } from '@/db/queries/events';
import type { SearchGroups } from '@/lib/search-syntax';
import { headingsFor } from '@/lib/timeline-groups';
import { eventsInfiniteQuery } from './events-query';
import { TimelineItem } from './timeline-item';
import { TimelineSkeleton } from './timeline-skeleton';

/**
 * The timeline, hydrated from the server's first page. Later pages load as the reader scrolls
 * (and with the "Load older events" control, which is also a plain link that works without
 * JavaScript). Headings are computed item by item so they stay right across page boundaries.
 */
export function TimelineList({
  search,
  firstCursor = null,
  olderPath = '/',
  headingLevel = 2,
  highlight = null,
  asRecorded = null,
}: {
  /** The canonical filter query string of the view (no cursor): the API parameters and the cache key. */
  search: string;
  firstCursor?: string | null;
  /** Where the no-JavaScript "older" link goes, with the filters and a cursor. */
  olderPath?: string;
  /** Level of the year headings; months and items sit one and two levels below. */
  headingLevel?: 2 | 3;
  /**
   * The words to mark, keyed as the index holds them (lib/search/query.ts `highlightGroups`, worked
   * out on the server so the country names and spelling rules stay out of the browser's bundle).
   */
  highlight?: SearchGroups | null;
  /** The view's `as_recorded`: each event's page is opened as it stood then. */
  asRecorded?: string | null;
}) {
  const query = useInfiniteQuery(eventsInfiniteQuery(search, firstCursor));
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const items: EventSummary[] = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const lastPage = query.data?.pages[query.data.pages.length - 1];

  if (query.isPending) return <TimelineSkeleton />;
  if (query.isError && items.length === 0) {
    return (
      <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-sm dark:border-red-800 dark:bg-red-950">
        <p className="font-medium">The timeline could not be loaded: {query.error.message}</p>
        <button type="button" onClick={() => void query.refetch()} className="mt-2 rounded bg-red-700 px-3 py-1 text-white">
          Try again
        </button>
      </div>
    );
  }

  const YearHeading = `h${headingLevel}` as 'h2' | 'h3';
  const MonthHeading = `h${headingLevel + 1}` as 'h3' | 'h4';
  const itemLevel = (headingLevel + 2) as 4 | 5;

  return (
    <div>
      <ol
        className="divide-y divide-zinc-200 dark:divide-zinc-800"
        aria-label="Events, newest first"
        aria-busy={isFetchingNextPage}
      >
        {items.map((event, i) => {
          const h = headingsFor(event, items[i - 1]);
          return (
            <li key={event.id} className="list-none">
              {h.year ? (
                <YearHeading className="sticky top-0 z-10 -mx-1 bg-white/95 px-1 pt-6 pb-1 font-serif text-2xl font-semibold backdrop-blur dark:bg-zinc-950/95">
                  {h.year}
                </YearHeading>
              ) : null}
              {h.month ? (
                <MonthHeading className="pt-3 text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
                  {h.month} <span className="sr-only">{event.date.slice(0, 4)}</span>
                </MonthHeading>
              ) : null}
              <TimelineItem event={event} headingLevel={itemLevel} highlight={highlight} asRecorded={asRecorded} />
            </li>
          );
        })}
      </ol>
      {isFetchingNextPage ? <TimelineSkeleton rows={2} /> : null}
      <div ref={sentinel} aria-hidden="true" />
      <div className="no-print py-6 text-center" aria-live="polite">
        {query.isFetchNextPageError ? (
          <p role="alert" className="mb-2 text-sm text-red-700 dark:text-red-400">
            Older events could not be loaded: {query.error?.message}
          </p>
        ) : null}
        {hasNextPage && lastPage?.nextCursor ? (
          <a
            href={olderHref(olderPath, search, lastPage.nextCursor)}
            onClick={(e) => {
              e.preventDefault();
              if (!isFetchingNextPage) void fetchNextPage();
            }}
            className="inline-block rounded border border-zinc-300 px-4 py-2 text-sm font-medium text-zinc-800 no-underline hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-900"
            aria-disabled={isFetchingNextPage}
          >
            {isFetchingNextPage ? 'Loading older events…' : query.isFetchNextPageError ? 'Try again' : 'Load older events'}
          </a>
        ) : items.length > 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">That is the earliest event in this view.</p>
        ) : null}
      </div>
    </div>
  );
}

function olderHref(path: string, search: string, cursor: string): string {
  const params = new URLSearchParams(search);
  params.set('cursor', cursor);
  return `${path}?${params.toString()}`;
}
