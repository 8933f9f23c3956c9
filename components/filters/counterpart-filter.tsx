import type { ReactNode } from 'react';
import type { TimelineFilters } from '@/lib/filter-url';
import { FilterSection, filterInputClass } from './filter-controls';

/**
 * The other side of two-sided events (`with=`): a visit, an embassy reopening or talks between the
 * countries above and this one, whatever role each side was recorded in. One country here; more
 * from a link are kept (hidden fields) and named, and each can be removed from the summary's chips.
 */
export function CounterpartFilter({
  ids,
  filters,
  navigate,
  countryOptions,
  countryNames,
}: {
  ids: string;
  filters: TimelineFilters;
  navigate: (next: TimelineFilters) => void;
  /** The select's options, every country (rendered on the server: the list stays out of the browser's code). */
  countryOptions: ReactNode;
  /** The names of the counterparts in the URL, by code. */
  countryNames: Readonly<Record<string, string>>;
}) {
  const [first, ...more] = filters.counterparts;
  const hintId = `${ids}-with-hint`;
  return (
    <FilterSection legend="Between … and">
      <label htmlFor={`${ids}-with`} className="block text-sm">
        With (the other side, in any role)
      </label>
      <select
        id={`${ids}-with`}
        name="with"
        value={first ?? ''}
        aria-describedby={hintId}
        onChange={(e) => navigate({ ...filters, counterparts: e.target.value ? [e.target.value] : [] })}
        className={filterInputClass}
      >
        {countryOptions}
      </select>
      {more.map((code) => (
        <input key={code} type="hidden" name="with" value={code} />
      ))}
      <p id={hintId} className="text-xs text-zinc-600 dark:text-zinc-400">
        {more.length > 0
          ? `Also with ${more.map((code) => countryNames[code] ?? code).join(', ')}: remove them in the summary above the results.`
          : 'Visits, embassies and talks between the countries above (or any) and this one.'}
      </p>
    </FilterSection>
  );
}
