/**
 * The "Events" section of an entity or country page: the timeline component pre-filtered to that
 * actor or country, with a link that opens the same filter in the timeline.
 */
import Link from 'next/link';
import { TimelineResults } from '@/components/timeline/timeline-results';
import type { TimelineViewData } from '@/db/queries/timeline-view';
import { filtersHref, type TimelineFilters } from '@/lib/filters';

export function PrefilteredEvents({
  id,
  filters,
  view,
  emptyMessage,
}: {
  /** The heading's id, which labels the section. */
  id: string;
  filters: TimelineFilters;
  view: TimelineViewData;
  emptyMessage: string;
}) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-zinc-200 pb-2 dark:border-zinc-800">
        <h2 id={id} className="text-lg font-semibold">
          Events <span className="font-normal text-zinc-600 dark:text-zinc-400">({view.total})</span>
        </h2>
        {view.total > 0 ? (
          <Link href={filtersHref('/', filters)} className="text-sm">
            Open in timeline
          </Link>
        ) : null}
      </div>
      <TimelineResults
        filters={filters}
        page={view.page}
        total={view.total}
        chart={view.chart}
        headingLevel={3}
        empty={<p className="py-6 text-sm text-zinc-600 dark:text-zinc-400">{emptyMessage}</p>}
      />
    </section>
  );
}
