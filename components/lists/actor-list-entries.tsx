/**
 * On an actor's page: the official list entries matched to the actor, and for each, the versions
 * of its list we hold, marking those that list it (with the name and programs as that version
 * gives them). Staff can undo a match here.
 */
import Link from 'next/link';
import { SmallActionForm } from '@/components/forms/small-action-form';
import type { ActorListEntry } from '@/db/lists/matching';
import { formatTimestamp } from '@/lib/dates';
import { LIST_SOURCE_INFO } from '@/lib/lists/proposal-event';
import { undoMatchAction } from '@/server/actions/lists';

export function ActorListEntries({ entries, staff }: { entries: ActorListEntry[]; staff: boolean }) {
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="list-entries-heading" className="space-y-3">
      <h2 id="list-entries-heading" className="text-lg font-semibold">
        On official sanctions lists
      </h2>
      {entries.map((e) => (
        <div key={e.matchId} className="space-y-1 text-sm" data-testid="actor-list-entry">
          <p>
            {LIST_SOURCE_INFO[e.source].label}, entry <span className="font-mono">{e.entryKey}</span>{' '}
            <span className="text-zinc-600 dark:text-zinc-400">
              (matched {e.method === 'created' ? 'when the actor was created from it' : e.method === 'picked' ? 'by hand' : `by ${e.method}`}, confirmed by {e.confirmedBy}, {formatTimestamp(e.confirmedAt)})
            </span>
          </p>
          <table className="w-full text-left">
            <caption className="sr-only">Versions of the {LIST_SOURCE_INFO[e.source].label} and this entry in each</caption>
            <thead>
              <tr className="border-b border-zinc-300 dark:border-zinc-700">
                <th scope="col" className="py-1 pr-3">Version</th>
                <th scope="col" className="py-1 pr-3">Published</th>
                <th scope="col" className="py-1 pr-3">The entry</th>
              </tr>
            </thead>
            <tbody>
              {e.versions.map((v) => (
                <tr key={v.versionId} className="border-b border-zinc-200 dark:border-zinc-800">
                  <td className="py-1 pr-3">{staff ? <Link href={`/lists/versions/${v.versionId}`}>#{v.versionId}</Link> : `#${v.versionId}`}</td>
                  <td className="py-1 pr-3">{v.publishedAt ?? 'not stated'}</td>
                  <td className="py-1 pr-3">{v.name ? `${v.name}${v.programs.length ? ` · ${v.programs.join('; ')}` : ''}` : <em>not listed</em>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {staff ? <SmallActionForm action={undoMatchAction} fields={{ matchId: e.matchId, back: 'entity' }} label="Undo this match" pendingLabel="Undoing…" confirm="Undo the match? The actor's history keeps it." /> : null}
        </div>
      ))}
    </section>
  );
}
