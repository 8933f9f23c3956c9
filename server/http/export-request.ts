/**
 * What every export (CSV, JSON, Atom) does with its URL before writing a byte: the same filter
 * schema as the page and the API, plus the export's own options. A bad parameter is reported, never
 * exported around. Exports hold published events only: drafts are never exported, whoever asks.
 */
import 'server-only';
import type { TrackerStore } from '@/db/store/store';
import { slugify } from '@/lib/slug';
import { FILTER_PARAMS, parseFilters, unknownParams, type FilterIssue, type FilterLookups, type TimelineFilters } from '@/lib/filters';

export const EXPORT_VISIBILITY = { includeDrafts: false } as const;

export type ExportRequest =
  /** `store` is the record to export: the live one, or the one as it stood at `as_recorded`. */
  | { ok: true; filters: TimelineFilters; lookups: FilterLookups; params: URLSearchParams; store: TrackerStore }
  | { ok: false; issues: FilterIssue[] };

export async function parseExportRequest(live: TrackerStore, params: URLSearchParams, extraParams: readonly string[]): Promise<ExportRequest> {
  const issues: FilterIssue[] = unknownParams(params, extraParams).map((param) => ({
    param,
    message: `Unknown parameter. Known parameters: ${[...FILTER_PARAMS, ...extraParams].join(', ')}.`,
  }));
  const status = params.getAll('status').filter((s) => s.trim() !== '');
  if (status.some((s) => s !== 'published')) {
    issues.push({ param: 'status', message: 'Exports hold published events only; drafts are never exported.' });
  }
  const withoutStatus = new URLSearchParams(params);
  withoutStatus.delete('status');
  const resolved = await live.timeline.resolve(parseFilters(withoutStatus), EXPORT_VISIBILITY);
  issues.push(...resolved.issues);
  if (issues.length > 0) return { ok: false, issues };
  const record = await live.recordFor(resolved.filters);
  if (record.issues.length > 0) return { ok: false, issues: record.issues };
  return { ok: true, filters: resolved.filters, lookups: resolved.lookups, params, store: record.store };
}

/** "type: “rumour” is not an event type." lines, for plain-text error bodies. */
export function issuesAsText(issues: FilterIssue[]): string {
  return `The export was not made because the link has problems:\n${issues.map((i) => `- ${i.param}: ${i.message}`).join('\n')}\n`;
}

/** Reads a 0/1 flag such as `bom`; anything else is an issue. */
export function readFlag(params: URLSearchParams, name: string, fallback: boolean, issues: FilterIssue[]): boolean {
  const values = params.getAll(name);
  if (values.length === 0) return fallback;
  if (values.length > 1) issues.push({ param: name, message: 'Given more than once.' });
  const v = values[0]!;
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  issues.push({ param: name, message: `Use ${name}=0 or ${name}=1.` });
  return fallback;
}

const slugPart = (value: string) => slugify(value, { maxLength: 30 });

/**
 * What the file name says about the view: types, countries (and role), counterparts, dates, actors, tags,
 * authorities, programs and the search, e.g. ["designation", "SY-target", "2020-2023"].
 */
export function exportNameParts(filters: TimelineFilters, lookups: FilterLookups): string[] {
  const parts: string[] = [];
  if (filters.types.length > 0) parts.push(filters.types.join('-'));
  if (filters.countries.length > 0) parts.push([...filters.countries, ...(filters.role === 'any' ? [] : [filters.role])].join('-'));
  if (filters.counterparts.length > 0) parts.push(['with', ...filters.counterparts].join('-'));
  if (filters.from || filters.to) {
    const from = filters.from ?? '';
    const to = filters.to ?? '';
    parts.push(from && to ? (from === to ? from : `${from}-${to}`) : from ? `from-${from}` : `to-${to}`);
  }
  if (filters.actors.length > 0) parts.push(filters.actors.map((id) => slugPart(lookups.actors.get(id) ?? `actor-${id}`)).join('-'));
  if (filters.tags.length > 0) parts.push(filters.tags.join('-'));
  if (filters.programs.length > 0) parts.push(filters.programs.join('-'));
  if (filters.authorities.length > 0) parts.push(filters.authorities.map(slugPart).join('-'));
  if (filters.q) parts.push(`q-${slugPart(filters.q)}`);
  if (filters.asRecorded) parts.push(`as-recorded-${filters.asRecorded.slice(0, 10)}`);
  return parts;
}

/**
 * "events_designation_SY_2020-2023_2026-11-27.csv": what was exported and when, in characters
 * that every file system accepts.
 */
export function exportFileName(parts: readonly string[], today: string, extension = 'csv'): string {
  const safe = parts.map((p) => slugify(p, { keepCase: true, maxLength: 40 })).filter(Boolean);
  const name = ['events', ...safe].join('_').slice(0, 150);
  return `${name}_${today}.${extension}`;
}
