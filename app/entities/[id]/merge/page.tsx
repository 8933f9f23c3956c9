import type { Metadata } from 'next';
import Link from 'next/link';
import { mergeEntitiesAction } from '@/server/actions/entities';
import { staffPage } from '@/components/auth/staff-page';
import { Notice } from '@/components/forms/field';
import { MergePicker } from '@/components/forms/merge-picker';
import { SmallActionForm } from '@/components/forms/small-action-form';
import { PageFrame } from '@/components/layout/page-frame';
import { getStore } from '@/db/index';
import type { EntityDetail } from '@/db/queries/entities';
import { parseId } from '@/db/queries/events';
import { entityForStaffPage } from '@/server/views/entity';
import { countryName } from '@/lib/countries';
import { ENTITY_KIND_LABELS } from '@/lib/vocabulary';

export const metadata: Metadata = { title: 'Merge actors' };

function Card({ title, entity, events }: { title: string; entity: EntityDetail; events: number }) {
  return (
    <section aria-label={title} className="space-y-1 rounded border border-zinc-300 p-4 text-sm dark:border-zinc-700">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{title}</h2>
      <p className="text-lg font-semibold">
        <Link href={`/entities/${entity.id}`}>{entity.name}</Link> <span className="text-sm font-normal text-zinc-600">#{entity.id}</span>
      </p>
      <p>{ENTITY_KIND_LABELS[entity.kind]}{entity.countryCode ? ` · ${countryName(entity.countryCode)}` : ''}</p>
      <p>Also known as: {entity.aliases.length > 0 ? entity.aliases.join(', ') : '(none)'}</p>
      <p>OpenSanctions: {entity.opensanctionsId ?? '(none)'} · OFAC UID: {entity.ofacUid ?? '(none)'}</p>
      <p>In {events === 1 ? '1 event' : `${events} events`}</p>
    </section>
  );
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function MergePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const idParam = (await params).id;
  const { forbidden } = await staffPage(`/entities/${idParam}/merge`, 'records:write');
  if (forbidden) return forbidden;
  const store = getStore();
  const survivor = await entityForStaffPage(idParam);
  const otherParam = (await searchParams).other;
  const otherId = typeof otherParam === 'string' ? parseId(otherParam) : null;
  const other = otherId === null ? null : await store.entities.get(otherId);

  let problem: string | null = null;
  if (survivor.mergedIntoId) problem = 'This actor has itself been merged into another; open that one instead.';
  else if (typeof otherParam === 'string' && !other) problem = 'No actor with that number.';
  else if (other && other.id === survivor.id) problem = 'That is this actor: choose its duplicate.';
  else if (other?.mergedIntoId) problem = `${other.name} has already been merged into another actor.`;
  else if (other && other.kind !== survivor.kind) problem = `${other.name} is a ${ENTITY_KIND_LABELS[other.kind].toLowerCase()}, not a ${ENTITY_KIND_LABELS[survivor.kind].toLowerCase()}: correct the kind first if they are the same.`;

  return (
    <PageFrame
      width="4xl"
      title={`Merge a duplicate into ${survivor.name}`}
      current="Merge"
      trail={[{ href: `/entities/${survivor.id}`, label: survivor.name }]}
      intro="When two records are the same person or body: the duplicate's events move here, its name and aliases become aliases, and identifiers this record lacks are copied. The merge is recorded and can be undone from the history."
    >
      <MergePicker survivorId={survivor.id} />
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      {other && !problem ? (
        <div className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <Card title="Keep" entity={survivor} events={await store.entities.eventCount(survivor.id)} />
            <Card title="Merge into it (the duplicate)" entity={other} events={await store.entities.eventCount(other.id)} />
          </div>
          <SmallActionForm
            action={mergeEntitiesAction}
            fields={{ survivorId: survivor.id, survivorVersion: survivor.version, mergedId: other.id, mergedVersion: other.version }}
            label={`Merge ${other.name} into ${survivor.name}`}
            pendingLabel="Merging…"
            confirm="Merge these two actors?"
            danger
          />
          <p className="text-sm">
            Want to keep the other record instead? <Link href={`/entities/${other.id}/merge?other=${survivor.id}`}>Merge the other way</Link>.
          </p>
        </div>
      ) : null}
    </PageFrame>
  );
}
