'use client';

import Link from 'next/link';
import { useId, type FormEvent, type ReactNode } from 'react';
import type { TimelineFacets } from '@/db/queries/facets';
import { COUNTRY_ROLE_LABELS } from '@/lib/country-roles';
import { Options } from '@/components/forms/options';
import { TypeSwatch } from '@/components/ui/type-badge';
import { COUNTRY_ROLE_FILTERS, filtersHref, toggleValue, type CountryRoleFilter, type StatusFilter, type TimelineFilters } from '@/lib/filter-url';
import { ActorFacet } from './actor-facet';
import { CounterpartFilter } from './counterpart-filter';
import { DateFilter } from './date-filter';
import { FacetGroup } from './facet-group';
import { FilterSection, filterInputClass } from './filter-controls';
import { SearchFilter } from './search-filter';
import { useFilterFields } from './use-filter-fields';
import { useFilterNavigation } from './use-filter-navigation';

const ROLE_OPTION_LABELS: Record<CountryRoleFilter, string> = {
  any: 'In any role',
  actor: `As ${COUNTRY_ROLE_LABELS.actor.toLowerCase()}`,
  target: `As ${COUNTRY_ROLE_LABELS.target.toLowerCase()}`,
  location: `As ${COUNTRY_ROLE_LABELS.location.toLowerCase()}`,
};

const STATUS_LABELS: Record<StatusFilter, string> = {
  published: 'Published',
  draft: 'Drafts',
  all: 'Drafts and published',
};

/** The open-ended facets listed as they come: their legend, URL parameter and how many show before "more". */
const LIST_FACETS = [
  { legend: 'Legal authority', name: 'authority', key: 'authorities', visible: 5 },
  { legend: 'Program', name: 'program', key: 'programs', visible: 5 },
  { legend: 'Tag', name: 'tag', key: 'tags', visible: 10 },
] as const;

/**
 * The timeline's filters: a real GET form (it works without JavaScript: submitting it loads the
 * filtered URL), enhanced so that every change updates the URL at once and the results follow.
 */
export function FilterPanel({
  filters: current,
  facets,
  typedQuery,
  basePath = '/',
  today,
  canFilterStatus = false,
  countryOptions,
  countryNames,
  expandedFacets = [],
}: {
  filters: TimelineFilters;
  facets: TimelineFacets;
  /** The search text as it came in the URL, kept in the box even when it could not be used. */
  typedQuery: string;
  basePath?: string;
  /** Today's date (from the server), for the quick ranges. */
  today: string;
  canFilterStatus?: boolean;
  /** Every country as the counterpart select's options (`<CountryOptions>`, rendered on the server). */
  countryOptions: ReactNode;
  /** The names of the counterparts in the URL, by code. */
  countryNames: Readonly<Record<string, string>>;
  /** Facets whose whole list the URL asks to render open (`more=country`: browsers without JavaScript). */
  expandedFacets?: readonly string[];
}) {
  const { filters, navigate, isPending } = useFilterNavigation(basePath, current);
  const ids = useId();
  const fields = useFilterFields({ ids, filters, current, typedQuery, navigate });
  const more = (name: string) => ({
    expandHref: `${filtersHref(basePath, current, { more: name })}#more-${name}`,
    expanded: expandedFacets.includes(name),
  });

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void fields.applyFields();
  };

  return (
    <form
      method="get"
      action={basePath}
      onSubmit={onSubmit}
      role="search"
      aria-label="Filter the timeline"
      className="space-y-4"
      data-pending={isPending ? '' : undefined}
      data-testid="filter-panel"
    >
      <p role="status" className="sr-only">
        {isPending ? 'Updating the results…' : ''}
      </p>

      <SearchFilter ids={ids} fields={fields} filters={filters} navigate={navigate} />
      <DateFilter ids={ids} fields={fields} filters={filters} basePath={basePath} today={today} years={facets.years} />

      <FacetGroup
        legend="Event type"
        name="type"
        options={facets.types}
        visible={facets.types.length}
        isChecked={(v) => filters.types.includes(v)}
        onToggle={(v) => navigate(toggleValue(filters, 'types', v))}
        extra={(o) => <TypeSwatch type={o.value} className="mt-1.5 size-2.5" />}
      />

      <FacetGroup
        legend="Country"
        name="country"
        options={facets.countries}
        isChecked={(v) => filters.countries.includes(v)}
        onToggle={(v) => navigate(toggleValue(filters, 'countries', v))}
        moreLabel={`More countries (${Math.max(facets.countries.length - 8, 0)})`}
        {...more('country')}
      >
        <label htmlFor={`${ids}-role`} className="sr-only">
          How the countries take part
        </label>
        <select
          id={`${ids}-role`}
          name="role"
          value={filters.role}
          onChange={(e) => navigate({ ...filters, role: e.target.value as CountryRoleFilter })}
          className={`${filterInputClass} clear-both`}
        >
          <Options values={COUNTRY_ROLE_FILTERS} label={(r) => ROLE_OPTION_LABELS[r]} />
        </select>
      </FacetGroup>

      <CounterpartFilter ids={ids} filters={filters} navigate={navigate} countryOptions={countryOptions} countryNames={countryNames} />

      <ActorFacet options={facets.actors} chosen={filters.actors} onToggle={(id) => navigate(toggleValue(filters, 'actors', id))} />

      {LIST_FACETS.map(({ legend, name, key, visible }) => (
        <FacetGroup
          key={name}
          legend={legend}
          name={name}
          options={facets[key]}
          visible={visible}
          isChecked={(v) => filters[key].includes(v)}
          onToggle={(v) => navigate(toggleValue(filters, key, v))}
          {...more(name)}
        />
      ))}

      {canFilterStatus ? (
        <FilterSection legend="Status">
          <label htmlFor={`${ids}-status`} className="sr-only">
            Status
          </label>
          <select id={`${ids}-status`} name="status" value={filters.status} onChange={(e) => navigate({ ...filters, status: e.target.value as StatusFilter })} className={filterInputClass}>
            <Options values={Object.keys(STATUS_LABELS) as StatusFilter[]} label={(s) => STATUS_LABELS[s]} />
          </select>
        </FilterSection>
      ) : null}

      <div className="flex items-center gap-4 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <button type="submit" className="rounded border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900">
          Apply filters
        </button>
        <Link href={basePath} scroll={false} prefetch={false} className="text-sm">
          Clear all
        </Link>
      </div>
    </form>
  );
}
