/**
 * The board's chart: the rows grouped by region, each a band across the shared time scale. The
 * rows scroll sideways together on a narrow screen while the names and standings stay in view.
 */
import Link from 'next/link';
import { countryName } from '@/lib/countries';
import { formatEventDate } from '@/lib/dates';
import type { BoardZoom } from '@/lib/relations/board-params';
import { BoardAxis } from './board-axis';
import { BandPatterns, DyadBand } from './dyad-band';
import { dyadHref, groupByRegion } from './group-rows';
import { RowStanding } from './row-standing';
import { timeScale } from './time-axis';
import type { BoardRowView } from './types';

const LABEL = 'sticky left-0 z-10 w-36 shrink-0 border-r border-zinc-200 bg-white pr-2 sm:w-64 dark:border-zinc-800 dark:bg-zinc-950';

export function RelationsChart({
  rows,
  counterpartName,
  asOf,
  from,
  to,
  zoom,
  showCounterpart = false,
  patterns = true,
}: {
  rows: readonly BoardRowView[];
  counterpartName: string;
  asOf: string;
  /** The band's first and last day. */
  from: string;
  to: string;
  zoom: BoardZoom;
  /** On a country page, rows have different counterparts: name both sides. */
  showCounterpart?: boolean;
  /** The SVG patterns the bands use; a second chart on the same page leaves them to the first. */
  patterns?: boolean;
}) {
  const scale = timeScale(from, to, zoom);
  return (
    <div className="relations-chart relative">
      {patterns ? <BandPatterns /> : null}
      <div className="relations-scroll overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800" data-testid="relations-chart">
        <div className="inline-block min-w-full">
          <div className="flex items-end border-b border-zinc-200 dark:border-zinc-800">
            <div className={`${LABEL} py-1 text-xs text-zinc-600 dark:text-zinc-400`}>As of {formatEventDate(asOf, 'day')}</div>
            <div className="px-2">
              <BoardAxis scale={scale} />
            </div>
          </div>
          {groupByRegion(rows).map((group) => (
            <section key={group.region} aria-label={group.region}>
              <h3 className="sticky left-0 w-max bg-white px-1 pt-2 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:bg-zinc-950 dark:text-zinc-400">
                {group.region}
              </h3>
              {group.rows.map((row) => {
                const name = showCounterpart ? `${row.subjectName} → ${counterpartNameOf(row)}` : row.subjectName;
                return (
                  <div key={`${row.dyad.subject}>${row.dyad.counterpart}`} className="relations-row flex border-t border-zinc-100 dark:border-zinc-900" data-testid="relations-row" data-subject={row.dyad.subject}>
                    <div className={`${LABEL} py-1.5`}>
                      <Link href={dyadHref(row.dyad)} className="text-sm font-medium">
                        {name}
                      </Link>
                      <RowStanding standing={row.standing} kind={row.subjectKind} compact />
                    </div>
                    <div className="px-2 py-1.5">
                      <DyadBand
                        band={row.band}
                        events={row.events}
                        range={{ from, to, zoom }}
                        asOf={asOf}
                        subjectKind={row.subjectKind}
                        label={`${row.subjectName} and ${showCounterpart ? counterpartNameOf(row) : counterpartName}`}
                      />
                    </div>
                  </div>
                );
              })}
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}

function counterpartNameOf(row: BoardRowView): string {
  return countryName(row.dyad.counterpart);
}
