import type { Metadata } from 'next';
import Link from 'next/link';
import { staffPage } from '@/components/auth/staff-page';
import { EntityForm } from '@/components/forms/entity-form';
import { Notice } from '@/components/forms/field';
import { PageFrame } from '@/components/layout/page-frame';
import { entityForStaffPage } from '@/server/views/entity';
import { entityToFormValues } from '@/lib/validation/entity-form';

export const metadata: Metadata = { title: 'Edit actor' };

export default async function EditEntityPage({ params }: { params: Promise<{ id: string }> }) {
  const idParam = (await params).id;
  const { forbidden } = await staffPage(`/entities/${idParam}/edit`, 'records:write');
  if (forbidden) return forbidden;
  const entity = await entityForStaffPage(idParam);
  return (
    <PageFrame title="Edit actor" current="Edit" trail={[{ href: `/entities/${entity.id}`, label: entity.name }]}>
      {entity.mergedIntoId ? (
        <Notice tone="error">
          This actor was merged into <Link href={`/entities/${entity.mergedIntoId}`}>another one</Link>. Edit that one, or undo the merge
          from its <Link href={`/entities/${entity.id}/history`}>history</Link>.
        </Notice>
      ) : (
        <EntityForm entityId={entity.id} version={entity.version} initial={entityToFormValues(entity)} cancelHref={`/entities/${entity.id}`} />
      )}
    </PageFrame>
  );
}
