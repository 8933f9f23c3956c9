import type { Metadata } from 'next';
import Link from 'next/link';
import { undoMergeAction } from '@/server/actions/entities';
import { staffPage } from '@/components/auth/staff-page';
import { HistoryList } from '@/components/event/history-list';
import { Notice } from '@/components/forms/field';
import { SmallActionForm } from '@/components/forms/small-action-form';
import { PageFrame } from '@/components/layout/page-frame';
import { getStore } from '@/db/index';
import type { MergeView } from '@/db/queries/revisions';
import { canWrite } from '@/lib/auth/roles';
import { entityForStaffPage } from '@/server/views/entity';
import { formatTimestamp } from '@/lib/dates';

export const metadata: Metadata = { title: 'Actor history' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The merges this actor took part in, each with a way to undo it while it still can be. */
function MergeList({ merges, canUndo }: { merges: MergeView[]; canUndo: boolean }) {
  if (merges.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No merges involve this actor.</p>;
  return (
    <ul className="space-y-3">
      {merges.map((m) => (
        <li key={m.id} className="text-sm" data-testid="merge-entry">
          <p>
            <Link href={`/entities/${m.mergedId}/history`}>{m.mergedName}</Link> merged into{' '}
            <Link href={`/entities/${m.survivorId}`}>{m.survivorName}</Link> on {formatTimestamp(m.createdAt)} ({m.movedCount}{' '}
            {m.movedCount === 1 ? 'event' : 'events'} affected)
            {m.undoneAt ? `; undone on ${formatTimestamp(m.undoneAt)}` : ''}.
          </p>
          {canUndo && m.undoable ? (
            <div className="mt-1">
              <SmallActionForm action={undoMergeAction} fields={{ mergeId: m.id }} label="Undo this merge" pendingLabel="Undoing…" confirm="Separate these two actors again?" />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default async function EntityHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const idParam = (await params).id;
  const { viewer, forbidden } = await staffPage(`/entities/${idParam}/history`, 'drafts:read');
  if (forbidden) return forbidden;
  const entity = await entityForStaffPage(idParam);
  const store = getStore();
  const [merges, history] = await Promise.all([store.entities.merges(entity.id), store.entities.history(entity.id)]);
  const sp = await searchParams;

  return (
    <PageFrame title={`History of ${entity.name}`} current="History" trail={[{ href: `/entities/${entity.id}`, label: entity.name }]}>
      {typeof sp.merged === 'string' ? <Notice tone="success">Merged. The duplicate&apos;s events now point here; the merge can be undone below.</Notice> : null}
      {typeof sp.unmerged === 'string' ? <Notice tone="success">Merge undone: both actors are separate again, with their own events.</Notice> : null}
      {entity.mergedIntoId ? (
        <Notice tone="info">
          This actor is merged into <Link href={`/entities/${entity.mergedIntoId}`}>actor #{entity.mergedIntoId}</Link>.
        </Notice>
      ) : null}

      <section aria-labelledby="merges-title" className="space-y-3">
        <h2 id="merges-title" className="text-lg font-semibold">
          Merges
        </h2>
        <MergeList merges={merges} canUndo={canWrite(viewer)} />
      </section>

      <section aria-labelledby="revisions-title" className="space-y-3">
        <h2 id="revisions-title" className="text-lg font-semibold">
          Changes
        </h2>
        <HistoryList entries={history} label="Changes, newest first" />
      </section>
    </PageFrame>
  );
}
