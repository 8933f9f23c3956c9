/**
 * Form building blocks: a label for every control, a hint and an error tied to it with
 * aria-describedby, and one look for inputs. Errors are text next to the field (not colour alone).
 */
import type { ReactNode } from 'react';

export const inputClass =
  'block w-full rounded border border-zinc-400 bg-white px-2.5 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-500 ' +
  'aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700 ' +
  'disabled:bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400 ' +
  'dark:aria-[invalid=true]:border-red-400 dark:aria-[invalid=true]:ring-red-400';

export const buttonClass =
  'inline-flex items-center justify-center gap-1.5 rounded bg-zinc-900 px-3.5 py-2 text-sm font-medium text-white no-underline ' +
  'hover:bg-zinc-700 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300';

export const secondaryButtonClass =
  'inline-flex items-center justify-center gap-1.5 rounded border border-zinc-400 bg-white px-3 py-1.5 text-sm font-medium text-zinc-900 no-underline ' +
  'hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-60 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800';

export const dangerButtonClass =
  'inline-flex items-center justify-center gap-1.5 rounded border border-red-700 bg-white px-3 py-1.5 text-sm font-medium text-red-800 ' +
  'hover:bg-red-50 disabled:opacity-60 dark:border-red-400 dark:bg-zinc-900 dark:text-red-300 dark:hover:bg-red-950';

export function describedBy(id: string, { hint, error }: { hint?: ReactNode; error?: string | null }): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function FieldError({ id, error }: { id: string; error?: string | null }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}

export function Field({
  id,
  label,
  hint,
  error,
  required,
  children,
  className,
  hideLabel = false,
}: {
  id: string;
  label: ReactNode;
  /** For screen readers only, where what is around the control already says what it is for. */
  hideLabel?: boolean;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'mb-1 block text-sm font-medium'}>
        {label}
        {/* Screen readers hear "required" from aria-required on the control. */}
        {required ? (
          <span aria-hidden="true" className="text-zinc-600 dark:text-zinc-400">
            {' '}
            (required)
          </span>
        ) : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="mb-1 text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A message after a save or a refusal, announced to screen readers. */
export function Notice({ tone, children, id }: { tone: 'success' | 'error' | 'info'; children: ReactNode; id?: string }) {
  const styles = {
    success: 'border-green-700 bg-green-50 text-green-900 dark:border-green-500 dark:bg-green-950 dark:text-green-100',
    error: 'border-red-700 bg-red-50 text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100',
    info: 'border-zinc-400 bg-zinc-50 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100',
  }[tone];
  return (
    <div id={id} role={tone === 'error' ? 'alert' : 'status'} className={`rounded border-l-4 p-3 text-sm ${styles}`}>
      {children}
    </div>
  );
}
