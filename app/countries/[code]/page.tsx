import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { TimelineResults } from '@/components/timeline/timeline-results';
import { getDb } from '@/db/index';
import { loadTimelineView } from '@/db/queries/timeline-view';
import { countryName, isCountryCode } from '@/lib/countries';
import { EMPTY_FILTERS, filtersHref } from '@/lib/filters';
import { canSeeDrafts, readerForPage } from '@/lib/auth/viewer';

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const code = (await params).code.toUpperCase();
  return { title: isCountryCode(code) ? countryName(code) : 'Country not found' };
}

export default async function CountryPage({ params }: { params: Params }) {
  const raw = (await params).code;
  const viewer = await readerForPage(`/countries/${encodeURIComponent(raw)}`);
  const code = raw.toUpperCase();
  if (!isCountryCode(code)) notFound();
  if (raw !== code) permanentRedirect(`/countries/${code}`);

  // The country's events are the timeline filtered to this country, in any role.
  const filters = { ...EMPTY_FILTERS, countries: [code] };
  const view = loadTimelineView(getDb(), filters, { includeDrafts: canSeeDrafts(viewer) });
  const timelineHref = filtersHref('/', filters);

  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-6">
      <nav aria-label="Breadcrumb" className="no-print text-sm">
        <Link href="/">Timeline</Link> <span aria-hidden="true">/</span> <span aria-current="page">{countryName(code)}</span>
      </nav>
      <header>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Country · {code}</p>
        <h1 className="font-serif text-3xl font-semibold">{countryName(code)}</h1>
      </header>
      <section aria-labelledby="country-events" className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-zinc-200 pb-2 dark:border-zinc-800">
          <h2 id="country-events" className="text-lg font-semibold">
            Events <span className="font-normal text-zinc-600 dark:text-zinc-400">({view.total})</span>
          </h2>
          {view.total > 0 ? (
            <Link href={timelineHref} className="text-sm">
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
          empty={<p className="py-6 text-sm text-zinc-600 dark:text-zinc-400">No published events involve {countryName(code)} yet.</p>}
        />
      </section>
    </div>
  );
}
