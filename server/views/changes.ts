/**
 * `/changes` and `/changes.xml` read their URL the same way: `since` (a day, meaning its start, or
 * an ISO instant; a week ago by default) and the timeline's filters. The window ends now, fixed
 * once per request.
 */
import 'server-only';
import { getStore } from '@/db';
import type { ChangesView } from '@/db/queries/changes';
import { FILTER_PARAMS, parseFilters, unknownParams, type FilterIssue, type FilterLookups, type TimelineFilters, type Visibility } from '@/lib/filters';
import { parseMoment } from '@/lib/history/as-recorded';

const WEEK = 7 * 86_400_000;

export interface ChangesRequest {
  filters: TimelineFilters;
  lookups: FilterLookups;
  issues: FilterIssue[];
  /** `since` as given (or the default), for the form and links. */
  sinceParam: string;
  view: ChangesView;
}

export async function changesForRequest(params: URLSearchParams, visibility: Visibility, now = Date.now()): Promise<ChangesRequest> {
  const store = getStore();
  const issues: FilterIssue[] = unknownParams(params, ['since']).map((param) => ({
    param,
    message: `Unknown parameter. Known parameters: since, ${FILTER_PARAMS.filter((p) => p !== 'as_recorded').join(', ')}.`,
  }));
  if (params.has('as_recorded')) issues.push({ param: 'as_recorded', message: 'Changes are always up to now; use since to choose where they start.' });
  const withoutAsOf = new URLSearchParams(params);
  withoutAsOf.delete('as_recorded');
  withoutAsOf.delete('since');
  const resolved = await store.timeline.resolve(parseFilters(withoutAsOf), visibility);
  issues.push(...resolved.issues);

  const fallback = new Date(now - WEEK).toISOString().slice(0, 10);
  let sinceParam = params.get('since')?.trim() || fallback;
  const first = await store.timeline.firstRecordedAt();
  let moment = parseMoment(sinceParam, { name: 'since', now, endOfDay: false });
  if (!moment.ok) {
    issues.push({ param: 'since', message: moment.message });
    sinceParam = fallback;
    moment = parseMoment(fallback, { name: 'since', now, endOfDay: false });
  }
  // Before the first record, everything is new: start there rather than refuse.
  const since = moment.ok ? Math.max(moment.at, (first ?? now) - 1) : now - WEEK;
  return {
    filters: resolved.filters,
    lookups: resolved.lookups,
    issues,
    sinceParam,
    view: await store.timeline.changes(since, now, resolved.filters, visibility),
  };
}
