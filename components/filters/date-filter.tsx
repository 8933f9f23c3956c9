import Link from 'next/link';
import type { FacetOption } from '@/db/queries/facets';
import { filtersHref, quickDateRanges, withDates, type TimelineFilters } from '@/lib/filter-url';
import { FilterSection, filterInputClass, TypedFieldError } from './filter-controls';
import type { FilterFields } from './use-filter-fields';

function yearClass(year: FacetOption): string {
  if (year.selected) return 'border-blue-700 bg-blue-700 text-white dark:border-blue-300 dark:bg-blue-300 dark:text-zinc-950';
  if (year.count === 0) return 'border-zinc-200 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400';
  return 'border-zinc-300 text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-900';
}

/** The years that hold events, each a link that narrows the dates to it. */
function YearPicker({ ids, years, filters, basePath }: { ids: string; years: FacetOption[]; filters: TimelineFilters; basePath: string }) {
  return (
    <div>
      <p id={`${ids}-years`} className="text-sm">
        Year
      </p>
      <ul className="mt-1 flex flex-wrap gap-1" aria-labelledby={`${ids}-years`} data-testid="year-picker">
        {years.map((y) => (
          <li key={y.value}>
            <Link
              href={filtersHref(basePath, withDates(filters, y.value, y.value))}
              scroll={false}
              prefetch={false}
              aria-current={y.selected ? 'true' : undefined}
              aria-label={`${y.value}, ${y.count === 1 ? '1 event' : `${y.count} events`}`}
              className={`inline-block rounded border px-1.5 py-0.5 text-xs tabular-nums no-underline ${yearClass(y)}`}
            >
              {y.value} ({y.count})
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * From and to (a year, a month or a day), applied when a box loses focus; quick ranges and the
 * years as links, which work without JavaScript.
 */
export function DateFilter({
  ids,
  fields,
  filters,
  basePath,
  today,
  years,
}: {
  ids: string;
  fields: FilterFields;
  filters: TimelineFilters;
  basePath: string;
  /** Today's date (from the server), for the quick ranges. */
  today: string;
  years: FacetOption[];
}) {
  const dateBox = (name: 'from' | 'to', label: string, placeholder: string) => (
    <div>
      <label htmlFor={`${ids}-${name}`} className="block text-sm">
        {label}
      </label>
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={placeholder}
        {...fields.fieldProps(name)}
        onBlur={() => fields.fields[name] !== (filters[name] ?? '') && void fields.applyFields(name)}
        className={filterInputClass}
      />
    </div>
  );
  return (
    <FilterSection legend="Date">
      <div className="grid grid-cols-2 gap-2">
        {dateBox('from', 'From', '2020')}
        {dateBox('to', 'To', '2023-06')}
      </div>
      <TypedFieldError fields={fields} ids={ids} name="from" />
      <TypedFieldError fields={fields} ids={ids} name="to" />
      <p id={`${ids}-date-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
        A year, a month or a day: 2020, 2020-06 or 2020-06-17.
      </p>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm" aria-label="Quick ranges">
        {quickDateRanges(today).map((r) => {
          const on = filters.from === r.from && filters.to === r.to;
          return (
            <li key={r.label}>
              <Link href={filtersHref(basePath, withDates(filters, r.from, r.to))} scroll={false} prefetch={false} aria-current={on ? 'true' : undefined} className={on ? 'font-semibold' : undefined}>
                {r.label}
              </Link>
            </li>
          );
        })}
      </ul>
      {years.length > 0 ? <YearPicker ids={ids} years={years} filters={filters} basePath={basePath} /> : null}
    </FilterSection>
  );
}
