import type { Metadata } from 'next';
import Link from 'next/link';
import { Forbidden } from '@/components/auth/forbidden';
import { EntityForm } from '@/components/forms/entity-form';
import { staffForPage } from '@/server/auth/viewer';
import { emptyEntityForm } from '@/lib/validation/entity-form';

export const metadata: Metadata = { title: 'New actor' };

export default async function NewEntityPage() {
  const { viewer, allowed } = await staffForPage('/entities/new', 'records:write');
  if (!allowed) return <Forbidden viewer={viewer} needs="the editor role" />;
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/">Timeline</Link> <span aria-hidden="true">/</span> <span aria-current="page">New actor</span>
      </nav>
      <h1 className="font-serif text-3xl font-semibold">New actor</h1>
      <EntityForm initial={emptyEntityForm()} cancelHref="/" />
    </div>
  );
}
