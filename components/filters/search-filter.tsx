import type { TimelineFilters } from '@/lib/filter-url';
import { filterInputClass, TypedFieldError } from './filter-controls';
import type { FilterFields } from './use-filter-fields';

/** The search box, its syntax in a line, and the order of the results once there is a search. */
export function SearchFilter({ ids, fields, filters, navigate }: { ids: string; fields: FilterFields; filters: TimelineFilters; navigate: (next: TimelineFilters) => void }) {
  return (
    <div className="space-y-2">
      <label htmlFor={`${ids}-q`} className="block text-xs font-semibold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">
        Search
      </label>
      <div className="flex gap-2">
        <input type="search" {...fields.fieldProps('q')} placeholder="Names, places, words…" className={filterInputClass} />
        <button
          type="submit"
          className="rounded bg-zinc-900 px-3 py-1 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
        >
          Search
        </button>
      </div>
      <TypedFieldError fields={fields} ids={ids} name="q" />
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Words match their beginnings (qadd finds Qaddour); put a phrase in &quot;quotes&quot;; use OR for either word.
      </p>
      {filters.q ? (
        <fieldset className="flex flex-wrap items-center gap-x-3 text-sm">
          <legend className="sr-only">Order of the results</legend>
          {(['date', 'relevance'] as const).map((sort) => (
            <label key={sort} className="inline-flex items-center gap-1.5">
              <input type="radio" name="sort" value={sort} checked={filters.sort === sort} onChange={() => navigate({ ...filters, sort })} className="accent-blue-700" />
              {sort === 'date' ? 'Newest first' : 'Best match first'}
            </label>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}
