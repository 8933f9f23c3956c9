import type { Metadata } from 'next';
import Link from 'next/link';
import { PageFrame } from '@/components/layout/page-frame';
import { getStore } from '@/db/index';
import { countryName } from '@/lib/countries';
import { ENTITY_KIND_LABELS } from '@/lib/vocabulary';
import { readerForPage } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Actors' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const events = (n: number) => (n === 1 ? '1 event' : `${n.toLocaleString('en')} events`);

/** Every actor a published event involves, by name, with its number of events; 200 to a page. */
export default async function EntitiesPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).page;
  await readerForPage(typeof raw === 'string' ? `/entities?page=${encodeURIComponent(raw)}` : '/entities');
  const asked = typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
  const { items, total, pages } = await getStore().entities.actors(asked);
  const page = Math.min(asked, pages);
  return (
    <PageFrame
      title="Actors"
      intro="Every person, organisation and government that a published event involves, by name, with how many events. Find one by name with the actor filter on the timeline."
    >
      {total === 0 ? (
        <p className="rounded border border-dashed border-zinc-300 py-10 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400" data-testid="empty-state">
          No published event names an actor yet.
        </p>
      ) : (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {total.toLocaleString('en')} {total === 1 ? 'actor' : 'actors'}
            {pages > 1 ? `, page ${page} of ${pages}` : ''}.
          </p>
          <ul className="space-y-1.5" aria-label="Actors" data-testid="actor-index">
            {items.map((a) => (
              <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-x-3 border-b border-zinc-100 py-1 dark:border-zinc-900">
                <span>
                  <Link href={`/entities/${a.id}`}>{a.name}</Link>{' '}
                  <span className="text-sm text-zinc-600 dark:text-zinc-400">
                    {ENTITY_KIND_LABELS[a.kind]}
                    {a.countryCode ? ` · ${countryName(a.countryCode)}` : ''}
                  </span>
                </span>
                <span className="text-sm tabular-nums text-zinc-600 dark:text-zinc-400">{events(a.events)}</span>
              </li>
            ))}
          </ul>
          {pages > 1 ? (
            <nav aria-label="Pages" className="flex gap-4 text-sm">
              {page > 1 ? <Link href={`/entities?page=${page - 1}`}>Previous page</Link> : null}
              {page < pages ? <Link href={`/entities?page=${page + 1}`}>Next page</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </PageFrame>
  );
}
