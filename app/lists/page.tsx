import type { Metadata } from 'next';
import { staffPage } from '@/components/auth/staff-page';
import { PageFrame } from '@/components/layout/page-frame';
import { ListUploadForm } from '@/components/lists/list-upload-form';
import { VersionsTable } from '@/components/lists/versions-table';
import { getStore } from '@/db/index';
import { LIST_UPLOAD_MAX_BYTES } from '@/lib/lists/upload';

export const metadata: Metadata = { title: 'Official sanctions lists' };
export const dynamic = 'force-dynamic';

export default async function ListsPage() {
  const { forbidden } = await staffPage('/lists', 'records:write');
  if (forbidden) return forbidden;
  const versions = await getStore().lists.versions();
  return (
    <PageFrame
      width="5xl"
      roomy
      title="Official sanctions lists"
      intro="Import each published version of a list. The first version of a list is the baseline; each later version is compared with the one before, and its new, changed and vanished entries wait here as proposed designations, amendments and removals until an editor accepts or rejects them."
    >
      <ListUploadForm maxMegabytes={LIST_UPLOAD_MAX_BYTES / 1024 / 1024} />
      <section aria-labelledby="versions-heading" className="space-y-3">
        <h2 id="versions-heading" className="text-lg font-semibold">
          Versions and review queue
        </h2>
        <VersionsTable versions={versions} />
      </section>
    </PageFrame>
  );
}
