'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * Suggestions for what is being typed: asked once typing pauses (150 ms), from an endpoint that
 * answers `{ items: T[] }` (or `{ error }` with a refusal), kept for 30 seconds per query.
 */
export function useSuggestions<T>(url: (query: string) => string, query: string) {
  const [debounced, setDebounced] = useState('');

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

  return {
    /** The query the suggestions answer (typing may be ahead of it). */
    debounced,
    items: debounced.length > 0 ? (data ?? []) : [],
    isFetching,
    isError,
    /** Forget the query at once (after a pick), rather than after the pause. */
    reset: () => setDebounced(''),
  };
}
