import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { undoMergeAction } from '@/server/actions/entities';
import { Forbidden } from '@/components/auth/forbidden';
import { HistoryList } from '@/components/event/history-list';
import { Notice } from '@/components/forms/field';
import { SmallActionForm } from '@/components/forms/small-action-form';
import { getDb } from '@/db/index';
import { getEntity } from '@/db/queries/entities';
import { parseId } from '@/db/queries/events';
import { getEntityHistory, listMergesOf } from '@/db/queries/revisions';
import { canWrite } from '@/lib/auth/roles';
import { staffForPage } from '@/server/auth/viewer';
import { formatTimestamp } from '@/lib/dates';

export const metadata: Metadata = { title: 'Actor history' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function EntityHistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const idParam = (await params).id;
  const { viewer, allowed } = await staffForPage(`/entities/${idParam}/history`, 'drafts:read');
  if (!allowed) return <Forbidden viewer={viewer} needs="a staff account" />;
  const db = getDb();
  const id = parseId(idParam);
  const entity = id === null ? null : getEntity(db, id);
  if (!entity) notFound();
  const sp = await searchParams;
  const merges = listMergesOf(db, entity.id);
  const history = getEntityHistory(db, entity.id);
  const editor = canWrite(viewer);

  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/">Timeline</Link> <span aria-hidden="true">/</span> <Link href={`/entities/${entity.id}`}>{entity.name}</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">History</span>
      </nav>
      <h1 className="font-serif text-3xl font-semibold">History of {entity.name}</h1>
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
        {merges.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No merges involve this actor.</p>
        ) : (
          <ul className="space-y-3">
            {merges.map((m) => (
              <li key={m.id} className="text-sm" data-testid="merge-entry">
                <p>
                  <Link href={`/entities/${m.mergedId}/history`}>{m.mergedName}</Link> merged into{' '}
                  <Link href={`/entities/${m.survivorId}`}>{m.survivorName}</Link> on {formatTimestamp(m.createdAt)} ({m.movedCount}{' '}
                  {m.movedCount === 1 ? 'event' : 'events'} affected)
                  {m.undoneAt ? `; undone on ${formatTimestamp(m.undoneAt)}` : ''}.
                </p>
                {editor && m.undoable ? (
                  <div className="mt-1">
                    <SmallActionForm action={undoMergeAction} fields={{ mergeId: m.id }} label="Undo this merge" pendingLabel="Undoing…" confirm="Separate these two actors again?" />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="revisions-title" className="space-y-3">
        <h2 id="revisions-title" className="text-lg font-semibold">
          Changes
        </h2>
        <HistoryList entries={history} label="Changes, newest first" />
      </section>
    </div>
  );
}
