import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { TimelineItem } from '@/components/timeline/timeline-item';
import { getDb } from '@/db/index';
import { countEvents, involvesCountry, listEvents } from '@/db/queries/events';
import { countryName, isCountryCode } from '@/lib/countries';

type Params = Promise<{ code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const code = (await params).code.toUpperCase();
  return { title: isCountryCode(code) ? countryName(code) : 'Country not found' };
}

const LIMIT = 200;

export default async function CountryPage({ params }: { params: Params }) {
  const raw = (await params).code;
  const code = raw.toUpperCase();
  if (!isCountryCode(code)) notFound();
  if (raw !== code) permanentRedirect(`/countries/${code}`);

  const db = getDb();
  const where = [involvesCountry([code])];
  const total = countEvents(db, { where });
  const { items } = listEvents(db, { where, limit: LIMIT });

  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-6">
      <nav aria-label="Breadcrumb" className="no-print text-sm">
        <Link href="/">Timeline</Link> <span aria-hidden="true">/</span> <span aria-current="page">{countryName(code)}</span>
      </nav>
      <header>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Country · {code}</p>
        <h1 className="font-serif text-3xl font-semibold">{countryName(code)}</h1>
      </header>
      <section aria-labelledby="country-events">
        <h2 id="country-events" className="border-b border-zinc-200 pb-2 text-lg font-semibold dark:border-zinc-800">
          Events <span className="font-normal text-zinc-600 dark:text-zinc-400">({total})</span>
        </h2>
        {items.length === 0 ? (
          <p className="py-6 text-sm text-zinc-600 dark:text-zinc-400">No published events involve {countryName(code)} yet.</p>
        ) : (
          <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {items.map((event) => (
              <li key={event.id}>
                <TimelineItem event={event} headingLevel={3} />
              </li>
            ))}
          </ol>
        )}
        {total > items.length ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Showing the newest {items.length} of {total} events.</p>
        ) : null}
      </section>
    </div>
  );
}
