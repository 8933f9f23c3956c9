import { HydrationBoundary, dehydrate } from '@tanstack/react-query';
import Link from 'next/link';
import { eventsInfiniteQuery } from '@/components/timeline/events-query';
import { TimelineList } from '@/components/timeline/timeline-list';
import { getDb } from '@/db/index';
import { countEvents, decodeCursor, listEvents } from '@/db/queries/events';
import { getQueryClient } from '@/lib/query-client';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const PAGE_SIZE = 50;

export default async function TimelinePage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const cursorParam = typeof sp.cursor === 'string' ? sp.cursor : null;
  const cursor = cursorParam ? decodeCursor(cursorParam) : null;
  const search = '';

  const db = getDb();
  const total = countEvents(db);
  const firstPage = { ...listEvents(db, { cursor, limit: PAGE_SIZE }), total };

  const queryClient = getQueryClient();
  const options = eventsInfiniteQuery(search, cursor ? cursorParam : null);
  await queryClient.prefetchInfiniteQuery({ ...options, queryFn: () => firstPage });

  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-zinc-200 pb-4 dark:border-zinc-800">
        <div>
          <h1 className="font-serif text-3xl font-semibold">Timeline</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Sanctions actions, normalisation moves and official statements, newest first.
          </p>
        </div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="result-count">
          {total === 1 ? '1 event' : `${total.toLocaleString('en')} events`}
        </p>
      </div>
      {cursorParam && !cursor ? (
        <p role="status" className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
          That link pointed at a position in the timeline that does not exist; showing the newest events instead.
        </p>
      ) : null}
      {cursor ? (
        <p className="no-print mt-4 text-sm">
          Showing older events. <Link href="/">Back to the newest</Link>
        </p>
      ) : null}
      {total === 0 ? (
        <div className="py-16 text-center">
          <p className="text-lg font-medium">No events yet.</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Events that staff publish appear here, newest first.</p>
        </div>
      ) : (
        <HydrationBoundary state={dehydrate(queryClient)}>
          <TimelineList search={search} firstCursor={cursor ? cursorParam : null} basePath="/" />
        </HydrationBoundary>
      )}
    </div>
  );
}
