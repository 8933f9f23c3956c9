import type { ReactNode } from 'react';
import type { FilterFields, TextFields } from './use-filter-fields';

export const filterInputClass =
  'w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900';

/** One group of the filter panel under its legend. */
export function FilterSection({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
      <legend className="float-left mb-1 w-full text-xs font-semibold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">
        {legend}
      </legend>
      <div className="clear-both space-y-2">{children}</div>
    </fieldset>
  );
}

/** A typed field's error, under it (its id is what the field's aria-describedby names). */
export function TypedFieldError({ fields, ids, name }: { fields: FilterFields; ids: string; name: keyof TextFields }) {
  const error = fields.errors[name];
  return error ? (
    <p id={`${ids}-${name}-error`} className="text-xs text-red-700 dark:text-red-400">
      {error}
    </p>
  ) : null;
}
