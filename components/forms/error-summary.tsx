'use client';

import { useEffect, useRef } from 'react';

/**
 * The list of what is wrong, at the top of a form, each item a link to its field. It takes focus
 * when it appears so keyboard and screen-reader users learn at once that the save did not happen.
 */
export function ErrorSummary({
  errors,
  labels,
  fieldId,
  message,
  focusKey,
}: {
  errors: Record<string, string>;
  /** A readable name for a field path ("sources.1.url" → "Source 2: URL"). */
  labels: (path: string) => string;
  fieldId: (path: string) => string;
  message?: string | null;
  /** Changes on each refused submit, so focus moves again even for the same errors. */
  focusKey: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  if (entries.length === 0 && !message) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      className="rounded border-2 border-red-700 bg-red-50 p-4 text-sm text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50"
    >
      <h2 id="error-summary-title" className="font-semibold">
        {message ?? 'Nothing was saved. Check these fields:'}
      </h2>
      {entries.length > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {entries.map(([path, error]) => (
            <li key={path}>
              <a href={`#${fieldId(path)}`} className="text-red-900 underline dark:text-red-100">
                {labels(path)}: {error}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
