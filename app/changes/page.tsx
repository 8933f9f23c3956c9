import type { Metadata } from 'next';
import Link from 'next/link';
import { ChangeList } from '@/components/changes/change-list';
import { FilterNotices } from '@/components/filters/filter-notices';
import { inputClass, secondaryButtonClass } from '@/components/forms/field';
import { PageFrame } from '@/components/layout/page-frame';
import { formatTimestamp } from '@/lib/dates';
import { describeFiltersText, filtersHref, isFiltered, serializeFilters, toUrlSearchParams } from '@/lib/filters';
import { canSeeDrafts, readerForPage } from '@/server/auth/viewer';
import { changesForRequest } from '@/server/views/changes';

export const metadata: Metadata = { title: 'What changed' };
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** What was recorded, edited, deleted or restored since a date, in any filtered view, with its feed. */
export default async function ChangesPage({ searchParams }: { searchParams: SearchParams }) {
  const params = toUrlSearchParams(await searchParams);
  const viewer = await readerForPage(params.size > 0 ? `/changes?${params.toString()}` : '/changes');
  const { filters, lookups, issues, sinceParam, view } = await changesForRequest(params, { includeDrafts: canSeeDrafts(viewer) });
  const filterParams = serializeFilters(filters);
  const feedParams = new URLSearchParams(filterParams);
  feedParams.set('since', sinceParam);
  const sinceDay = /^\d{4}-\d{2}-\d{2}$/.test(sinceParam) ? sinceParam : sinceParam.slice(0, 10);

  return (
    <PageFrame
      width="4xl"
      title="What changed"
      intro={`Everything recorded, edited, deleted or restored since ${formatTimestamp(view.since)}${
        isFiltered(filters) ? `, in the view ${describeFiltersText(filters, lookups)}` : ''
      }, newest first.`}
    >
      <FilterNotices issues={issues} />
      <form method="get" action="/changes" className="no-print flex flex-wrap items-end gap-3 text-sm">
        {[...filterParams].map(([name, value], i) => (
          <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
        ))}
        <div>
          <label htmlFor="changes-since" className="block font-medium">
            Changes since
          </label>
          <input id="changes-since" name="since" type="date" defaultValue={sinceDay} required className={`${inputClass} mt-1 w-auto`} />
        </div>
        <button type="submit" className={secondaryButtonClass}>
          Show changes
        </button>
        <p className="basis-full text-zinc-600 dark:text-zinc-400">
          {isFiltered(filters) ? (
            <>
              <Link href={filtersHref('/', filters)}>Open this view on the timeline</Link> ·{' '}
            </>
          ) : null}
          <a href={`/changes.xml?${feedParams.toString()}`}>Feed of these changes (Atom)</a>
        </p>
      </form>
      <ChangeList view={view} />
    </PageFrame>
  );
}
