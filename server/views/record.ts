/**
 * A page's `?as_recorded=` (decision 0034): the record it reads, or null for today's. A moment the
 * record cannot show comes back with its issue, to show as a notice above today's record.
 */
import 'server-only';
import { getStore } from '@/db/index';
import type { RecordedStore } from '@/db/store/store';
import { EMPTY_FILTERS, parseFilters } from '@/lib/filters';

/** The store a page reads for its `?as_recorded=`: today's, or the record as it stood then (with the issue when it cannot be shown). */
export async function storeForParam(asRecordedParam: unknown): Promise<RecordedStore | null> {
  if (typeof asRecordedParam !== 'string' || asRecordedParam.trim() === '') return null;
  const parsed = parseFilters({ as_recorded: asRecordedParam });
  if (parsed.issues.length > 0) return { store: getStore(), filters: EMPTY_FILTERS, issues: parsed.issues, asRecorded: null };
  return getStore().recordFor(parsed.filters);
}
