import Link from 'next/link';
import { Fragment } from 'react';
import { describeFilters, filtersHref, type FilterLookups, type TimelineFilters } from '@/lib/filters';

function eventCount(n: number): string {
  return n === 1 ? '1 event' : `${n.toLocaleString('en')} events`;
}

/**
 * The active filters in words, each removable with one click, then the number of events:
 * "Sanctions designations × · Syria as target × · 2020 – 2023 × · 7 events · Clear all".
 * Plain links, so it works without JavaScript and every state has its own URL.
 */
export function FilterSummary({
  filters,
  lookups,
  total,
  basePath = '/',
}: {
  filters: TimelineFilters;
  lookups: FilterLookups;
  total: number;
  basePath?: string;
}) {
  const groups = describeFilters(filters, lookups);
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1.5 text-sm" data-testid="filter-summary">
      {groups.length > 0 ? <span className="sr-only">Active filters:</span> : null}
      {groups.map((group, gi) => (
        <Fragment key={group.facet}>
          {gi > 0 ? (
            <span aria-hidden="true" className="text-zinc-400">
              ·
            </span>
          ) : null}
          {group.chips.map((chip, ci) => (
            <Fragment key={chip.key}>
              {ci > 0 ? <span className="text-zinc-600 dark:text-zinc-400">or</span> : null}
              <span className="inline-flex items-center rounded-full border border-zinc-300 bg-zinc-50 py-0.5 pr-1 pl-2.5 dark:border-zinc-700 dark:bg-zinc-900">
                <span data-testid="filter-chip">{chip.label}</span>
                <Link
                  href={filtersHref(basePath, chip.without)}
                  scroll={false}
                  prefetch={false}
                  className="ml-1 inline-flex size-5 items-center justify-center rounded-full text-zinc-600 no-underline hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
                  aria-label={`Remove filter: ${chip.label}`}
                >
                  <span aria-hidden="true">×</span>
                </Link>
              </span>
            </Fragment>
          ))}
        </Fragment>
      ))}
      {groups.length > 0 ? (
        <span aria-hidden="true" className="text-zinc-400">
          ·
        </span>
      ) : null}
      <span className="font-medium" data-testid="result-count" aria-live="polite" aria-atomic="true">
        {eventCount(total)}
      </span>
      {groups.length > 0 ? (
        <Link href={basePath} scroll={false} prefetch={false} className="ml-auto text-sm">
          Clear all filters
        </Link>
      ) : null}
    </div>
  );
}
