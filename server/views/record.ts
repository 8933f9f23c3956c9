/**
 * A page's `?as_recorded=` (decision 0034): the record it reads, or null for today's. A moment the
 * record cannot show comes back with its issue, to show as a notice above today's record.
 */
import 'server-only';
import { recordForFilters, type RecordForRequest } from '@/db/derived/as-recorded';
import { getConnection, getStore } from '@/db/index';
import type { RecordedStore } from '@/db/store/store';
import { EMPTY_FILTERS, parseFilters } from '@/lib/filters';

export function recordForParam(asRecordedParam: unknown): RecordForRequest | null {
  if (typeof asRecordedParam !== 'string' || asRecordedParam.trim() === '') return null;
  const parsed = parseFilters({ as_recorded: asRecordedParam });
  if (parsed.issues.length > 0) return { connection: getConnection(), filters: EMPTY_FILTERS, issues: parsed.issues, asRecorded: null };
  return recordForFilters(getConnection(), parsed.filters);
}

/** The same through the data-access interface: the store to read, for the pages that have moved behind it. */
export async function storeForParam(asRecordedParam: unknown): Promise<RecordedStore | null> {
  if (typeof asRecordedParam !== 'string' || asRecordedParam.trim() === '') return null;
  const parsed = parseFilters({ as_recorded: asRecordedParam });
  if (parsed.issues.length > 0) return { store: getStore(), filters: EMPTY_FILTERS, issues: parsed.issues, asRecorded: null };
  return getStore().recordFor(parsed.filters);
}
