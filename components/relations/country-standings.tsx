/**
 * A country page's "Standings": the country's own standing with others, and others' standing with
 * it, as the board draws them (as of today, from 2010 or the first recorded change).
 */
import Link from 'next/link';
import { formatEventDate } from '@/lib/dates';
import { DEFAULT_FROM_YEAR } from '@/lib/relations/board-params';
import { BandLegend } from './band-legend';
import { RelationsChart } from './relations-chart';
import type { BoardRowView } from './types';

function firstYear(rows: readonly BoardRowView[]): number {
  let year = DEFAULT_FROM_YEAR;
  for (const r of rows) for (const m of r.band.markers) year = Math.min(year, Number(m.date.slice(0, 4)));
  return year;
}

export function CountryStandings({
  code,
  name,
  asOf,
  asSubject,
  asCounterpart,
  fromYear,
  toYear,
}: {
  code: string;
  name: string;
  asOf: string;
  asSubject: readonly BoardRowView[];
  asCounterpart: readonly BoardRowView[];
  fromYear: number;
  toYear: number;
}) {
  const none = asSubject.length === 0 && asCounterpart.length === 0;
  return (
    <section aria-labelledby="standings-title" className="space-y-4" data-testid="country-standings">
      <h2 id="standings-title" className="text-xl font-semibold">
        Standings
      </h2>
      {none ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No standing of {name}, or with {name}, is recorded.</p>
      ) : (
        <>
          <p className="text-sm">
            As of {formatEventDate(asOf, 'day')}. See the <Link href={`/relations?with=${code}`}>relations board for {name}</Link> for any other date.
          </p>
          {asCounterpart.length > 0 ? (
            <div className="space-y-2">
              <h3 className="font-semibold">Others&apos; standing with {name}</h3>
              <RelationsChart rows={asCounterpart} counterpartName={name} asOf={asOf} from={`${fromYear}-01-01`} to={`${toYear}-12-31`} zoom="years" />
            </div>
          ) : null}
          {asSubject.length > 0 ? (
            <div className="space-y-2">
              <h3 className="font-semibold">{name}&apos;s standing with others</h3>
              <RelationsChart rows={asSubject} counterpartName={name} asOf={asOf} from={`${fromYear}-01-01`} to={`${toYear}-12-31`} zoom="years" showCounterpart patterns={asCounterpart.length === 0} />
            </div>
          ) : null}
          <details className="text-sm">
            <summary className="cursor-pointer">Key to the bands</summary>
            <div className="mt-2">
              <BandLegend />
            </div>
          </details>
        </>
      )}
    </section>
  );
}

export { firstYear as firstStandingYear };
