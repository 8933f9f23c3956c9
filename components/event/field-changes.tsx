import type { FieldChange } from '@/lib/event-content';

/** One revision's differences: text word by word, values before → after, lists added/removed. */
export function FieldChanges({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return null;
  return (
    <dl className="mt-2 space-y-2 border-l-2 border-zinc-200 pl-3 text-sm dark:border-zinc-700">
      {changes.map((c) => (
        <div key={c.key}>
          <dt className="font-medium">{c.label}</dt>
          <dd className="text-zinc-800 dark:text-zinc-200">
            {c.kind === 'items' ? (
              <ul className="space-y-0.5">
                {c.removed.map((item) => (
                  <li key={`-${item}`}>
                    <del className="text-red-800 decoration-red-800/60 dark:text-red-300">
                      <span className="sr-only">Removed: </span>
                      {item}
                    </del>
                  </li>
                ))}
                {c.added.map((item) => (
                  <li key={`+${item}`}>
                    <ins className="text-green-800 no-underline dark:text-green-300">
                      <span className="sr-only">Added: </span>
                      <span aria-hidden="true">+ </span>
                      {item}
                    </ins>
                  </li>
                ))}
              </ul>
            ) : c.kind === 'text' && c.segments ? (
              <p className="whitespace-pre-line">
                {c.segments.map((s, i) =>
                  s.op === 'same' ? (
                    <span key={i}>{s.text}</span>
                  ) : s.op === 'removed' ? (
                    <del key={i} className="bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200">
                      <span className="sr-only">[removed: </span>
                      {s.text}
                      <span className="sr-only">]</span>
                    </del>
                  ) : (
                    <ins key={i} className="bg-green-100 text-green-900 no-underline dark:bg-green-950 dark:text-green-200">
                      <span className="sr-only">[added: </span>
                      {s.text}
                      <span className="sr-only">]</span>
                    </ins>
                  ),
                )}
              </p>
            ) : (
              <p className="whitespace-pre-line">
                {c.before !== null ? (
                  <>
                    <del className="text-red-800 dark:text-red-300">
                      <span className="sr-only">Was: </span>
                      {c.before}
                    </del>{' '}
                    <span aria-hidden="true">→</span>{' '}
                  </>
                ) : null}
                {c.after !== null ? (
                  <ins className="text-green-800 no-underline dark:text-green-300">
                    <span className="sr-only">Now: </span>
                    {c.after}
                  </ins>
                ) : (
                  <span className="text-zinc-600 dark:text-zinc-400">(removed)</span>
                )}
              </p>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
