/**
 * What changed between two versions of one list. A key new in the later version is a
 * designation, a key gone from it a removal, and a key in both whose compared fields differ an
 * amendment, listing each changed field with its value before and after.
 *
 * Dates are never invented: each change carries the list's own listing date(s) when the entry
 * has them, the list's own "last updated" dates new in the later version (for amendments), and
 * the two versions it lies between: it happened after the earlier version's publication and on
 * or before the later one's (either may be null when the file states no date). See
 * docs/decisions/0027-list-dates.md.
 *
 * Each entry is reduced to one canonical string of its compared fields, so two versions of 20,000
 * entries compare in well under a second: only entries whose strings differ are compared field by
 * field. entryHash (SHA-1 of that string) is what a database stores to compare without reloading.
 */
import { createHash } from 'node:crypto';
import type { ListAlias, ListDate, ListEntry, ListIdentifier, RelatedDate } from './types';

/** The fields whose change makes an amendment by default: what the issue calls an amendment. */
export const CORE_FIELDS = ['kind', 'name', 'aliases', 'programs', 'authorities', 'identifiers'] as const;
/** Every field that can be compared; pass a wider set to also see changes to dates of birth, addresses, remarks. */
export const COMPARABLE_FIELDS = [
  ...CORE_FIELDS,
  'listingDates',
  'birthDates',
  'nationalities',
  'citizenships',
  'birthPlaces',
  'addresses',
  'remarks',
] as const;
export type ComparedField = (typeof COMPARABLE_FIELDS)[number];

export interface VersionRef {
  /** How people refer to the version, e.g. the file name or "OFAC SDN 2026-11-03". */
  label: string;
  publishedAt: ListDate | null;
}

export interface ListVersionEntries {
  ref: VersionRef;
  entries: readonly ListEntry[];
}

export interface FieldChange {
  field: ComparedField;
  before: unknown;
  after: unknown;
  /** For list fields: the values only in `after` and only in `before`, as text. */
  added?: string[];
  removed?: string[];
}

export interface ChangeDating {
  /** The list's own listing date(s) of the entry; empty when the list gives none. */
  listingDates: ListDate[];
  /** Amendments: the list's own "last updated" dates that the later version adds. */
  listUpdatedDates: RelatedDate[];
  /** The change happened after this version was published (null: there is no earlier version). */
  after: VersionRef | null;
  /** ...and on or before this version was published. */
  onOrBefore: VersionRef;
  /** A designation whose own listing date is earlier than the previous version: re-listed, or missing from that version. */
  listedBeforePreviousVersion: boolean;
}

export type ListChange =
  | { kind: 'designation'; key: string; entry: ListEntry; dating: ChangeDating }
  | { kind: 'amendment'; key: string; before: ListEntry; after: ListEntry; fields: FieldChange[]; dating: ChangeDating }
  | { kind: 'removal'; key: string; entry: ListEntry; dating: ChangeDating };

export interface CompareOptions {
  fields?: readonly ComparedField[];
}

function aliasText(a: ListAlias): string {
  let grade: string = a.type;
  if (a.quality) grade += `, ${a.quality}`;
  if (a.lang) grade += `, ${a.lang}`;
  return `${a.name} (${grade})`;
}

function identifierText(i: ListIdentifier): string {
  return `${i.scheme}: ${i.value}${i.country ? ` (${i.country})` : ''}`;
}

function dateText(d: ListDate): string {
  return d.date ? `${d.raw} [${d.date}/${d.precision}]` : d.raw;
}

/** A field as a sorted list of texts: the form both hashing and the before/after diff use. */
function fieldTexts(entry: ListEntry, field: ComparedField): string[] {
  if (field !== 'kind' && field !== 'name' && entry[field].length === 0) return [];
  switch (field) {
    case 'kind':
      return [entry.kind];
    case 'name':
      return [entry.name];
    case 'aliases':
      return sortedUnique(entry.aliases.map(aliasText));
    case 'identifiers':
      return sortedUnique(entry.identifiers.map(identifierText));
    case 'listingDates':
    case 'birthDates':
      return sortedUnique(entry[field].map(dateText));
    default:
      return sortedUnique(entry[field]);
  }
}

function sortedUnique(values: string[]): string[] {
  // Most fields hold zero or one value: skip the set and the sort for those.
  if (values.length < 2) return values;
  return [...new Set(values)].sort();
}

/**
 * The compared fields as one string: equal strings, no amendment. Comparing these directly is
 * cheaper than hashing them; entryHash is for storing the form compactly.
 */
export function canonicalForm(entry: ListEntry, fields: readonly ComparedField[] = CORE_FIELDS): string {
  let out = '';
  for (const field of fields) out += `${field}\u0001${fieldTexts(entry, field).join('\u0000')}\u0002`;
  return out;
}

/** A hash of the compared fields (SHA-1, base64), for a database to store beside each entry. */
export function entryHash(entry: ListEntry, fields: readonly ComparedField[] = CORE_FIELDS): string {
  return createHash('sha1').update(canonicalForm(entry, fields)).digest('base64');
}

function fieldChanges(before: ListEntry, after: ListEntry, fields: readonly ComparedField[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = fieldTexts(before, field);
    const b = fieldTexts(after, field);
    if (a.length === b.length && a.every((t, i) => t === b[i])) continue;
    if (field === 'kind' || field === 'name') {
      changes.push({ field, before: before[field], after: after[field] });
      continue;
    }
    const inA = new Set(a);
    const inB = new Set(b);
    changes.push({
      field,
      before: before[field],
      after: after[field],
      added: b.filter((t) => !inA.has(t)),
      removed: a.filter((t) => !inB.has(t)),
    });
  }
  return changes;
}

const KEY_ORDER = new Intl.Collator('en', { numeric: true });
const KIND_ORDER = { designation: 0, amendment: 1, removal: 2 } as const;

function laterThan(a: ListDate | null, b: ListDate | null): boolean {
  return !!a?.date && !!b?.date && a.date > b.date;
}

/**
 * The changes from `previous` to `next` (previous null: the first version, all designations),
 * designations first, then amendments, then removals, each by key in natural order.
 */
export function compareVersions(previous: ListVersionEntries | null, next: ListVersionEntries, options: CompareOptions = {}): ListChange[] {
  const fields = options.fields ?? CORE_FIELDS;
  if (previous && laterThan(previous.ref.publishedAt, next.ref.publishedAt)) {
    throw new Error(
      `${next.ref.label} (published ${next.ref.publishedAt?.raw}) is older than ${previous.ref.label} (published ${previous.ref.publishedAt?.raw}); compare versions in publication order`,
    );
  }
  const before = new Map<string, ListEntry>();
  for (const entry of previous?.entries ?? []) before.set(entry.key, entry);
  const seen = new Set<string>();
  const changes: ListChange[] = [];
  const dating = (entry: ListEntry, listUpdatedDates: RelatedDate[] = []): ChangeDating => ({
    listingDates: entry.listingDates,
    listUpdatedDates,
    after: previous?.ref ?? null,
    onOrBefore: next.ref,
    listedBeforePreviousVersion: false,
  });

  for (const entry of next.entries) {
    seen.add(entry.key);
    const old = before.get(entry.key);
    if (!old) {
      const d = dating(entry);
      const previousDate = previous?.ref.publishedAt ?? null;
      d.listedBeforePreviousVersion = entry.listingDates.some((l) => laterThan(previousDate, l));
      changes.push({ kind: 'designation', key: entry.key, entry, dating: d });
      continue;
    }
    if (canonicalForm(old, fields) === canonicalForm(entry, fields)) continue;
    const oldUpdates = new Set(old.relatedDates.filter((r) => r.role === 'updated').map((r) => r.raw));
    const newUpdates = entry.relatedDates.filter((r) => r.role === 'updated' && !oldUpdates.has(r.raw));
    changes.push({ kind: 'amendment', key: entry.key, before: old, after: entry, fields: fieldChanges(old, entry, fields), dating: dating(entry, newUpdates) });
  }
  for (const [key, entry] of before) {
    if (!seen.has(key)) changes.push({ kind: 'removal', key, entry, dating: dating(entry) });
  }
  return changes.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || KEY_ORDER.compare(a.key, b.key));
}
