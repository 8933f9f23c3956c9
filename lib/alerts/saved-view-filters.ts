import { parseFilters, type TimelineFilters } from '@/lib/filters';

/**
 * A saved view's filters from its stored query string. A view saved before a filter changed shape
 * keeps what still parses; `as_recorded` never applies (a saved view follows the live record).
 */
export function savedViewFilters(query: string): TimelineFilters {
  return { ...parseFilters(new URLSearchParams(query)).filters, asRecorded: null };
}
