import type { DensityChartData } from '@/db/queries/density';
import type { EVENT_TYPES } from '@/lib/event-types';
import { UNIT_HEADINGS } from './chart-labels';

/** The chart's numbers as a table, behind a disclosure: one row per period that has events. */
export function DensityTable({ chart, types }: { chart: DensityChartData; types: (typeof EVENT_TYPES)[number][] }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-zinc-700 dark:text-zinc-300">Show the chart as a table</summary>
      <table className="mt-2 w-full text-left text-xs tabular-nums">
        <caption className="sr-only">Events per {chart.unit}, by type</caption>
        <thead>
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th scope="col" className="py-1 pr-2 font-medium">
              {UNIT_HEADINGS[chart.unit]}
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              Events
            </th>
            {types.map((t) => (
              <th key={t.key} scope="col" className="py-1 pr-2 font-medium">
                {t.plural}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chart.buckets
            .filter((b) => b.total > 0)
            .map((b) => (
              <tr key={b.key} className="border-b border-zinc-100 dark:border-zinc-900">
                <th scope="row" className="py-1 pr-2 font-normal">
                  {b.name}
                </th>
                <td className="py-1 pr-2">{b.total}</td>
                {types.map((t) => (
                  <td key={t.key} className="py-1 pr-2">
                    {b.counts[t.key]}
                  </td>
                ))}
              </tr>
            ))}
        </tbody>
      </table>
    </details>
  );
}
