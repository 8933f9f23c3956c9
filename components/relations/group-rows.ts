import type { BoardRowView } from './types';

/** Rows by region, in the order given (db/queries/relations.ts sorts by region, then name). */
export function groupByRegion<R extends Pick<BoardRowView, 'region' | 'subjectName'>>(rows: readonly R[]): { region: string; rows: R[] }[] {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const region = r.region || 'Other';
    const list = groups.get(region);
    if (list) list.push(r);
    else groups.set(region, [r]);
  }
  return [...groups.entries()].map(([region, list]) => ({ region, rows: list }));
}

export function dyadHref(dyad: { subject: string; counterpart: string }): string {
  return `/relations/${encodeURIComponent(dyad.subject)}/${encodeURIComponent(dyad.counterpart)}`;
}
