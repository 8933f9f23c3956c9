'use client';

import { useState, type ChangeEvent } from 'react';
import type { TimelineFilters } from '@/lib/filter-url';

/**
 * The filter schema's parser, loaded when a typed field is first focused or applied rather than
 * with the page: it brings the search syntax, the country list and the date rules (decision 0041).
 */
let parser: Promise<typeof import('@/lib/filters')> | null = null;
const loadParser = () => (parser ??= import('@/lib/filters'));

/** The filters typed rather than picked: the search text and the two dates. */
export interface TextFields {
  q: string;
  from: string;
  to: string;
}

type FieldErrors = Partial<Record<keyof TextFields, string>>;

/** The typed fields checked by the same schema as the URL; only problems that drop the value block. */
async function checkFields(fields: TextFields): Promise<{ errors: FieldErrors; values: Pick<TimelineFilters, 'q' | 'from' | 'to'> }> {
  const { parseFilters } = await loadParser();
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

/** Every filter but the search: when this changes, the results changed for another reason. */
function otherFiltersKey(filters: TimelineFilters): string {
  const { q: _q, ...rest } = filters;
  return JSON.stringify(rest);
}

/**
 * The search box and the date boxes of the filter panel: what is being typed, checked by the
 * filter schema when applied (on submit, or when a date box loses focus). `ids` prefixes the
 * controls' ids.
 */
export function useFilterFields({
  ids,
  filters,
  current,
  typedQuery,
  navigate,
}: {
  ids: string;
  /** The filters as shown (optimistic). */
  filters: TimelineFilters;
  /** The filters of the URL. */
  current: TimelineFilters;
  typedQuery: string;
  navigate: (next: TimelineFilters) => void;
}) {
  const [fields, setFields] = useState<TextFields>({ q: typedQuery, from: current.from ?? '', to: current.to ?? '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [shown, setShown] = useState({ q: typedQuery, from: current.from, to: current.to });
  const otherKey = otherFiltersKey(filters);
  const [shownOther, setShownOther] = useState(otherKey);

  // Another filter applied (a ticked box, a chip, a date, the order) while a search was typed and not
  // submitted: the box goes back to the search in effect, so the screen never shows a search
  // that the results do not reflect.
  if (shownOther !== otherKey) {
    setShownOther(otherKey);
    setFields((f) => ({ ...f, q: filters.q ?? '' }));
    setErrors((e) => ({ ...e, q: undefined }));
  }

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

  /** Applies the typed fields (or only one of them); a field whose value cannot be used says why. */
  const applyFields = async (only?: keyof TextFields) => {
    const { errors: found, values } = await checkFields(fields);
    const relevant: FieldErrors = only ? { [only]: found[only] } : found;
    setErrors((e) => (only ? { ...e, [only]: found[only] } : found));
    if (Object.values(relevant).some(Boolean)) {
      if (!only) document.getElementById(`${ids}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    const next: TimelineFilters = only ? { ...filters, [only]: values[only] } : { ...filters, q: values.q, from: values.from, to: values.to };
    if (!next.q) next.sort = 'date';
    if (next.q !== filters.q || next.from !== filters.from || next.to !== filters.to || next.sort !== filters.sort) {
      navigate(next);
    }
  };

  /** The props of a field's input: value, id, and its error and hint for screen readers. */
  const fieldProps = (name: keyof TextFields) => ({
    id: `${ids}-${name}`,
    name,
    value: fields[name],
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': [errors[name] ? `${ids}-${name}-error` : null, name === 'q' ? null : `${ids}-date-hint`].filter(Boolean).join(' ') || undefined,
    onChange: (e: ChangeEvent<HTMLInputElement>) => setFields((f) => ({ ...f, [name]: e.target.value })),
    onFocus: () => void loadParser(),
  });

  return { fields, errors, applyFields, fieldProps };
}

export type FilterFields = ReturnType<typeof useFilterFields>;
