'use client';

import { useId } from 'react';
import { TypeSwatch } from '@/components/ui/type-badge';
import type { DensityChartData } from '@/db/queries/density';
import { EVENT_TYPES } from '@/lib/event-types';
import type { TimelineFilters } from '@/lib/filter-url';
import { DensityBars } from './density-bars';
import { DensityTable } from './density-table';
import { useChartSelection } from './use-chart-selection';

/**
 * Events per month (or year, decade or century, so never more than MAX_BARS bars) stacked by type.
 * Every bar is a link that narrows the date filter to its period, so the chart works without
 * JavaScript; with it, dragging across bars (or Shift+arrow keys) selects a span. One tab stop:
 * arrow keys move between bars. A table holds the same numbers.
 */
export function DensityChart({ chart, filters, basePath }: { chart: DensityChartData; filters: TimelineFilters; basePath: string }) {
  const selection = useChartSelection(chart, filters, basePath);
  const captionId = useId();
  const helpId = useId();
  const typesShown = EVENT_TYPES.filter((t) => chart.buckets.some((b) => b.counts[t.key] > 0));

  return (
    <figure
      aria-labelledby={captionId}
      className="rounded border border-zinc-200 p-3 dark:border-zinc-800"
      data-pending={selection.isPending ? '' : undefined}
      data-testid="density-chart"
    >
      <figcaption id={captionId} className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">Events per {chart.unit}, by type</span>
        <span id={helpId} className="hidden text-xs text-zinc-600 sm:inline dark:text-zinc-400">
          Select a bar to narrow the dates; drag across bars (or use Shift with the arrow keys) for a span.
        </span>
      </figcaption>
      {chart.max === 0 ? (
        <p className="py-6 text-sm text-zinc-600 dark:text-zinc-400">None of these events is dated to a month, so there is nothing to draw by month.</p>
      ) : (
        <DensityBars chart={chart} selection={selection} helpId={helpId} />
      )}
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300">
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Legend">
          {typesShown.map((t) => (
            <li key={t.key} className="inline-flex items-center gap-1.5">
              <TypeSwatch type={t.key} />
              {t.plural}
            </li>
          ))}
        </ul>
        {chart.yearOnly > 0 ? (
          <p className="text-zinc-600 dark:text-zinc-400" data-testid="chart-year-only">
            {chart.yearOnly === 1 ? '1 event is' : `${chart.yearOnly} events are`} dated only to the year and not drawn by month.
          </p>
        ) : null}
      </div>
      <DensityTable chart={chart} types={typesShown} />
    </figure>
  );
}
