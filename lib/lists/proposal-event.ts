/**
 * From a proposed list change to the event it becomes: which list and version it cites, the date
 * it can honestly carry, and the text an analyst reads. Pure: db/lists/ stores the proposal and
 * writes the event through the one event mutation.
 *
 * The date (decision 0027): the list's own listing date (or, for an amendment, its own "updated"
 * date) when the entry gives one, at its precision; otherwise the change lies after the previous
 * version's publication and on or before this version's, and the event carries the smallest
 * period that holds that whole interval (the same day, month or year). An interval that spans two
 * years, or a version without a stated date, gives no date: staff supply it, the list does not.
 */
import { formatEventDate, type DatePrecision } from '@/lib/dates';
import type { ListEntry, ListSource } from './types';

export interface SourceInfo {
  /** How the list is named in titles: "OFAC SDN list". */
  label: string;
  publisher: string;
  /** The official page of the list (not the file: files change address). */
  url: string;
}

export const LIST_SOURCE_INFO: Record<ListSource, SourceInfo> = {
  'ofac-sdn': {
    label: 'OFAC SDN list',
    publisher: 'U.S. Department of the Treasury, Office of Foreign Assets Control',
    url: 'https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists',
  },
  'un-sc': {
    label: 'UN Security Council consolidated list',
    publisher: 'United Nations Security Council',
    url: 'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list',
  },
  'eu-fsf': {
    label: 'EU consolidated financial sanctions list',
    publisher: 'European Commission',
    url: 'https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions',
  },
  'uk-fcdo': {
    label: 'UK Sanctions List',
    publisher: 'Foreign, Commonwealth and Development Office',
    url: 'https://www.gov.uk/government/publications/the-uk-sanctions-list',
  },
  opensanctions: {
    label: 'OpenSanctions consolidated sanctions',
    publisher: 'OpenSanctions',
    url: 'https://www.opensanctions.org/datasets/sanctions/',
  },
};

export interface VersionInfo {
  id: number;
  source: ListSource;
  /** First day of the stated publication period, or null. */
  publishedAt: string | null;
  publishedPrecision: DatePrecision | null;
}

/** "OFAC SDN list, version published 2026-11-10"; without a stated date, the version's number. */
export function versionTitle(v: VersionInfo): string {
  const label = LIST_SOURCE_INFO[v.source].label;
  if (!v.publishedAt) return `${label}, version #${v.id} (no publication date stated)`;
  return `${label}, version published ${v.publishedPrecision === 'day' || !v.publishedPrecision ? v.publishedAt : formatEventDate(v.publishedAt, v.publishedPrecision)}`;
}

export interface ChangeDate {
  date: string;
  precision: DatePrecision;
  /** 'list': the list's own date; 'between': the period holding the interval between two versions. */
  basis: 'list' | 'between';
}

function addDay(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The smallest day, month or year holding every day after `after` and up to `onOrBefore`
 * (both ISO days); null when they are not in one year or either is missing.
 */
export function periodBetween(after: string | null, onOrBefore: string | null): { date: string; precision: DatePrecision } | null {
  if (!after || !onOrBefore || onOrBefore <= after) return null;
  const first = addDay(after);
  if (first === onOrBefore) return { date: onOrBefore, precision: 'day' };
  if (first.slice(0, 7) === onOrBefore.slice(0, 7)) return { date: `${onOrBefore.slice(0, 7)}-01`, precision: 'month' };
  if (first.slice(0, 4) === onOrBefore.slice(0, 4)) return { date: `${onOrBefore.slice(0, 4)}-01-01`, precision: 'year' };
  return null;
}

export interface ProposalDates {
  listDate: string | null;
  listDatePrecision: DatePrecision | null;
  afterPublishedAt: string | null;
  onOrBeforePublishedAt: string | null;
}

/** The event's date for a proposal: the list's own, else the period between versions, else null. */
export function changeDate(p: ProposalDates): ChangeDate | null {
  if (p.listDate && p.listDatePrecision) return { date: p.listDate, precision: p.listDatePrecision, basis: 'list' };
  const between = periodBetween(p.afterPublishedAt, p.onOrBeforePublishedAt);
  return between ? { ...between, basis: 'between' } : null;
}

function day(iso: string): string {
  return formatEventDate(iso, 'day');
}

/** The dates as a sentence an analyst can check against the list. */
export function datingText(p: ProposalDates & { kind: 'designation' | 'removal' | 'amendment'; listDateRaw?: string | null }): string {
  const parts: string[] = [];
  if (p.listDate && p.listDatePrecision) {
    const what = p.kind === 'amendment' ? 'The list states this entry was last updated' : 'The list states a listing date of';
    parts.push(`${what} ${formatEventDate(p.listDate, p.listDatePrecision)}${p.listDateRaw ? ` (“${p.listDateRaw}”)` : ''}.`);
  }
  const seen = p.kind === 'removal' ? 'No longer in the version' : 'First seen in the version';
  if (p.afterPublishedAt && p.onOrBeforePublishedAt) {
    parts.push(`${seen} published ${day(p.onOrBeforePublishedAt)}; the version before, published ${day(p.afterPublishedAt)}, ${p.kind === 'removal' ? 'still listed it' : p.kind === 'designation' ? 'did not list it' : 'listed it as before'}.`);
  } else if (p.onOrBeforePublishedAt) {
    parts.push(`${seen} published ${day(p.onOrBeforePublishedAt)}; the version before states no publication date.`);
  } else {
    parts.push('The version states no publication date, so the list alone does not date this change.');
  }
  return parts.join(' ');
}

const KIND_VERB = { designation: 'listed', removal: 'removed', amendment: 'listing amended' } as const;

/** "TEST BANK TWO: listing amended on the OFAC SDN list" (at most 300 characters). */
export function proposalTitle(kind: keyof typeof KIND_VERB, name: string, source: ListSource): string {
  const tail = kind === 'removal' ? ` from the ${LIST_SOURCE_INFO[source].label}` : ` on the ${LIST_SOURCE_INFO[source].label}`;
  const title = `${name}: ${KIND_VERB[kind]}${tail}`;
  return title.length <= 300 ? title : `${title.slice(0, 299)}…`;
}

const PROGRAM = /^[A-Z0-9][A-Z0-9-]*$/;

/** The entry's first program that reads as a program code (the event holds one); the rest go in the details. */
export function programCode(entry: ListEntry): string | null {
  for (const p of entry.programs) {
    const code = p.trim().toUpperCase().replace(/\s+/g, '-');
    if (code.length <= 40 && PROGRAM.test(code)) return code;
  }
  return null;
}

/** The entry's authorities as one line of at most 300 characters. */
export function authorityText(entry: ListEntry): string | null {
  if (entry.authorities.length === 0) return null;
  const text = entry.authorities.join('; ').replace(/\s+/g, ' ');
  return text.length <= 300 ? text : `${text.slice(0, 299)}…`;
}

/** The entry as details text: what the list says, field by field. */
export function entryDetails(entry: ListEntry): string {
  const lines: string[] = [`List entry ${entry.key} (${entry.kind}): ${entry.name}`];
  if (entry.aliases.length) lines.push(`Aliases: ${entry.aliases.map((a) => a.name).join('; ')}`);
  if (entry.programs.length) lines.push(`Programs: ${entry.programs.join('; ')}`);
  if (entry.authorities.length) lines.push(`Authorities: ${entry.authorities.join('; ')}`);
  if (entry.identifiers.length) lines.push(`Identifiers: ${entry.identifiers.map((i) => `${i.label ?? i.scheme} ${i.value}`).join('; ')}`);
  if (entry.remarks.length) lines.push(`Remarks: ${entry.remarks.join(' ')}`);
  return lines.join('\n').slice(0, 20000);
}
