import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { Notice, secondaryButtonClass } from '@/components/forms/field';
import { ActorListEntries } from '@/components/lists/actor-list-entries';
import { PrefilteredEvents } from '@/components/timeline/prefiltered-events';
import { CountryChip } from '@/components/ui/country-chip';
import { Breadcrumb } from '@/components/layout/page-frame';
import { PrintHeader } from '@/components/layout/print-header';
import { getStore } from '@/db/index';
import { parseId } from '@/db/queries/events';
import { timelineViewForRequest } from '@/server/views/timeline';
import { canSeeDrafts, canWrite } from '@/lib/auth/roles';
import { getViewer, readerForPage, type Viewer } from '@/server/auth/viewer';
import { EMPTY_FILTERS } from '@/lib/filters';
import { FilterNotices } from '@/components/filters/filter-notices';
import { AsRecordedBanner } from '@/components/timeline/as-recorded';
import { storeForParam } from '@/server/views/record';
import { ENTITY_KIND_LABELS } from '@/lib/vocabulary';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type Params = Promise<{ id: string }>;

/** The actor if this viewer may see it: one the public may not see is as missing as an unknown id. */
function load(idParam: string, viewer: Viewer | null) {
  const id = parseId(idParam);
  return id === null ? null : getStore().entities.getFor(id, { includeDrafts: canSeeDrafts(viewer) });
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const entity = await load((await params).id, await getViewer());
  return { title: entity ? entity.name : 'Actor not found' };
}

export default async function EntityPage({ params, searchParams }: { params: Params; searchParams?: SearchParams }) {
  const idParam = (await params).id;
  const viewer = await readerForPage(`/entities/${idParam}`);
  const entity = await load(idParam, viewer);
  if (!entity) notFound();
  // Not a permanent redirect: a merge can be undone, and browsers cache permanent ones.
  if (entity.mergedIntoId) redirect(`/entities/${entity.mergedIntoId}`);

  // The actor's events are the timeline filtered to this actor: same list, chart and API.
  const record = await storeForParam((await searchParams)?.as_recorded);
  const past = record?.asRecorded ? record : null;
  const filters = { ...EMPTY_FILTERS, actors: [entity.id], asRecorded: past ? past.filters.asRecorded : null };
  const view = await timelineViewForRequest(filters, { includeDrafts: canSeeDrafts(viewer) }, past?.store);

  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-6">
      <Breadcrumb noPrint current={entity.name} />
      <PrintHeader path={`/entities/${entity.id}`} />
      {past ? <AsRecordedBanner filters={filters} basePath={`/entities/${entity.id}`} /> : null}
      {record && record.issues.length > 0 ? <FilterNotices issues={record.issues} /> : null}
      <header className="space-y-2">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{ENTITY_KIND_LABELS[entity.kind]}</p>
        <h1 className="font-serif text-3xl font-semibold">{entity.name}</h1>
        {canSeeDrafts(viewer) ? (
          <div className="no-print flex flex-wrap gap-2" data-testid="staff-controls">
            {canWrite(viewer) ? (
              <>
                <Link href={`/entities/${entity.id}/edit`} className={secondaryButtonClass}>
                  Edit actor
                </Link>
                <Link href={`/entities/${entity.id}/merge`} className={secondaryButtonClass}>
                  Merge a duplicate…
                </Link>
              </>
            ) : null}
            <Link href={`/entities/${entity.id}/history`} className={secondaryButtonClass}>
              History
            </Link>
          </div>
        ) : null}
        {canSeeDrafts(viewer) && !entity.isPublic ? (
          <Notice tone="info">
            Only staff can see this actor: no published event involves it yet. It becomes public when one does, or when an editor
            makes it public on its {canWrite(viewer) ? <Link href={`/entities/${entity.id}/edit`}>edit page</Link> : 'edit page'}.
          </Notice>
        ) : null}
        {entity.description ? <p className="whitespace-pre-line text-zinc-700 dark:text-zinc-300">{entity.description}</p> : null}
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {entity.aliases.length > 0 ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Also known as</dt>
              <dd>{entity.aliases.join(' · ')}</dd>
            </>
          ) : null}
          {entity.countryCode ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Country</dt>
              <dd>
                <CountryChip code={entity.countryCode} link named />
              </dd>
            </>
          ) : null}
          {entity.opensanctionsId ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">OpenSanctions</dt>
              <dd className="font-mono">{entity.opensanctionsId}</dd>
            </>
          ) : null}
          {entity.ofacUid ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">OFAC UID</dt>
              <dd className="font-mono">{entity.ofacUid}</dd>
            </>
          ) : null}
        </dl>
      </header>
      <ActorListEntries entries={await getStore().lists.entriesOfActor(entity.id)} staff={canWrite(viewer)} />
      <PrefilteredEvents id="entity-events" filters={filters} view={view} emptyMessage={'No published events involve this actor yet.'} />
    </div>
  );
}
