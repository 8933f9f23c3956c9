import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { CountryStandings, firstStandingYear } from '@/components/relations/country-standings';
import { PrefilteredEvents } from '@/components/timeline/prefiltered-events';
import { getStore } from '@/db/index';
import { todayIso } from '@/lib/dates';
import { Breadcrumb } from '@/components/layout/page-frame';
import { PrintHeader } from '@/components/layout/print-header';
import { timelineViewForRequest } from '@/server/views/timeline';
import { countryName, isCountryCode } from '@/lib/countries';
import { EMPTY_FILTERS } from '@/lib/filters';
import { FilterNotices } from '@/components/filters/filter-notices';
import { AsRecordedBanner } from '@/components/timeline/as-recorded';
import { storeForParam } from '@/server/views/record';
import { canSeeDrafts, readerForPage } from '@/server/auth/viewer';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const code = (await params).code.toUpperCase();
  return { title: isCountryCode(code) ? countryName(code) : 'Country not found' };
}

export default async function CountryPage({ params, searchParams }: { params: Params; searchParams?: SearchParams }) {
  const raw = (await params).code;
  const viewer = await readerForPage(`/countries/${encodeURIComponent(raw)}`);
  const code = raw.toUpperCase();
  if (!isCountryCode(code)) notFound();
  if (raw !== code) permanentRedirect(`/countries/${code}`);

  // The country's events are the timeline filtered to this country, in any role.
  const record = await storeForParam((await searchParams)?.as_recorded);
  const past = record?.asRecorded ? record : null;
  const filters = { ...EMPTY_FILTERS, countries: [code], asRecorded: past ? past.filters.asRecorded : null };
  const view = await timelineViewForRequest(filters, { includeDrafts: canSeeDrafts(viewer) }, past?.store);
  const asOf = todayIso();
  const toYear = Number(asOf.slice(0, 4));
  const range = { from: '1900-01-01', to: `${toYear}-12-31`, includeDrafts: canSeeDrafts(viewer) };
  // Bands from the first recorded change (2010 at the latest) to the end of this year; the first
  // read finds that change, the second clips the bands and events to the years drawn.
  const all = await getStore().relations.forCountry(code, asOf, range);
  const fromYear = firstStandingYear([...all.asSubject, ...all.asCounterpart]);
  const shown = await getStore().relations.forCountry(code, asOf, { ...range, from: `${fromYear}-01-01` });

  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-6">
      <Breadcrumb noPrint current={countryName(code)} />
      <PrintHeader path={`/countries/${code}`} />
      {past ? <AsRecordedBanner filters={filters} basePath={`/countries/${code}`} /> : null}
      {record && record.issues.length > 0 ? <FilterNotices issues={record.issues} /> : null}
      <header>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Country · {code}</p>
        <h1 className="font-serif text-3xl font-semibold">{countryName(code)}</h1>
      </header>
      <CountryStandings
        code={code}
        name={countryName(code)}
        asOf={asOf}
        asSubject={shown.asSubject}
        asCounterpart={shown.asCounterpart}
        fromYear={fromYear}
        toYear={toYear}
      />
      <PrefilteredEvents id="country-events" filters={filters} view={view} emptyMessage={`No published events involve ${countryName(code)} yet.`} />
    </div>
  );
}
