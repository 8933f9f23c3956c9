import type { Metadata } from 'next';
import { staffPage } from '@/components/auth/staff-page';
import { EntityForm } from '@/components/forms/entity-form';
import { PageFrame } from '@/components/layout/page-frame';
import { emptyEntityForm } from '@/lib/validation/entity-form';

export const metadata: Metadata = { title: 'New actor' };

export default async function NewEntityPage() {
  const { forbidden } = await staffPage('/entities/new', 'records:write');
  if (forbidden) return forbidden;
  return (
    <PageFrame title="New actor">
      <EntityForm initial={emptyEntityForm()} cancelHref="/" />
    </PageFrame>
  );
}
