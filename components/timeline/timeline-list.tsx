'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type ComponentType, type MouseEvent, type ReactNode } from 'react';
import type { EventsPageResponse } from '@/db/api-types';
import type { EventSummary } from '@/db/queries/events';
import type { TimelineRowsProps } from './timeline-rows';
import { TimelineSkeleton } from './timeline-skeleton';

type Rows = ComponentType<TimelineRowsProps>;
let rows: Rows | null = null;
/** The rendering of list items, loaded with the first older page (the first page comes as HTML). */
const loadRows = async (): Promise<Rows> => (rows ??= (await import('./timeline-rows')).TimelineRows);

/**
 * The older events loaded for each view, kept a minute: back to the timeline from an event, the
 * list is as long as it was (the query cache did this when TanStack Query loaded the pages).
 */
const KEEP_MS = 60_000;
const kept = new Map<string, { at: number; items: EventSummary[]; cursor: string | null }>();

function keptFor(view: string) {
  const entry = kept.get(view);
  return entry && rows && Date.now() - entry.at < KEEP_MS ? { ...entry, Rows: rows } : null;
}

/** A click that the browser would turn into a plain navigation in this tab (not a new tab, not a download). */
function inAppHref(e: MouseEvent<HTMLElement>): string | null {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const link = (e.target as Element).closest('a');
  if (!link || !e.currentTarget.contains(link) || (link.target && link.target !== '_self') || link.hasAttribute('download')) return null;
  const url = new URL(link.href, window.location.href);
  return url.origin === window.location.origin ? `${url.pathname}${url.search}${url.hash}` : null;
}

/**
 * The timeline's list. The server renders the first page's items (`children`, TimelineRows), so
 * none of them hydrates: this component only adds the list's behaviour. A click on any link in the
 * list navigates within the app (one handler for every item's links, instead of a Link component
 * each). Older events load as the reader scrolls, and with the "Load older events" control, which
 * is also a plain link that works without JavaScript; their items render here, the headings
 * carrying on from the last event shown.
 */
export function TimelineList({
  children,
  view,
  search,
  nextCursor: firstNextCursor,
  last,
  olderPath = '/',
  headingLevel = 2,
  highlight = null,
  asRecorded = null,
}: Omit<TimelineRowsProps, 'items' | 'previous'> & {
  /** The first page's items, rendered by the server. */
  children: ReactNode;
  /** The view and its first page, under which the older events loaded are kept. */
  view: string;
  /** The canonical filter query string of the view (no cursor): the API parameters. */
  search: string;
  /** Where the page after the first one starts (null: the first page holds them all). */
  nextCursor: string | null;
  /** The last event of the first page, for the headings of the next one. */
  last: TimelineRowsProps['previous'];
  /** Where the no-JavaScript "older" link goes, with the filters and a cursor. */
  olderPath?: string;
}) {
  const router = useRouter();
  // Nothing is kept when the page is first loaded (the server rendered it without older events).
  const [initial] = useState(() => keptFor(view));
  const [older, setOlder] = useState<{ items: EventSummary[]; Rows: Rows } | null>(initial);
  const [cursor, setCursor] = useState(initial?.cursor ?? firstNextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const busy = useRef(false);

  const loadOlder = useCallback(async () => {
    if (busy.current || !cursor) return;
    busy.current = true;
    setLoading(true);
    setError(null);
    try {
      // The rendering and the date rules load with the first older page, not with the page.
      const [response, Rows, { eventDatesFromJson }] = await Promise.all([
        fetch(olderHref('/api/events', search, cursor), { headers: { accept: 'application/json' } }),
        loadRows(),
        import('@/lib/dates'),
      ]);
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `The server answered ${response.status}.`);
      }
      const page = (await response.json()) as EventsPageResponse;
      // The API gives dates at their precision; the list renders the stored form.
      const items = [...(older?.items ?? []), ...page.items.map(eventDatesFromJson)];
      kept.set(view, { at: Date.now(), items, cursor: page.nextCursor });
      setOlder({ Rows, items });
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [cursor, search, older, view]);

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !cursor || error) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void loadOlder();
    }, { rootMargin: '600px 0px' });
    observer.observe(node);
    return () => observer.disconnect();
  }, [cursor, error, loadOlder]);

  const onClick = (e: MouseEvent<HTMLOListElement>) => {
    const href = inAppHref(e);
    if (!href) return;
    e.preventDefault();
    router.push(href);
  };

  const shownLast = older && older.items.length > 0 ? older.items[older.items.length - 1] : last;
  return (
    <div>
      <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Events, newest first" aria-busy={loading} onClick={onClick}>
        {children}
        {older ? <older.Rows items={older.items} previous={last} headingLevel={headingLevel} highlight={highlight} asRecorded={asRecorded} /> : null}
      </ol>
      {loading ? <TimelineSkeleton rows={2} /> : null}
      <div ref={sentinel} aria-hidden="true" />
      <div className="no-print py-6 text-center" aria-live="polite">
        {error ? (
          <p role="alert" className="mb-2 text-sm text-red-700 dark:text-red-400">
            Older events could not be loaded: {error}
          </p>
        ) : null}
        {cursor ? (
          <a
            href={olderHref(olderPath, search, cursor)}
            onClick={(e) => {
              e.preventDefault();
              void loadOlder();
            }}
            className="inline-block rounded border border-zinc-300 px-4 py-2 text-sm font-medium text-zinc-800 no-underline hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-900"
            aria-disabled={loading}
          >
            {loading ? 'Loading older events…' : error ? 'Try again' : 'Load older events'}
          </a>
        ) : shownLast ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">That is the earliest event in this view.</p>
        ) : null}
      </div>
    </div>
  );
}

/** The view's next page from `cursor`: the API's, or the page's for the no-JavaScript link. */
function olderHref(path: string, search: string, cursor: string): string {
  const params = new URLSearchParams(search);
  params.set('cursor', cursor);
  return `${path}?${params.toString()}`;
}
