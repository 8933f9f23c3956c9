/** The stored versions of each list, newest first, with what is left to review in each. */
import Link from 'next/link';
import type { VersionSummary } from '@/db/lists/queries';
import { formatTimestamp } from '@/lib/dates';
import { LIST_SOURCES } from '@/lib/lists/types';
import { LIST_SOURCE_INFO } from '@/lib/lists/proposal-event';

export function VersionsTable({ versions }: { versions: VersionSummary[] }) {
  if (versions.length === 0) {
    return <p className="text-zinc-700 dark:text-zinc-300">No list has been imported yet. Import a first version above: it becomes the baseline the next version is compared with.</p>;
  }
  return (
    <div className="space-y-6">
      {LIST_SOURCES.filter((s) => versions.some((v) => v.source === s)).map((source) => (
        <section key={source} aria-labelledby={`versions-${source}`}>
          <h3 id={`versions-${source}`} className="font-semibold">
            {LIST_SOURCE_INFO[source].label}
          </h3>
          <div className="overflow-x-auto">
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">Versions of the {LIST_SOURCE_INFO[source].label}, newest first</caption>
              <thead>
                <tr className="border-b border-zinc-300 dark:border-zinc-700">
                  <th scope="col" className="py-1 pr-3">Version</th>
                  <th scope="col" className="py-1 pr-3">Published</th>
                  <th scope="col" className="py-1 pr-3">Entries</th>
                  <th scope="col" className="py-1 pr-3">Changes</th>
                  <th scope="col" className="py-1 pr-3">To review</th>
                  <th scope="col" className="py-1 pr-3">Imported</th>
                </tr>
              </thead>
              <tbody>
                {versions
                  .filter((v) => v.source === source)
                  .map((v) => (
                    <tr key={v.id} className="border-b border-zinc-200 align-top dark:border-zinc-800">
                      <td className="py-1 pr-3">
                        <Link href={`/lists/versions/${v.id}`}>#{v.id}</Link> <span className="text-zinc-600 dark:text-zinc-400">{v.fileName}</span>
                      </td>
                      <td className="py-1 pr-3">{v.publishedAt ? `${v.publishedAt}${v.publishedBy === 'staff' ? ' (given at import)' : ''}` : 'not stated'}</td>
                      <td className="py-1 pr-3">{v.entryCount.toLocaleString('en')}</td>
                      <td className="py-1 pr-3">
                        {v.previousVersionId ? `+${v.designations} / ~${v.amendments} / −${v.removals}` : 'baseline'}
                        <span className="sr-only"> (designations / amendments / removals)</span>
                      </td>
                      <td className="py-1 pr-3">{v.previousVersionId ? (v.open > 0 ? <Link href={`/lists/versions/${v.id}`}>{v.open} open</Link> : 'done') : '—'}</td>
                      <td className="py-1 pr-3">
                        {formatTimestamp(v.importedAt)}, {v.importedBy}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
