import type { Metadata } from 'next';
import Link from 'next/link';
import { PageFrame } from '@/components/layout/page-frame';
import { getStore } from '@/db/index';
import { readerForPage } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Countries' };

const events = (n: number) => (n === 1 ? '1 event' : `${n.toLocaleString('en')} events`);

/** Every country a published event involves, in any role, with its number of events. */
export default async function CountriesPage() {
  await readerForPage('/countries');
  const countries = await getStore().entities.countries();
  return (
    <PageFrame title="Countries" intro="Every country that a published event involves, as actor, target or location, with how many events.">
      {countries.length === 0 ? (
        <p className="rounded border border-dashed border-zinc-300 py-10 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400" data-testid="empty-state">
          No published event names a country yet.
        </p>
      ) : (
        <ul className="grid gap-x-6 gap-y-1.5 sm:grid-cols-2" aria-label={`${countries.length} countries`} data-testid="country-index">
          {countries.map((c) => (
            <li key={c.code} className="flex items-baseline justify-between gap-3 border-b border-zinc-100 py-1 dark:border-zinc-900">
              <Link href={`/countries/${c.code}`}>
                {c.name} <span className="text-sm text-zinc-600 dark:text-zinc-400">({c.code})</span>
              </Link>
              <span className="text-sm tabular-nums text-zinc-600 dark:text-zinc-400">{events(c.events)}</span>
            </li>
          ))}
        </ul>
      )}
    </PageFrame>
  );
}
