import type { BoardRowView } from './types';

/** Rows by region, regions and rows in alphabetical order (rows by name, as the reader looks for them). */
export function groupByRegion<R extends Pick<BoardRowView, 'region' | 'subjectName'>>(rows: readonly R[]): { region: string; rows: R[] }[] {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const region = r.region || 'Other';
    const list = groups.get(region);
    if (list) list.push(r);
    else groups.set(region, [r]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en'))
    .map(([region, list]) => ({ region, rows: list.sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'en')) }));
}

export function dyadHref(dyad: { subject: string; counterpart: string }): string {
  return `/relations/${encodeURIComponent(dyad.subject)}/${encodeURIComponent(dyad.counterpart)}`;
}
