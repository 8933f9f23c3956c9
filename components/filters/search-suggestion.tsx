import Link from 'next/link';
import { filtersHref, type TimelineFilters } from '@/lib/filters';
import type { CorrectedQuery } from '@/lib/search/correction';

/**
 * "Did you mean Qaddour?" under a search that found nothing: a link to the same view with the
 * corrected search (db/derived/suggestions.ts), shown beside the notices of the filters.
 */
export function SearchSuggestion({
  filters,
  suggestion,
  basePath = '/',
}: {
  filters: TimelineFilters;
  suggestion: CorrectedQuery | null;
  basePath?: string;
}) {
  if (!suggestion || !filters.q) return null;
  return (
    <p
      role="status"
      className="rounded border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
      data-testid="search-suggestion"
    >
      Nothing matches “{filters.q}”. Did you mean{' '}
      <Link href={filtersHref(basePath, { ...filters, q: suggestion.text })} scroll={false} prefetch={false} className="font-medium">
        {suggestion.text}
      </Link>
      ?
    </p>
  );
}
