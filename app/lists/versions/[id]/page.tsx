import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { staffPage } from '@/components/auth/staff-page';
import { Notice } from '@/components/forms/field';
import { SmallActionForm } from '@/components/forms/small-action-form';
import { PageFrame } from '@/components/layout/page-frame';
import { ProposalCard } from '@/components/lists/proposal-card';
import { getStore } from '@/db/index';
import { parseId } from '@/db/queries/events';
import { formatTimestamp } from '@/lib/dates';
import { versionTitle } from '@/lib/lists/proposal-event';
import { FORMAT_LABELS } from '@/lib/lists/types';
import { acceptAllAction } from '@/server/actions/lists';

export const metadata: Metadata = { title: 'List version' };
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function AcceptAllNotice({ query }: { query: Record<string, string | string[] | undefined> }) {
  if (typeof query.accepted !== 'string') return null;
  const left = Number(query.left ?? 0);
  return (
    <Notice tone="success">
      Accepted {query.accepted} {query.accepted === '1' ? 'change' : 'changes'}
      {Number(query.created) > 0 ? `, creating ${query.created} new ${query.created === '1' ? 'actor' : 'actors'}` : ''}.
      {left > 0 ? ` ${left} left for you: a suggested actor to confirm, or no date in the list.` : ''}
    </Notice>
  );
}

export default async function ListVersionPage({ params, searchParams }: Props) {
  const idParam = (await params).id;
  const { forbidden } = await staffPage(`/lists/versions/${idParam}`, 'records:write');
  if (forbidden) return forbidden;
  const id = parseId(idParam);
  const store = getStore();
  const version = id === null ? null : await store.lists.version(id);
  if (!version) notFound();
  const proposals = await store.lists.proposals(version);
  const open = proposals.filter((p) => p.status === 'proposed');
  const decided = proposals.filter((p) => p.status !== 'proposed');
  const title = versionTitle(version);
  return (
    <PageFrame width="4xl" roomy trail={[{ href: '/lists', label: 'Lists' }]} current={`Version #${version.id}`} title={title}>
      <AcceptAllNotice query={await searchParams} />
      <dl className="grid gap-x-4 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">File</dt>
        <dd>
          {version.fileName} ({FORMAT_LABELS[version.format]}), {version.entryCount.toLocaleString('en')} entries
        </dd>
        <dt className="font-medium">Published</dt>
        <dd>{version.publishedAt ? `${version.publishedRaw ?? version.publishedAt}${version.publishedBy === 'staff' ? ' (given at import; the file states no date)' : ' (as the file states)'}` : 'The file states no date.'}</dd>
        <dt className="font-medium">Imported</dt>
        <dd>
          {formatTimestamp(version.importedAt)} by {version.importedBy}
        </dd>
        <dt className="font-medium">SHA-256</dt>
        <dd className="break-all font-mono text-xs">{version.sha256}</dd>
        <dt className="font-medium">Compared with</dt>
        <dd>{version.previousVersionId ? <a href={`/lists/versions/${version.previousVersionId}`}>version #{version.previousVersionId}</a> : 'nothing: the first version of this list is the baseline'}</dd>
      </dl>
      <section aria-labelledby="queue-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="queue-heading" className="text-xl font-semibold">
            To review ({open.length})
          </h2>
          {open.length > 1 ? (
            <SmallActionForm
              action={acceptAllAction}
              fields={{ versionId: version.id }}
              label="Accept all"
              pendingLabel="Accepting…"
              confirm="Publish every change whose party is matched or shares an identifier, making actors for parties with no match at all? Parties with name suggestions and undated changes stay here."
            />
          ) : null}
        </div>
        {open.length === 0 ? (
          <p className="text-zinc-700 dark:text-zinc-300">
            {version.previousVersionId ? 'Nothing left to review in this version.' : 'This is the first version of its list: there is nothing to compare it with, so nothing is proposed.'}
          </p>
        ) : (
          open.map((p) => <ProposalCard key={p.id} proposal={p} versionId={version.id} />)
        )}
      </section>
      {decided.length > 0 ? (
        <section aria-labelledby="decided-heading" className="space-y-4">
          <h2 id="decided-heading" className="text-xl font-semibold">
            Decided ({decided.length})
          </h2>
          {decided.map((p) => (
            <ProposalCard key={p.id} proposal={p} versionId={version.id} />
          ))}
        </section>
      ) : null}
    </PageFrame>
  );
}
