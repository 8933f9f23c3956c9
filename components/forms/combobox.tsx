'use client';

/**
 * A search box with suggestions fetched as you type (the ARIA 1.2 combobox pattern): arrow keys
 * move through the list, Enter picks, Escape closes; the number of suggestions is announced.
 * Enter never submits the surrounding form from here.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { describedBy, inputClass } from './field';

export interface ComboboxOption {
  key: string;
  label: ReactNode;
  /** Read by screen readers and shown after picking. */
  text: string;
}

export function AsyncCombobox<T>({
  id,
  label,
  hint,
  placeholder,
  url,
  toOption,
  onPick,
  extraOption,
  error,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  /** The suggestions endpoint for a query; it answers `{ items: T[] }`. */
  url: (query: string) => string;
  toOption: (item: T) => ComboboxOption;
  onPick: (item: T) => void;
  /** A last option that does something with the typed text (e.g. "Create new actor"). */
  extraOption?: (query: string) => { label: string; onPick: (query: string) => void } | null;
  error?: string | null;
}) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [open, setOpen] = useState(false);
  // -1: no option active until the arrow keys move into the list (manual selection).
  const [active, setActive] = useState(-1);
  const listId = useId();

  useEffect(() => {
    const t = setTimeout(() => setDebounced(query.trim()), 150);
    return () => clearTimeout(t);
  }, [query]);

  const { data, isFetching, isError } = useQuery({
    queryKey: ['suggest', url(debounced)],
    queryFn: async ({ signal }) => {
      const res = await fetch(url(debounced), { signal, headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`Suggestions failed (${res.status})`);
      return ((await res.json()) as { items: T[] }).items;
    },
    enabled: debounced.length > 0,
    staleTime: 30_000,
    retry: false,
  });

  const items = debounced.length > 0 ? (data ?? []) : [];
  const extra = query.trim() ? extraOption?.(query.trim()) ?? null : null;
  const count = items.length + (extra ? 1 : 0);
  const expanded = open && query.trim().length > 0 && count > 0;
  const activeIndex = Math.min(active, count - 1);

  function pick(index: number) {
    if (index < items.length) onPick(items[index]!);
    else if (extra) extra.onPick(query.trim());
    else return;
    setQuery('');
    setDebounced('');
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive(count === 0 ? -1 : (activeIndex + 1) % count);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive(count === 0 ? -1 : activeIndex <= 0 ? count - 1 : activeIndex - 1);
    } else if (e.key === 'Enter') {
      // Enter in a search box must not submit the event form.
      e.preventDefault();
      if (expanded && activeIndex >= 0) pick(activeIndex);
    } else if (e.key === 'Escape') {
      if (expanded) {
        e.preventDefault();
        setOpen(false);
      } else {
        setQuery('');
      }
    }
  }

  const optionId = (i: number) => `${listId}-option-${i}`;
  const status = !query.trim()
    ? ''
    : isError
      ? 'Suggestions could not be loaded.'
      : isFetching && items.length === 0
        ? 'Searching…'
        : `${items.length} ${items.length === 1 ? 'suggestion' : 'suggestions'}${extra ? `, or ${extra.label}` : ''}.`;

  return (
    <div className="relative">
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="mb-1 text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-invalid={!!error}
        aria-describedby={describedBy(id, { hint, error })}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={inputClass}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={`${label}: suggestions`}
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded border border-zinc-300 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        {items.map((item, i) => {
          const option = toOption(item);
          return (
            <li
              key={option.key}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(i)}
              className="cursor-pointer px-3 py-1.5 aria-selected:bg-blue-100 dark:aria-selected:bg-blue-900"
            >
              {option.label}
            </li>
          );
        })}
        {extra ? (
          <li
            id={optionId(items.length)}
            role="option"
            aria-selected={items.length === activeIndex}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(items.length)}
            className="cursor-pointer border-t border-zinc-200 px-3 py-1.5 font-medium aria-selected:bg-blue-100 dark:border-zinc-700 dark:aria-selected:bg-blue-900"
          >
            {extra.label}
          </li>
        ) : null}
      </ul>
      <p role="status" aria-live="polite" className={open && debounced && (isError || (!isFetching && count === 0)) ? 'mt-1 text-xs text-zinc-600 dark:text-zinc-400' : 'sr-only'}>
        {open ? (!isFetching && !isError && count === 0 && debounced ? `Nothing matches “${debounced}”.` : status) : ''}
      </p>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
