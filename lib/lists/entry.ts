/**
 * Shared pieces of the readers: an empty entry to fill, de-duplication that keeps the list's
 * order, the duplicate-key guard, and the reading contract.
 *
 * The contract: a reader is an async generator that yields entries as it reads and *returns* the
 * version header when the whole file has been read cleanly. Any problem throws a ListReadError,
 * possibly after some entries were yielded. A caller therefore collects entries and writes
 * nothing until the generator has returned (readList does exactly that); a file that fails half
 * way must leave no trace.
 */
import { ListReadError } from './errors';
import type { EntryKind, ListAlias, ListEntry, ListIdentifier, ListVersionHeader } from './types';

export type EntryStream = AsyncGenerator<ListEntry, ListVersionHeader, undefined>;

export function newEntry(key: string, kind: EntryKind, name: string, line: number): ListEntry {
  return {
    key,
    kind,
    name,
    aliases: [],
    identifiers: [],
    programs: [],
    authorities: [],
    listingDates: [],
    relatedDates: [],
    remarks: [],
    nationalities: [],
    citizenships: [],
    birthDates: [],
    birthPlaces: [],
    addresses: [],
    line,
  };
}

/** Adds a text value once, keeping first-seen order; blanks are skipped. */
export function addText(list: string[], value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text !== '' && !list.includes(text)) list.push(text);
}

export function addAlias(entry: ListEntry, alias: ListAlias): void {
  const name = alias.name.replace(/\s+/g, ' ').trim();
  if (name === '' || name === entry.name) return;
  if (entry.aliases.some((a) => a.name === name && a.type === alias.type && a.lang === alias.lang)) return;
  entry.aliases.push({ ...alias, name });
}

export function addIdentifier(entry: ListEntry, id: ListIdentifier): void {
  const value = id.value.replace(/\s+/g, ' ').trim();
  if (value === '') return;
  if (entry.identifiers.some((i) => i.scheme === id.scheme && i.value === value)) return;
  const clean: ListIdentifier = { scheme: id.scheme, value };
  if (id.label) clean.label = id.label;
  if (id.country) clean.country = id.country;
  entry.identifiers.push(clean);
}

/** Joins address parts that are present: "Ansari Market, 2nd Floor, Nimroz Province, Afghanistan". */
export function joinParts(parts: (string | null | undefined)[]): string | null {
  const present = parts.map((p) => p?.replace(/\s+/g, ' ').trim()).filter((p): p is string => !!p);
  return present.length > 0 ? present.join(', ') : null;
}

/** Refuses a file that lists the same key twice: the second would silently replace the first. */
export class KeyGuard {
  private readonly seen = new Map<string, number>();
  constructor(private readonly file: string) {}

  check(entry: ListEntry): void {
    const first = this.seen.get(entry.key);
    if (first !== undefined) {
      throw new ListReadError('duplicate-key', `the entry key "${entry.key}" appears twice (first at line ${first})`, {
        file: this.file,
        line: entry.line,
      });
    }
    this.seen.set(entry.key, entry.line);
  }

  get count(): number {
    return this.seen.size;
  }
}

/** Reads a whole list, keeping nothing if any part fails: the entries and header, or a thrown error. */
export async function readAll(stream: EntryStream): Promise<{ header: ListVersionHeader; entries: ListEntry[] }> {
  const entries: ListEntry[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done) return { header: next.value, entries };
    entries.push(next.value);
  }
}

/** Walks a list without keeping it (counting, hashing), returning the header. */
export async function forEachEntry(stream: EntryStream, visit: (entry: ListEntry) => void | Promise<void>): Promise<ListVersionHeader> {
  for (;;) {
    const next = await stream.next();
    if (next.done) return next.value;
    await visit(next.value);
  }
}
