'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { ApiError, EntitySearchResponse } from '@/db/api-types';
import { ENTITY_KIND_LABELS } from '@/lib/vocabulary';

const subscribeNothing = () => () => {};

/**
 * Search actors by name or alias and add one to the filter (an ARIA 1.2 combobox with a listbox).
 * It needs JavaScript, so it only appears once the page is interactive; without it the facet's
 * checkboxes still list the most involved actors.
 */
export function ActorPicker({ onPick, chosen }: { onPick: (id: number) => void; chosen: readonly number[] }) {
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputId = useId();
  const listId = useId();
  const statusId = useId();

  useEffect(() => {
    const t = setTimeout(() => setTerm(text.trim()), 200);
    return () => clearTimeout(t);
  }, [text]);

  const query = useQuery({
    queryKey: ['entities', term],
    enabled: term.length >= 2,
    staleTime: 60_000,
    queryFn: async ({ signal }): Promise<EntitySearchResponse> => {
      const response = await fetch(`/api/entities?${new URLSearchParams({ q: term })}`, { signal });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as ApiError | null;
        throw new Error(body?.error ?? `The server answered ${response.status}.`);
      }
      return (await response.json()) as EntitySearchResponse;
    },
  });

  if (!hydrated) return null;

  const items = term.length >= 2 ? (query.data?.items ?? []) : [];
  const expanded = open && items.length > 0;
  const status =
    term.length < 2
      ? ''
      : query.isError
        ? `Actors could not be searched: ${query.error.message}`
        : query.isFetching && items.length === 0
          ? 'Searching…'
          : items.length === 0
            ? `No actor matches “${term}”.`
            : `${items.length} ${items.length === 1 ? 'actor matches' : 'actors match'}; use the arrow keys to choose.`;

  const pick = (index: number) => {
    const item = items[index];
    if (!item) return;
    setText('');
    setTerm('');
    setOpen(false);
    setActive(-1);
    if (!chosen.includes(item.id)) onPick(item.id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      setOpen(true);
      setActive((a) => Math.min(a + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      // Enter picks an actor; it must not submit the filter form.
      if (expanded && active >= 0) pick(active);
    } else if (e.key === 'Escape') {
      if (!expanded) return;
      setOpen(false);
      setActive(-1);
    } else return;
    e.preventDefault();
  };

  return (
    <div className="relative clear-both pb-1">
      <label htmlFor={inputId} className="sr-only">
        Find an actor by name or alias
      </label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={statusId}
        autoComplete="off"
        placeholder="Find an actor…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        className="w-full rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Matching actors"
        className={
          expanded
            ? 'absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded border border-zinc-300 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900'
            : 'hidden'
        }
      >
        {items.map((item, i) => (
          <li
            key={item.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(i);
            }}
            onMouseEnter={() => setActive(i)}
            className={`cursor-pointer px-2 py-1 ${i === active ? 'bg-blue-100 dark:bg-blue-900/50' : ''}`}
          >
            <span className="font-medium">{item.name}</span>
            <span className="block text-xs text-zinc-600 dark:text-zinc-400">
              {ENTITY_KIND_LABELS[item.kind]}
              {item.alias ? ` · also known as ${item.alias}` : ''} · {item.eventCount === 1 ? '1 event' : `${item.eventCount} events`}
              {chosen.includes(item.id) ? ' · already chosen' : ''}
            </span>
          </li>
        ))}
      </ul>
      <p id={statusId} role="status" className="sr-only">
        {status}
      </p>
      {status && !expanded && term.length >= 2 && !query.isFetching ? (
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" aria-hidden="true">
          {status}
        </p>
      ) : null}
    </div>
  );
}
