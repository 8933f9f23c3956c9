/**
 * The relations board for one counterpart: the summary sentence, the chart (unless the table alone
 * was asked for), the key and the table. Printed, it is the heading, the as-of date, the summary
 * and the chart on one landscape page (app/globals.css, `page: relations`), or the table alone.
 */
import type { ReactNode } from 'react';
import { countryName } from '@/lib/countries';
import { formatEventDate } from '@/lib/dates';
import { rangeText, type BoardParams } from '@/lib/relations/board-params';
import { BandLegend } from './band-legend';
import { RelationsChart } from './relations-chart';
import { RelationsTable } from './relations-table';
import type { BoardRowView } from './types';

export function RelationsBoard({
  params,
  summary,
  rows,
  empty,
}: {
  params: Omit<BoardParams, 'notices'>;
  summary: string;
  rows: readonly BoardRowView[];
  /** What to say, and where to go, when nothing is recorded for this counterpart. */
  empty: ReactNode;
}) {
  const name = countryName(params.counterpart);
  const range = rangeText(params.from, params.to);
  return (
    <div className={`space-y-5 ${params.view === 'chart' ? 'relations-has-chart' : ''}`}>
      <p className="text-base font-medium" data-testid="board-summary" aria-live="polite">
        {summary}
      </p>
      {rows.length === 0 ? (
        <div className="rounded border border-dashed border-zinc-400 p-4 text-sm dark:border-zinc-600" data-testid="board-empty">
          {empty}
        </div>
      ) : (
        <>
          {params.view === 'chart' ? (
            <section aria-labelledby="relations-chart-title" className="space-y-3">
              <h2 id="relations-chart-title" className="text-lg font-semibold">
                Standing with {name}, {range}
              </h2>
              <RelationsChart rows={rows} counterpartName={name} asOf={params.asOf} from={params.from} to={params.to} zoom={params.zoom} />
              <BandLegend />
            </section>
          ) : null}
          <section aria-labelledby="relations-table-title" className="relations-table-section space-y-2">
            <h2 id="relations-table-title" className="text-lg font-semibold">
              Table
            </h2>
            <RelationsTable rows={rows} caption={`Standings with ${name} as of ${formatEventDate(params.asOf, 'day')}; changes and events ${range}`} />
          </section>
        </>
      )}
    </div>
  );
}
