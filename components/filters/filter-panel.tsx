'use client';

import Link from 'next/link';
import { useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import type { TimelineFacets } from '@/db/queries/facets';
import { COUNTRY_ROLE_LABELS } from '@/lib/countries';
import { TypeSwatch } from '@/components/ui/type-badge';
import {
  COUNTRY_ROLE_FILTERS,
  filtersHref,
  parseFilters,
  quickDateRanges,
  toggleValue,
  withDates,
  type CountryRoleFilter,
  type StatusFilter,
  type TimelineFilters,
} from '@/lib/filters';
import { ActorPicker } from './actor-picker';
import { FacetGroup } from './facet-group';
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

interface TextFields {
  q: string;
  from: string;
  to: string;
}

type FieldErrors = Partial<Record<keyof TextFields, string>>;

/** The typed fields checked by the same schema as the URL; only problems that drop the value block. */
function checkFields(fields: TextFields): { errors: FieldErrors; values: Pick<TimelineFilters, 'q' | 'from' | 'to'> } {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v.trim() !== '') params.set(k, v);
  const { filters, issues } = parseFilters(params);
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (issue.param === 'from' || issue.param === 'to') errors[issue.param] ??= issue.message;
    if (issue.param === 'q' && !filters.q) errors.q ??= issue.message;
  }
  return { errors, values: { q: filters.q, from: filters.from, to: filters.to } };
}

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
      <legend className="float-left mb-1 w-full text-xs font-semibold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">
        {legend}
      </legend>
      <div className="clear-both space-y-2">{children}</div>
    </fieldset>
  );
}

const inputClass =
  'w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900';

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
}: {
  filters: TimelineFilters;
  facets: TimelineFacets;
  /** The search text as it came in the URL, kept in the box even when it could not be used. */
  typedQuery: string;
  basePath?: string;
  /** Today's date (from the server), for the quick ranges. */
  today: string;
  canFilterStatus?: boolean;
}) {
  const { filters, navigate, isPending } = useFilterNavigation(basePath, current);
  const ids = useId();
  const [fields, setFields] = useState<TextFields>({ q: typedQuery, from: current.from ?? '', to: current.to ?? '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [shown, setShown] = useState({ q: typedQuery, from: current.from, to: current.to });

  // When the URL changes (back/forward, a removed chip, a chart click), the boxes follow it;
  // a field the URL did not change keeps what is being typed in it.
  if (shown.q !== typedQuery || shown.from !== current.from || shown.to !== current.to) {
    setShown({ q: typedQuery, from: current.from, to: current.to });
    setFields((f) => ({
      q: shown.q !== typedQuery ? typedQuery : f.q,
      from: shown.from !== current.from ? (current.from ?? '') : f.from,
      to: shown.to !== current.to ? (current.to ?? '') : f.to,
    }));
    setErrors({});
  }

  const applyFields = (only?: keyof TextFields) => {
    const { errors: found, values } = checkFields(fields);
    const relevant: FieldErrors = only ? { [only]: found[only] } : found;
    setErrors((e) => (only ? { ...e, [only]: found[only] } : found));
    if (Object.values(relevant).some(Boolean)) {
      if (!only) document.getElementById(`${ids}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    const next: TimelineFilters = only
      ? { ...filters, [only]: values[only] }
      : { ...filters, q: values.q, from: values.from, to: values.to };
    if (!next.q) next.sort = 'date';
    if (next.q !== filters.q || next.from !== filters.from || next.to !== filters.to || next.sort !== filters.sort) {
      navigate(next);
    }
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    applyFields();
  };

  const fieldProps = (name: keyof TextFields) => ({
    id: `${ids}-${name}`,
    name,
    value: fields[name],
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': [errors[name] ? `${ids}-${name}-error` : null, name === 'q' ? null : `${ids}-date-hint`]
      .filter(Boolean)
      .join(' ') || undefined,
    onChange: (e: ChangeEvent<HTMLInputElement>) => setFields((f) => ({ ...f, [name]: e.target.value })),
  });

  const fieldError = (name: keyof TextFields) =>
    errors[name] ? (
      <p id={`${ids}-${name}-error`} className="text-xs text-red-700 dark:text-red-400">
        {errors[name]}
      </p>
    ) : null;

  const quick = quickDateRanges(today);

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

      <div className="space-y-2">
        <label htmlFor={`${ids}-q`} className="block text-xs font-semibold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">
          Search
        </label>
        <div className="flex gap-2">
          <input type="search" {...fieldProps('q')} placeholder="Names, places, words…" className={inputClass} />
          <button
            type="submit"
            className="rounded bg-zinc-900 px-3 py-1 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
          >
            Search
          </button>
        </div>
        {fieldError('q')}
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Words match their beginnings (qadd finds Qaddour); put a phrase in &quot;quotes&quot;; use OR for either word.
        </p>
        {filters.q ? (
          <fieldset className="flex flex-wrap items-center gap-x-3 text-sm">
            <legend className="sr-only">Order of the results</legend>
            {(['date', 'relevance'] as const).map((sort) => (
              <label key={sort} className="inline-flex items-center gap-1.5">
                <input
                  type="radio"
                  name="sort"
                  value={sort}
                  checked={filters.sort === sort}
                  onChange={() => navigate({ ...filters, sort })}
                  className="accent-blue-700"
                />
                {sort === 'date' ? 'Newest first' : 'Best match first'}
              </label>
            ))}
          </fieldset>
        ) : null}
      </div>

      <Section legend="Date">
        <div className="grid grid-cols-2 gap-2">
          <div>
            <label htmlFor={`${ids}-from`} className="block text-sm">
              From
            </label>
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder="2020"
              {...fieldProps('from')}
              onBlur={() => fields.from !== (filters.from ?? '') && applyFields('from')}
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor={`${ids}-to`} className="block text-sm">
              To
            </label>
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder="2023-06"
              {...fieldProps('to')}
              onBlur={() => fields.to !== (filters.to ?? '') && applyFields('to')}
              className={inputClass}
            />
          </div>
        </div>
        {fieldError('from')}
        {fieldError('to')}
        <p id={`${ids}-date-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
          A year, a month or a day: 2020, 2020-06 or 2020-06-17.
        </p>
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm" aria-label="Quick ranges">
          {quick.map((r) => {
            const on = filters.from === r.from && filters.to === r.to;
            return (
              <li key={r.label}>
                <Link
                  href={filtersHref(basePath, withDates(filters, r.from, r.to))}
                  scroll={false}
                  prefetch={false}
                  aria-current={on ? 'true' : undefined}
                  className={on ? 'font-semibold' : undefined}
                >
                  {r.label}
                </Link>
              </li>
            );
          })}
        </ul>
        {facets.years.length > 0 ? (
          <div>
            <p id={`${ids}-years`} className="text-sm">
              Year
            </p>
            <ul className="mt-1 flex flex-wrap gap-1" aria-labelledby={`${ids}-years`} data-testid="year-picker">
              {facets.years.map((y) => (
                <li key={y.value}>
                  <Link
                    href={filtersHref(basePath, withDates(filters, y.value, y.value))}
                    scroll={false}
                    prefetch={false}
                    aria-current={y.selected ? 'true' : undefined}
                    aria-label={`${y.value}, ${y.count === 1 ? '1 event' : `${y.count} events`}`}
                    className={`inline-block rounded border px-1.5 py-0.5 text-xs tabular-nums no-underline ${
                      y.selected
                        ? 'border-blue-700 bg-blue-700 text-white dark:border-blue-300 dark:bg-blue-300 dark:text-zinc-950'
                        : y.count === 0
                          ? 'border-zinc-200 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400'
                          : 'border-zinc-300 text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-900'
                    }`}
                  >
                    {y.value} ({y.count})
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Section>

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
      >
        <label htmlFor={`${ids}-role`} className="sr-only">
          How the countries take part
        </label>
        <select
          id={`${ids}-role`}
          name="role"
          value={filters.role}
          onChange={(e) => navigate({ ...filters, role: e.target.value as CountryRoleFilter })}
          className={`${inputClass} clear-both`}
        >
          {COUNTRY_ROLE_FILTERS.map((r) => (
            <option key={r} value={r}>
              {ROLE_OPTION_LABELS[r]}
            </option>
          ))}
        </select>
      </FacetGroup>

      <FacetGroup
        legend="Actor"
        name="actor"
        options={facets.actors}
        visible={facets.actors.length}
        isChecked={(v) => filters.actors.includes(v)}
        onToggle={(v) => navigate(toggleValue(filters, 'actors', v))}
      >
        <ActorPicker chosen={filters.actors} onPick={(id) => navigate(toggleValue(filters, 'actors', id))} />
      </FacetGroup>

      <FacetGroup
        legend="Legal authority"
        name="authority"
        options={facets.authorities}
        visible={5}
        isChecked={(v) => filters.authorities.includes(v)}
        onToggle={(v) => navigate(toggleValue(filters, 'authorities', v))}
      />

      <FacetGroup
        legend="Program"
        name="program"
        options={facets.programs}
        visible={5}
        isChecked={(v) => filters.programs.includes(v)}
        onToggle={(v) => navigate(toggleValue(filters, 'programs', v))}
      />

      <FacetGroup
        legend="Tag"
        name="tag"
        options={facets.tags}
        visible={10}
        isChecked={(v) => filters.tags.includes(v)}
        onToggle={(v) => navigate(toggleValue(filters, 'tags', v))}
      />

      {canFilterStatus ? (
        <Section legend="Status">
          <label htmlFor={`${ids}-status`} className="sr-only">
            Status
          </label>
          <select
            id={`${ids}-status`}
            name="status"
            value={filters.status}
            onChange={(e) => navigate({ ...filters, status: e.target.value as StatusFilter })}
            className={inputClass}
          >
            {(Object.keys(STATUS_LABELS) as StatusFilter[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </Section>
      ) : null}

      <div className="flex items-center gap-4 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <button
          type="submit"
          className="rounded border border-zinc-300 px-3 py-1 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Apply filters
        </button>
        <Link href={basePath} scroll={false} prefetch={false} className="text-sm">
          Clear all
        </Link>
      </div>
    </form>
  );
}
