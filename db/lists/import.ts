/**
 * Importing one version of an official sanctions list (issue 13): the file is read through the
 * lib/lists reader for its source (format detected, anything else refused), compared with the
 * previous version of the same list, and stored with its entries and the proposed changes in one
 * transaction. The file is read completely before anything is written, so a file that fails half
 * way leaves no trace; the same file (same SHA-256) imported again writes nothing and says so.
 *
 * The first version of a list is the baseline: there is nothing to compare it with, and calling
 * every entry of a 20,000-entry list a designation dated by our import would be inventing dates
 * (decision 0027). Proposals start with the second version.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type Database from 'better-sqlite3';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/engine/client';
import { nowIso, type ChangeActor } from '@/db/mutations/revisions';
import { listEntries, listProposals, listRejections, listVersions, type ListVersionRow } from '@/db/schema';
import { parsePartialDate, type DatePrecision } from '@/lib/dates';
import {
  compareVersions,
  entryHash,
  ListReadError,
  MAX_LIST_FILE_BYTES,
  forEachEntry,
  readListForSource,
  type ListChange,
  type ListDate,
  type ListEntry,
  type ListFormat,
  type ListSource,
} from '@/lib/lists';

/** The OFAC CSV set as three file paths. */
export interface OfacCsvPaths {
  sdn: string;
  add: string;
  alt: string;
}
import { changeDate, type ChangeDate } from '@/lib/lists/proposal-event';
import { nameKey } from '@/lib/text/normalise';

/** A list file refused: the message names the file and, where it can, the line or element. */
export class ListImportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ListImportError';
  }
}

export interface ImportListOptions {
  source: ListSource;
  /** A file path, or the three paths of the OFAC CSV set. */
  path?: string | OfacCsvPaths;
  /** Or the file's bytes (an upload) with its name. */
  bytes?: Uint8Array;
  fileName?: string;
  importedBy: ChangeActor;
  dryRun?: boolean;
  /** The publication date (YYYY-MM-DD) when the file states none, as staff supply it. Ignored when the file states one. */
  publishedAt?: string | null;
  maxBytes?: number;
}

export interface ProposedChange {
  kind: ListChange['kind'];
  entryKey: string;
  name: string;
  date: ChangeDate | null;
}

export interface ListImportResult {
  status: 'imported' | 'dry-run' | 'unchanged';
  /** The stored version (the existing one when unchanged); null for a dry run. */
  versionId: number | null;
  source: ListSource;
  format: ListFormat | null;
  fileName: string;
  sha256: string;
  publishedAt: string | null;
  publishedPrecision: DatePrecision | null;
  publishedBy: 'list' | 'staff' | null;
  entryCount: number;
  previous: { id: number; publishedAt: string | null } | null;
  designations: number;
  removals: number;
  amendments: number;
  skippedRejected: number;
  proposals: ProposedChange[];
  /** For 'unchanged': when and by whom the same file was imported. */
  existing?: { importedAt: string; importedBy: string };
}

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function paths(path: string | OfacCsvPaths): string[] {
  return typeof path === 'string' ? [path] : [path.sdn, path.add, path.alt];
}

async function sha256Of(files: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** A change's fingerprint: its kind and the hashes (lib/lists `entryHash`) of the entry before and after. */
export function fingerprintOf(kind: ListChange['kind'], before: string | undefined, after: string | undefined): string {
  if (kind === 'designation') return `designation:${after}`;
  if (kind === 'removal') return `removal:${before}`;
  return `amendment:${before}>${after}`;
}

function firstDated(dates: readonly ListDate[]): ListDate | null {
  const dated = dates.filter((d) => d.date && d.precision);
  dated.sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));
  return dated[0] ?? null;
}

/** The list's own date of the change: a designation's listing date, an amendment's "updated" date; none for a removal. */
function listDateOf(change: ListChange): ListDate | null {
  if (change.kind === 'designation') return firstDated(change.dating.listingDates);
  if (change.kind === 'amendment') return firstDated(change.dating.listUpdatedDates);
  return null;
}

function publishedOf(version: Pick<ListVersionRow, 'publishedAt' | 'publishedPrecision' | 'publishedRaw'>): ListDate | null {
  if (!version.publishedAt) return null;
  return { date: version.publishedAt, precision: version.publishedPrecision, raw: version.publishedRaw ?? version.publishedAt, provenance: 'stored version' };
}

/** The latest version of a list (the one a new version is compared with). */
export function latestVersion(db: DbOrTx, source: ListSource): ListVersionRow | undefined {
  return db.select().from(listVersions).where(eq(listVersions.source, source)).orderBy(desc(listVersions.id)).limit(1).get();
}

/**
 * An entry as it will be stored: its columns as text. A 20,000-entry list is held this way between
 * reading and writing rather than as objects, which take several times the memory (the import of
 * an SDN-sized file stays within the server's heap; scripts/bench/lists.ts).
 */
export interface EntryRow {
  key: string;
  kind: ListEntry['kind'];
  name: string;
  nameKey: string;
  hash: string;
  json: string;
  aliases: string;
  identifiers: string;
  programs: string;
  authorities: string;
  listingDates: string;
  remarks: string;
}

function entryRow(e: ListEntry): EntryRow {
  return {
    key: e.key,
    kind: e.kind,
    name: e.name,
    nameKey: nameKey(e.name),
    hash: entryHash(e),
    json: JSON.stringify(e),
    aliases: JSON.stringify(e.aliases),
    identifiers: JSON.stringify(e.identifiers),
    programs: JSON.stringify(e.programs),
    authorities: JSON.stringify(e.authorities),
    listingDates: JSON.stringify(e.listingDates),
    remarks: JSON.stringify(e.remarks),
  };
}

export interface ReadVersion {
  format: ListFormat;
  rows: EntryRow[];
  published: { date: string; precision: DatePrecision; raw: string; by: 'list' | 'staff' } | null;
}

async function readVersion(options: ImportListOptions, input: string | OfacCsvPaths): Promise<ReadVersion> {
  const { detection, entries: stream } = await readListForSource(options.source, input, { maxBytes: options.maxBytes });
  const rows: EntryRow[] = [];
  const header = await forEachEntry(stream, (e) => {
    rows.push(entryRow(e));
  });
  let published: ReadVersion['published'] = null;
  if (header.publishedAt?.date && header.publishedAt.precision) {
    published = { date: header.publishedAt.date, precision: header.publishedAt.precision, raw: header.publishedAt.raw, by: 'list' };
  } else if (options.publishedAt) {
    const supplied = parsePartialDate(options.publishedAt.trim());
    if (!supplied || supplied.precision !== 'day') {
      throw new ListImportError(`The publication date "${options.publishedAt}" must be a day, YYYY-MM-DD.`, 'bad-date');
    }
    published = { date: supplied.date, precision: 'day', raw: options.publishedAt.trim(), by: 'staff' };
  }
  return { format: detection.format!, rows, published };
}

/** Runs `work` on the file paths of the input, writing uploaded bytes to a temporary file named like the upload. */
export async function withInputPaths<T>(options: ImportListOptions, work: (input: string | OfacCsvPaths, shown: string) => Promise<T>): Promise<T> {
  if (options.path) return work(options.path, options.fileName ?? basename(paths(options.path)[0]!));
  if (!options.bytes) throw new ListImportError('No file was given.', 'no-file');
  const name = basename(options.fileName || 'upload').replace(/[^\w.-]+/g, '_') || 'upload';
  const dir = await mkdtemp(join(tmpdir(), 'list-import-'));
  // A temporary file of the upload, never a path of the project: nothing to trace at build time.
  const file = join(/* turbopackIgnore: true */ dir, name);
  try {
    await writeFile(file, options.bytes);
    return await work(file, name);
  } catch (err) {
    // Messages name the upload, not the temporary folder it was written to.
    if (err instanceof ListReadError || err instanceof ListImportError) throw new ListImportError(err.message.split(file).join(options.fileName || name), err.code);
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Imports one version of a list. Reading, hashing and comparing happen before the transaction;
 * the version, its entries and its proposals are written in one transaction (or not at all).
 */
export async function importListVersion(db: Db, options: ImportListOptions): Promise<ListImportResult> {
  return readListUpload(
    options,
    async (source, sha256) => db.select().from(listVersions).where(and(eq(listVersions.source, source), eq(listVersions.sha256, sha256))).get(),
    (base, read) => storeVersion(db, options, base, read),
  );
}

/**
 * Both engines' steps before the database: the file's size and hash, the version already stored
 * with that hash (`stored`: then nothing more is read), the list read and checked; `store` writes.
 */
export async function readListUpload(
  options: ImportListOptions,
  stored: (source: ListSource, sha256: string) => Promise<ListVersionRow | undefined>,
  store: (base: { source: ListSource; fileName: string; sha256: string }, read: ReadVersion) => Promise<ListImportResult>,
): Promise<ListImportResult> {
  return withInputPaths(options, async (input, shown) => {
    const files = paths(input);
    const limit = options.maxBytes ?? MAX_LIST_FILE_BYTES;
    for (const file of files) {
      const size = (await stat(file).catch(() => null))?.size;
      if (size === undefined) throw new ListImportError(`${file}: the file cannot be opened.`, 'malformed');
      if (size > limit) {
        throw new ListImportError(`${shown}: the file is ${sizeText(size)}, larger than the ${sizeText(limit)} a list file may be.`, 'too-large');
      }
    }
    const sha256 = await sha256Of(files);
    const base = { source: options.source, fileName: shown, sha256 };
    const same = await stored(options.source, sha256);
    if (same) return unchangedResult(same, base);

    let read: ReadVersion;
    try {
      read = await readVersion(options, input);
    } catch (err) {
      if (err instanceof ListReadError) throw new ListImportError(err.message, err.code);
      throw err;
    }
    return store(base, read);
  });
}

export function unchangedResult(same: ListVersionRow, base: { source: ListSource; fileName: string; sha256: string }): ListImportResult {
  return {
    ...base,
    status: 'unchanged',
    versionId: same.id,
    format: same.format,
    publishedAt: same.publishedAt,
    publishedPrecision: same.publishedPrecision,
    publishedBy: same.publishedBy,
    entryCount: same.entryCount,
    previous: same.previousVersionId ? { id: same.previousVersionId, publishedAt: null } : null,
    designations: 0,
    removals: 0,
    amendments: 0,
    skippedRejected: 0,
    proposals: [],
    existing: { importedAt: same.importedAt, importedBy: same.importedBy },
  };
}

export function refuseOlder(previous: ListVersionRow, published: ReadVersion['published'], fileName: string): void {
  if (previous.publishedAt && published && published.date < previous.publishedAt) {
    throw new ListImportError(
      `${fileName}: this version is published ${published.date}, before version #${previous.id} (published ${previous.publishedAt}) already imported. Versions are compared in publication order: import newer versions only.`,
      'older-version',
    );
  }
}

export interface PlannedProposal {
  change: ListChange;
  fingerprint: string;
  listDate: ListDate | null;
}

/**
 * The changes from the previous version, comparing only the entries whose hash differs or whose key
 * is in one version alone: an entry with the same key and hash in both is unchanged by definition
 * (the hash is of the compared fields), so neither version is loaded whole.
 */
function planProposals(db: DbOrTx, source: ListSource, previous: ListVersionRow, read: ReadVersion) {
  const before = new Map(
    db.select({ key: listEntries.entryKey, hash: listEntries.hash }).from(listEntries).where(eq(listEntries.versionId, previous.id)).all().map((r) => [r.key, r.hash]),
  );
  const oldEntries: ListEntry[] = [];
  const changedBefore = changedKeysBefore(before, read);
  for (let i = 0; i < changedBefore.length; i += 500) {
    const keys = changedBefore.slice(i, i + 500);
    for (const r of db.select({ entry: listEntries.entry }).from(listEntries).where(and(eq(listEntries.versionId, previous.id), inArray(listEntries.entryKey, keys))).all()) oldEntries.push(r.entry);
  }
  const rejected = db
    .select({ key: listRejections.entryKey, fingerprint: listRejections.fingerprint })
    .from(listRejections)
    .where(eq(listRejections.source, source))
    .all();
  return planFrom(previous, read, before, oldEntries, rejected);
}

/** The keys of the previous version whose entry this one changes or drops (their entries are read to compare). */
export function changedKeysBefore(before: Map<string, string>, read: ReadVersion): string[] {
  const after = new Map(read.rows.map((r) => [r.key, r.hash]));
  return [...before].filter(([key, hash]) => after.get(key) !== hash).map(([key]) => key);
}

/** The proposals from the previous version's hashes, its changed entries and the rejected changes: both engines' rule. */
export function planFrom(
  previous: ListVersionRow,
  read: ReadVersion,
  before: Map<string, string>,
  oldEntries: ListEntry[],
  rejectedRows: { key: string; fingerprint: string }[],
): { planned: PlannedProposal[]; skipped: number } {
  const after = new Map(read.rows.map((r) => [r.key, r.hash]));
  const changedAfter = read.rows.filter((r) => before.get(r.key) !== r.hash).map((r) => JSON.parse(r.json) as ListEntry);
  const changes = compareVersions(
    { ref: { label: `version #${previous.id}`, publishedAt: publishedOf(previous) }, entries: oldEntries },
    { ref: { label: 'this version', publishedAt: read.published ? { ...read.published, provenance: read.published.by } : null }, entries: changedAfter },
  );
  const rejected = new Set(rejectedRows.map((r) => `${r.key}\u0000${r.fingerprint}`));
  const planned: PlannedProposal[] = [];
  let skipped = 0;
  for (const change of changes) {
    const fingerprint = fingerprintOf(change.kind, before.get(change.key), after.get(change.key));
    if (rejected.has(`${change.key}\u0000${fingerprint}`)) skipped++;
    else planned.push({ change, fingerprint, listDate: listDateOf(change) });
  }
  return { planned, skipped };
}

function changedEntry(change: ListChange): ListEntry {
  return change.kind === 'amendment' ? change.after : change.entry;
}

async function storeVersion(db: Db, options: ImportListOptions, base: { source: ListSource; fileName: string; sha256: string }, read: ReadVersion): Promise<ListImportResult> {
  const previous = latestVersion(db, options.source);
  if (previous) refuseOlder(previous, read.published, base.fileName);
  const { planned, skipped } = previous ? planProposals(db, options.source, previous, read) : { planned: [], skipped: 0 };
  const result = importResultOf(options, base, read, previous ?? null, planned, skipped);
  if (options.dryRun) return result;
  result.versionId = writeVersion(db, options, read, result, previous ?? null, planned);
  return result;
}

/** What an import answers, before the version is written (its id is set after). */
export function importResultOf(
  options: ImportListOptions,
  base: { source: ListSource; fileName: string; sha256: string },
  read: ReadVersion,
  previous: ListVersionRow | null,
  planned: PlannedProposal[],
  skipped: number,
): ListImportResult {
  const count = (kind: ListChange['kind']) => planned.filter((p) => p.change.kind === kind).length;
  const afterPublishedAt = previous?.publishedAt ?? null;
  const onOrBeforePublishedAt = read.published?.date ?? null;
  const result: ListImportResult = {
    ...base,
    status: options.dryRun ? 'dry-run' : 'imported',
    versionId: null,
    format: read.format,
    publishedAt: read.published?.date ?? null,
    publishedPrecision: read.published?.precision ?? null,
    publishedBy: read.published?.by ?? null,
    entryCount: read.rows.length,
    previous: previous ? { id: previous.id, publishedAt: previous.publishedAt } : null,
    designations: count('designation'),
    removals: count('removal'),
    amendments: count('amendment'),
    skippedRejected: skipped,
    proposals: planned.map((p) => ({
      kind: p.change.kind,
      entryKey: p.change.key,
      name: changedEntry(p.change).name,
      date: changeDate({ listDate: p.listDate?.date ?? null, listDatePrecision: p.listDate?.precision ?? null, afterPublishedAt, onOrBeforePublishedAt }),
    })),
  };
  return result;
}

/** The version, its entries and its proposals, in one transaction: all of them or nothing. */
function writeVersion(db: Db, options: ImportListOptions, read: ReadVersion, result: ListImportResult, previous: ListVersionRow | null, planned: PlannedProposal[]): number {
  return db.transaction((tx) => {
    const version = tx.insert(listVersions).values(versionValues(options, read, result, previous)).returning({ id: listVersions.id }).get();
    insertEntries(db, version.id, read.rows);
    for (const p of planned) tx.insert(listProposals).values(proposalValues(version.id, p, previous?.publishedAt ?? null, read.published?.date ?? null)).run();
    return version.id;
  });
}

/** The version's row. */
export function versionValues(options: ImportListOptions, read: ReadVersion, result: ListImportResult, previous: ListVersionRow | null) {
  return {
    source: options.source,
    format: read.format,
    fileName: result.fileName,
    sha256: result.sha256,
    publishedAt: read.published?.date ?? null,
    publishedPrecision: read.published?.precision ?? null,
    publishedRaw: read.published?.raw ?? null,
    publishedBy: read.published?.by ?? null,
    entryCount: read.rows.length,
    previousVersionId: previous?.id ?? null,
    designations: result.designations,
    removals: result.removals,
    amendments: result.amendments,
    skippedRejected: result.skippedRejected,
    importedByUserId: options.importedBy.userId,
    importedBy: options.importedBy.label,
    importedAt: nowIso(),
  };
}

/** A proposal's row. */
export function proposalValues(versionId: number, p: PlannedProposal, afterPublishedAt: string | null, onOrBeforePublishedAt: string | null) {
  const c = p.change;
  return {
    versionId,
    kind: c.kind,
    entryKey: c.key,
    name: changedEntry(c).name,
    before: c.kind === 'designation' ? null : c.kind === 'amendment' ? c.before : c.entry,
    after: c.kind === 'removal' ? null : c.kind === 'amendment' ? c.after : c.entry,
    fields: c.kind === 'amendment' ? c.fields : [],
    fingerprint: p.fingerprint,
    listDate: p.listDate?.date ?? null,
    listDatePrecision: p.listDate?.precision ?? null,
    listDateRaw: p.listDate?.raw ?? null,
    afterPublishedAt,
    onOrBeforePublishedAt,
    listedBeforePrevious: c.dating.listedBeforePreviousVersion,
  };
}

/** The rows through one prepared statement of the connection (inside the caller's transaction). */
function insertEntries(db: Db, versionId: number, rows: readonly EntryRow[]): void {
  // drizzle() gives the database its better-sqlite3 connection as `$client` (db/engine/client.ts
  // opens every database that way); the `Db` type leaves it out. The JSON columns go in as the
  // text already made, which drizzle's JSON mapping would encode a second time.
  const client = (db as unknown as { $client: Database.Database }).$client;
  const insert = client.prepare(
    `INSERT INTO list_entries (version_id, entry_key, kind, name, name_key, aliases, identifiers, programs, authorities, listing_dates, remarks, entry, hash)
     VALUES (@versionId, @key, @kind, @name, @nameKey, @aliases, @identifiers, @programs, @authorities, @listingDates, @remarks, @json, @hash)`,
  );
  for (const r of rows) insert.run({ versionId, ...r });
}
