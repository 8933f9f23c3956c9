import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Forbidden } from '@/components/auth/forbidden';
import { EntityForm } from '@/components/forms/entity-form';
import { Notice } from '@/components/forms/field';
import { getDb } from '@/db/index';
import { getEntity } from '@/db/queries/entities';
import { parseId } from '@/db/queries/events';
import { staffForPage } from '@/server/auth/viewer';
import { entityToFormValues } from '@/lib/validation/entity-form';

export const metadata: Metadata = { title: 'Edit actor' };

export default async function EditEntityPage({ params }: { params: Promise<{ id: string }> }) {
  const idParam = (await params).id;
  const { viewer, allowed } = await staffForPage(`/entities/${idParam}/edit`, 'records:write');
  if (!allowed) return <Forbidden viewer={viewer} needs="the editor role" />;
  const id = parseId(idParam);
  const entity = id === null ? null : getEntity(getDb(), id);
  if (!entity) notFound();
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/">Timeline</Link> <span aria-hidden="true">/</span> <Link href={`/entities/${entity.id}`}>{entity.name}</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Edit</span>
      </nav>
      <h1 className="font-serif text-3xl font-semibold">Edit actor</h1>
      {entity.mergedIntoId ? (
        <Notice tone="error">
          This actor was merged into <Link href={`/entities/${entity.mergedIntoId}`}>another one</Link>. Edit that one, or undo the merge
          from its <Link href={`/entities/${entity.id}/history`}>history</Link>.
        </Notice>
      ) : (
        <EntityForm entityId={entity.id} version={entity.version} initial={entityToFormValues(entity)} cancelHref={`/entities/${entity.id}`} />
      )}
    </div>
  );
}
