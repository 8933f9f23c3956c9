import type { CitedSource } from '@/db/queries/events';
import { formatEventDate } from '@/lib/dates';

export function SourceList({ sources }: { sources: CitedSource[] }) {
  if (sources.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No sources recorded.</p>;
  }
  return (
    <ol className="space-y-4">
      {sources.map((s) => (
        <li key={s.id} className="text-sm">
          <p className="font-medium">
            {s.url ? (
              <a href={s.url} target="_blank" rel="noopener noreferrer" className="print-url">
                {s.title}
                <span className="sr-only"> (opens in a new tab)</span>
              </a>
            ) : (
              <cite className="not-italic">{s.title}</cite>
            )}
          </p>
          <p className="text-zinc-600 dark:text-zinc-400">
            {[s.publisher, s.publishedDate ? formatEventDate(s.publishedDate, 'day') : null, s.url ? null : 'no web address recorded']
              .filter(Boolean)
              .join(' · ')}
          </p>
          {s.excerpt ? (
            <blockquote className="mt-1 border-l-2 border-zinc-300 pl-3 text-zinc-700 italic dark:border-zinc-700 dark:text-zinc-300">
              {s.excerpt}
            </blockquote>
          ) : null}
          {s.note ? (
            <p className="mt-1 text-zinc-600 dark:text-zinc-400">
              <span className="font-medium">Note:</span> {s.note}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
