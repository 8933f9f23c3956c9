'use client';

import { useRouter } from 'next/navigation';
import { useOptimistic, useTransition } from 'react';
import { filtersHref, type TimelineFilters } from '@/lib/filter-url';

/**
 * Changing a filter is a navigation to the filters' canonical URL, so reload, back/forward and a
 * copied link all give the same view. The control shows the new state at once (optimistically)
 * while the server renders the results for the new URL.
 */
export function useFilterNavigation(basePath: string, filters: TimelineFilters) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [optimistic, setOptimistic] = useOptimistic(filters);

  const navigate = (next: TimelineFilters) => {
    startTransition(() => {
      setOptimistic(next);
      router.push(filtersHref(basePath, next), { scroll: false });
    });
  };

  return { filters: optimistic, navigate, isPending };
}
