import type { ReactNode } from 'react';

/** One part of the event form: a fieldset with its legend, and focusable so the error summary can lead to it. */
export function FormSection({ title, id, children, description }: { title: string; id: string; children: ReactNode; description?: ReactNode }) {
  return (
    <fieldset id={id} tabIndex={-1} className="space-y-4 border-t border-zinc-200 pt-5 dark:border-zinc-800">
      <legend className="float-left mb-2 w-full text-base font-semibold">{title}</legend>
      {description ? <p className="clear-left text-sm text-zinc-600 dark:text-zinc-400">{description}</p> : null}
      <div className="clear-left space-y-4">{children}</div>
    </fieldset>
  );
}

/** The hint shown where a list has no rows yet. */
export function EmptyRows({ children }: { children: ReactNode }) {
  return <p className="text-sm text-zinc-600 dark:text-zinc-400">{children}</p>;
}
