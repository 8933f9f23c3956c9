/**
 * Reads of standing changes (issue 12): the changes themselves, the relations board for one
 * counterpart, a country's standings as subject and as counterpart, one change with its history,
 * and the rows of the CSV export. The computations are the pure ones in lib/relations/; this file
 * only loads what they take, in few statements (the board reads the counterpart's changes, their
 * evidence, and per side the count and the latest of the events between the sides from `event_pairs`).
 *
 * Visibility: a deleted change is never shown except to staff asking for it (`includeDeleted`).
 * A reader sees a change's evidence only among published events; a change none of whose evidence
 * a reader may see is not shown to that reader at all, since nothing visible would support it.
 */
import { sql } from 'drizzle-orm';
import type { ChangeCsvRow } from '@/lib/csv/relations';
import type { DbOrTx } from '@/db/engine/client';
import type Database from 'better-sqlite3';
import { ConnectionCaches } from '@/db/derived/read-cache';
import { revisions, type RevisionRow } from '@/db/schema';
import { isCountryCode } from '@/lib/countries';
import type { DatePrecision } from '@/lib/dates';
import { dyadBand, type DyadBand } from '@/lib/relations/bands';
import { dyadKey, groupByDyad, type Dyad, type StandingChange } from '@/lib/relations/change';
import { summarizeStandings } from '@/lib/relations/describe';
import { dyadYearRows, type DyadYearRow } from '@/lib/relations/dyad-years';
import { regionOf, regionRank, subjectName, type Region } from '@/lib/relations/regions';
import {
  recalledFromStored,
  recalledToStored,
  subjectKind,
  type ChangeStatus,
  type EmbassyValue,
  type LevelValue,
  type StoredRecalled,
  type SubjectKind,
} from '@/lib/relations/scale';
import { standingAsOf, type DyadStanding } from '@/lib/relations/standing';
import type { EventTypeKey } from '@/lib/event-types';
import type { RevisionAction } from '@/lib/vocabulary';

/** A stored change as staff lists show it: the lib's change plus its record-keeping. */
export interface StandingChangeRecord extends StandingChange {
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Who last wrote it, as the history names them (an e-mail, "seed script"); null if unrecorded. */
  recordedBy: string | null;
  deletedAt: string | null;
}

export interface ChangeRowSql {
  id: number;
  subject: string;
  counterpart: string;
  date: string;
  precision: DatePrecision;
  status: ChangeStatus;
  level: LevelValue | null;
  embassy: EmbassyValue | null;
  ambassador_recalled: StoredRecalled | null;
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export const CHANGE_COLUMNS = sql.raw(
  'c.id, c.subject, c.counterpart, c.date, c.precision, c.status, c.level, c.embassy, c.ambassador_recalled, c.note, c.version, c.created_at, c.updated_at, c.deleted_at',
);

export function toChange(row: ChangeRowSql, evidence: number[]): StandingChange {
  return {
    id: row.id,
    dyad: { subject: row.subject, counterpart: row.counterpart },
    date: row.date,
    precision: row.precision,
    status: row.status,
    level: row.level,
    embassy: row.embassy,
    ambassadorRecalled: row.ambassador_recalled === null ? null : recalledFromStored(row.ambassador_recalled),
    evidenceEventIds: evidence,
    note: row.note,
  };
}

export interface ChangeListOptions {
  counterpart?: string;
  subject?: string;
  /** Changes by id (with the other options still applied). */
  ids?: readonly number[];
  /** Staff only: deleted changes too. */
  includeDeleted?: boolean;
  /**
   * Evidence among draft events counts (staff). When false (readers), only published evidence is
   * listed, and changes without any are left out. Defaults to true for these staff-side reads.
   */
  includeDrafts?: boolean;
}

/** Rows and their evidence, in (subject, counterpart, date, id) order. Two statements with one WHERE. */
function loadChanges(db: DbOrTx, options: ChangeListOptions): { row: ChangeRowSql; evidence: number[] }[] {
  const where = [sql`1 = 1`];
  if (options.counterpart !== undefined) where.push(sql`c.counterpart = ${options.counterpart}`);
  if (options.subject !== undefined) where.push(sql`c.subject = ${options.subject}`);
  if (options.ids !== undefined) {
    if (options.ids.length === 0) return [];
    where.push(sql`c.id IN (SELECT value FROM json_each(${JSON.stringify(options.ids)}))`);
  }
  if (!options.includeDeleted) where.push(sql`c.deleted_at IS NULL`);
  // For one counterpart the (counterpart, date) index reads only its rows; left to itself the
  // planner prefers skipping through the (subject, counterpart, date) index to save the sort.
  const from =
    options.counterpart !== undefined && options.subject === undefined && !options.includeDeleted
      ? sql`standing_changes c INDEXED BY standing_changes_counterpart_idx`
      : sql`standing_changes c`;
  const condition = sql.join(where, sql` AND `);
  const rows = db.all<ChangeRowSql>(sql`SELECT ${CHANGE_COLUMNS} FROM ${from} WHERE ${condition} ORDER BY c.subject, c.counterpart, c.date, c.id`);
  if (rows.length === 0) return [];
  const includeDrafts = options.includeDrafts ?? true;
  const visible = includeDrafts ? sql`e.deleted_at IS NULL` : sql`e.deleted_at IS NULL AND e.status = 'published'`;
  const evidenceRows = db.all<{ change_id: number; event_id: number }>(
    sql`SELECT ev.change_id, ev.event_id FROM ${from}
        JOIN standing_change_evidence ev ON ev.change_id = c.id
        JOIN events e ON e.id = ev.event_id AND ${visible}
        WHERE ${condition}
        ORDER BY ev.change_id, ev.event_id`,
  );
  return withEvidence(rows, evidenceRows, includeDrafts);
}

export type LoadedChange = { row: ChangeRowSql; evidence: number[] };

/** Each change with the evidence the reader may see; a reader does not see a change with none. Both engines' rule. */
export function withEvidence(rows: readonly ChangeRowSql[], evidenceRows: Iterable<{ change_id: number; event_id: number }>, includeDrafts: boolean): LoadedChange[] {
  const evidence = new Map<number, number[]>();
  for (const { change_id, event_id } of evidenceRows) {
    const list = evidence.get(change_id);
    if (list) list.push(event_id);
    else evidence.set(change_id, [event_id]);
  }
  const out: LoadedChange[] = [];
  for (const row of rows) {
    const ev = evidence.get(row.id) ?? [];
    if (ev.length === 0 && !includeDrafts) continue;
    out.push({ row, evidence: ev });
  }
  return out;
}

/** The changes, as the lib's computations take them, oldest first within each dyad. */
export function listStandingChanges(db: DbOrTx, options: ChangeListOptions = {}): StandingChange[] {
  return loadChanges(db, options).map(({ row, evidence }) => toChange(row, evidence));
}

/** The same with version, timestamps and who last wrote each (for staff lists and edit forms). */
export function listStandingChangeRecords(db: DbOrTx, options: ChangeListOptions = {}): StandingChangeRecord[] {
  const loaded = loadChanges(db, options);
  return recordsOf(loaded, latestActors(db, loaded.map((l) => l.row.id)));
}

/** Changes as staff lists show them, given who last wrote each. */
export function recordsOf(loaded: readonly LoadedChange[], actors: Map<number, string>): StandingChangeRecord[] {
  return loaded.map(({ row, evidence }) => ({
    ...toChange(row, evidence),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    recordedBy: actors.get(row.id) ?? null,
    deletedAt: row.deleted_at,
  }));
}

function latestActors(db: DbOrTx, ids: number[]): Map<number, string> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  for (const r of db.all<{ record_id: number; actor: string }>(
    sql`SELECT r.record_id, r.actor FROM revisions r
        WHERE r.id IN (SELECT max(id) FROM revisions WHERE record_type = 'standing_change'
                       AND record_id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) GROUP BY record_id)`,
  )) {
    out.set(r.record_id, r.actor);
  }
  return out;
}

/** One change (deleted ones included), or null. */
export function getStandingChange(db: DbOrTx, id: number): StandingChangeRecord | null {
  return listStandingChangeRecords(db, { ids: [id], includeDeleted: true })[0] ?? null;
}

/** What a revision of a standing change holds: the record after the change, evidence included. */
export interface StandingChangeSnapshot extends ChangeCsvRow {
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
  deletedAt: string | null;
}

/** The snapshot of a change as stored now (for the revision written with each change). */
export function standingChangeSnapshotOf(db: DbOrTx, id: number): StandingChangeSnapshot | null {
  const row = db.get<Omit<StandingChangeSnapshot, 'evidenceEventIds'>>(
    sql`SELECT id, subject, counterpart, date, precision, status, level, embassy, ambassador_recalled AS ambassadorRecalled, note,
               version, created_at AS createdAt, updated_at AS updatedAt, created_by AS createdBy, updated_by AS updatedBy, deleted_at AS deletedAt
        FROM standing_changes WHERE id = ${id}`,
  );
  if (!row) return null;
  const evidenceEventIds = db
    .all<{ event_id: number }>(sql`SELECT event_id FROM standing_change_evidence WHERE change_id = ${id} ORDER BY event_id`)
    .map((r) => r.event_id);
  return { ...row, evidenceEventIds };
}

export interface StandingChangeHistoryEntry {
  revisionId: number;
  action: RevisionAction;
  version: number;
  actor: string;
  createdAt: string;
  note: string | null;
  snapshot: StandingChangeSnapshot;
  /** Fields whose value differs from the version before (all of them for the first). */
  changedFields: (keyof StandingChangeSnapshot)[];
  /** This version's content differs from the current one and can be brought back. */
  restorable: boolean;
}

const CONTENT_FIELDS = ['subject', 'counterpart', 'date', 'precision', 'status', 'level', 'embassy', 'ambassadorRecalled', 'note', 'evidenceEventIds'] as const;

function differingFields(a: StandingChangeSnapshot | null, b: StandingChangeSnapshot): (keyof StandingChangeSnapshot)[] {
  return CONTENT_FIELDS.filter((k) => a === null || JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** A change with its history, newest revision first; null when there is no such change. */
export function standingChangeWithHistory(
  db: DbOrTx,
  id: number,
): { change: StandingChangeRecord; history: StandingChangeHistoryEntry[] } | null {
  const change = getStandingChange(db, id);
  if (!change) return null;
  const rows = db
    .select()
    .from(revisions)
    .where(sql`${revisions.recordType} = 'standing_change' AND ${revisions.recordId} = ${id}`)
    .orderBy(revisions.id)
    .all();
  return { change, history: standingHistoryOf(rows) };
}

/** A change's revisions (oldest first) as its history, newest first: both engines' rule. */
export function standingHistoryOf(rows: readonly RevisionRowOf[]): StandingChangeHistoryEntry[] {
  const snapshots = rows.map((r) => r.snapshot as StandingChangeSnapshot);
  const current = snapshots[snapshots.length - 1] ?? null;
  const history = rows.map((r, i) => ({
    revisionId: r.id,
    action: r.action,
    version: r.version,
    actor: r.actor,
    createdAt: r.createdAt,
    note: r.note,
    snapshot: snapshots[i]!,
    changedFields: differingFields(i === 0 ? null : snapshots[i - 1]!, snapshots[i]!),
    restorable: r.action !== 'delete' && current !== null && differingFields(current, snapshots[i]!).length > 0,
  }));
  return history.reverse();
}

type RevisionRowOf = Pick<RevisionRow, 'id' | 'action' | 'version' | 'actor' | 'createdAt' | 'note' | 'snapshot'>;

/** A timeline event between the two sides of a dyad, as the board marks it. */
export interface DyadEvent {
  id: number;
  date: string;
  precision: DatePrecision;
  type: EventTypeKey;
  title: string;
}

export interface BoardRow {
  dyad: Dyad;
  subjectKind: SubjectKind;
  subjectName: string;
  region: Region;
  band: DyadBand;
  standing: DyadStanding;
  /**
   * Events between the two sides dated in [from, to] that the viewer may see, oldest first: the
   * latest `eventLimit` of them (the board's markers; the timeline lists the rest).
   */
  events: DyadEvent[];
  /** How many such events there are in all. */
  eventCount: number;
}

export interface RelationsBoard {
  counterpart: string;
  asOf: string;
  from: string;
  to: string;
  /** "As of 1 June 2019: 2 states with an open embassy in Syria, ..." */
  summary: string;
  rows: BoardRow[];
}

export interface BoardOptions {
  counterpart: string;
  /** YYYY-MM-DD. */
  asOf: string;
  /** The band's first and last day, YYYY-MM-DD. */
  from: string;
  to: string;
  includeDrafts: boolean;
  /** Event markers per row, the latest kept (default DEFAULT_EVENT_LIMIT). */
  eventLimit?: number;
}

export const DEFAULT_EVENT_LIMIT = 100;

/** Events per side: the latest `limit` (oldest first) and how many there are in all. */
export interface DyadEvents {
  events: DyadEvent[];
  total: number;
}

/**
 * Events involving `country` and any of `sides` (states by country code in any role, organisations
 * by their key, as actors), dated in [from, to], keyed by side: the latest `limit` of each, and the
 * count. Read from `event_pairs` (decision 0036), which is clustered on (country, side, date): the
 * counts are one range per side, and each side's latest events one range read backwards.
 */
function eventsBetween(
  db: DbOrTx,
  country: string,
  sides: readonly string[],
  range: { from: string; to: string; includeDrafts: boolean; eventLimit: number },
): Map<string, DyadEvents> {
  const out = new Map<string, DyadEvents>();
  if (sides.length === 0) return out;
  // Only live events have rows, so a staff view (drafts too) needs no condition at all.
  const visible = range.includeDrafts ? sql`TRUE` : sql`p.event_visibility = 'published'`;
  const between = sql`p.country = ${country} AND p.event_date BETWEEN ${range.from} AND ${range.to} AND ${visible}`;
  // CROSS JOIN: one seek per listed side; the planner otherwise reads all of the country's rows
  // and looks each side up in the list.
  const counts = db.all<{ side: string; n: number }>(
    sql`SELECT p.side, count(*) AS n FROM json_each(${JSON.stringify([...new Set(sides)])}) k
        CROSS JOIN event_pairs p ON p.side = k.value AND ${between} GROUP BY p.side`,
  );
  for (const { side, n } of counts) {
    const latest = db.all<{ id: number; date: string; precision: DatePrecision; type: EventTypeKey; title: string }>(
      sql`SELECT p.event_id AS id, p.event_date AS date, p.event_date_precision AS precision, p.event_type AS type, p.event_title AS title
          FROM event_pairs p WHERE p.side = ${side} AND ${between}
          ORDER BY p.event_date DESC, p.event_id DESC LIMIT ${range.eventLimit}`,
    );
    out.set(side, { events: latest.reverse(), total: n });
  }
  return out;
}

function compareRows(a: { region: Region; subjectName: string }, b: { region: Region; subjectName: string }): number {
  return regionRank(a.region) - regionRank(b.region) || a.subjectName.localeCompare(b.subjectName, 'en');
}

/** Rows for the given changes (grouped by dyad); `eventCountry` is the side whose events are looked up. */
function buildRows(
  db: DbOrTx,
  changes: readonly StandingChange[],
  options: { asOf: string; from: string; to: string; includeDrafts: boolean; eventLimit?: number },
): BoardRow[] {
  const range = eventRange(options);
  const events = new Map<string, DyadEvents>();
  for (const [counterpart, subjects] of sidesByCounterpart(changes)) {
    for (const [side, found] of eventsBetween(db, counterpart, [...subjects], range)) {
      events.set(dyadKey({ subject: side, counterpart }), found);
    }
  }
  return boardRowsOf(changes, events, options);
}

/** The window and the number of event markers a board row reads. */
export function eventRange(options: { from: string; to: string; includeDrafts: boolean; eventLimit?: number }) {
  return { from: options.from, to: options.to, includeDrafts: options.includeDrafts, eventLimit: options.eventLimit ?? DEFAULT_EVENT_LIMIT };
}

/** Events are looked up per counterpart (usually one), for all its subjects at once. */
export function sidesByCounterpart(changes: readonly StandingChange[]): Map<string, Set<string>> {
  const byCounterpart = new Map<string, Set<string>>();
  for (const { dyad } of changes) {
    const set = byCounterpart.get(dyad.counterpart) ?? new Set<string>();
    set.add(dyad.subject);
    byCounterpart.set(dyad.counterpart, set);
  }
  return byCounterpart;
}

/** The board's rows, given the events between each dyad's sides (keyed by `dyadKey`): both engines' rule. */
export function boardRowsOf(changes: readonly StandingChange[], events: Map<string, DyadEvents>, options: { asOf: string; from: string; to: string }): BoardRow[] {
  const groups = groupByDyad(changes);
  const rows = groups.map(({ dyad, changes: dyadChanges }) => ({
    dyad,
    subjectKind: subjectKind(dyad.subject) ?? 'state',
    subjectName: subjectName(dyad.subject),
    region: regionOf(dyad.subject),
    band: dyadBand(dyad, dyadChanges, options.from, options.to),
    standing: standingAsOf(dyad, dyadChanges, options.asOf),
    events: events.get(dyadKey(dyad))?.events ?? [],
    eventCount: events.get(dyadKey(dyad))?.total ?? 0,
  }));
  return rows.sort(compareRows);
}

/** Everything on a board that does not depend on the as-of date: cached per database version. */
export interface BoardBase {
  rows: Omit<BoardRow, 'standing'>[];
  /** Each row's changes, in row order. */
  changes: StandingChange[][];
}

function computeBoardBase(db: DbOrTx, options: Omit<BoardOptions, 'asOf'>): BoardBase {
  const changes = listStandingChanges(db, { counterpart: options.counterpart, includeDrafts: options.includeDrafts });
  return boardBaseOf(changes, buildRows(db, changes, { ...options, asOf: options.to }));
}

/** The rows without their standing (filled in per request; any date gives the same rows and order), each with its changes. */
export function boardBaseOf(changes: readonly StandingChange[], rows: BoardRow[]): BoardBase {
  const byDyad = new Map(groupByDyad(changes).map((g) => [dyadKey(g.dyad), g.changes]));
  const base = rows.map(({ standing: _standing, ...row }) => row);
  return { rows: base, changes: base.map((r) => byDyad.get(dyadKey(r.dyad))!) };
}

/**
 * Read-through caches (db/derived/read-cache.ts, decision 0012), one per connection: a result is
 * only ever served for the database state it was computed at. Moving the as-of date recomputes
 * only the standings (a fraction of a millisecond per row), never the reads.
 */
const boardBases = new ConnectionCaches<BoardBase>({ maxEntries: 64, maxSize: 64 });
const changeLists = new ConnectionCaches<{ groups: { dyad: Dyad; changes: StandingChange[] }[] }>({ maxEntries: 256, maxSize: 256 });

/** The connection behind `db` when it is the database itself (not a transaction), for caching. */
function clientOf(db: DbOrTx): Database.Database | null {
  const client = (db as { $client?: unknown }).$client;
  return client && typeof (client as Database.Database).prepare === 'function' && !(client as Database.Database).inTransaction
    ? (client as Database.Database)
    : null;
}

function readThrough<T extends object>(caches: ConnectionCaches<T>, db: DbOrTx, key: string, fresh: boolean, compute: () => T): T {
  const client = clientOf(db);
  return client ? caches.read(client, key, fresh, compute).value : compute();
}

export interface ReadOptions {
  /** Compute afresh even if a result for this database state is cached (`Cache-Control: no-cache`). */
  fresh?: boolean;
}

/** The relations board for one counterpart: a row per subject with recorded standing. */
export function relationsBoard(db: DbOrTx, options: BoardOptions, { fresh = false }: ReadOptions = {}): RelationsBoard {
  const { asOf: _asOf, ...rest } = options;
  const key = JSON.stringify([rest.counterpart, rest.from, rest.to, rest.includeDrafts, rest.eventLimit ?? DEFAULT_EVENT_LIMIT]);
  return boardFromBase(readThrough(boardBases, db, key, fresh, () => computeBoardBase(db, rest)), options);
}

/** The board at its as-of date, from the part that does not depend on it. */
export function boardFromBase(base: BoardBase, options: BoardOptions): RelationsBoard {
  const { asOf } = options;
  const rows = base.rows.map((row, i) => ({ ...row, standing: standingAsOf(row.dyad, base.changes[i]!, asOf) }));
  return {
    counterpart: options.counterpart,
    asOf,
    from: options.from,
    to: options.to,
    summary: summarizeStandings(
      options.counterpart,
      asOf,
      rows.map((r) => r.standing),
    ),
    rows,
  };
}

/** A board row without its band and events: the as-of answer. */
export type AsOfRow = Pick<BoardRow, 'dyad' | 'subjectKind' | 'subjectName' | 'region' | 'standing'>;

export interface RelationsAsOf {
  counterpart: string;
  asOf: string;
  summary: string;
  rows: AsOfRow[];
}

/** Only the as-of answer (no bands, no events): what `GET /api/relations` needs, and cheaper. */
export function relationsAsOf(
  db: DbOrTx,
  options: { counterpart: string; asOf: string; includeDrafts: boolean },
  { fresh = false }: ReadOptions = {},
): RelationsAsOf {
  const { groups } = readThrough(changeLists, db, JSON.stringify([options.counterpart, options.includeDrafts]), fresh, () => ({
    groups: groupByDyad(listStandingChanges(db, { counterpart: options.counterpart, includeDrafts: options.includeDrafts })),
  }));
  return asOfOf(groups, options);
}

/** The as-of answer from the counterpart's changes grouped by dyad: both engines' rule. */
export function asOfOf(groups: readonly { dyad: Dyad; changes: StandingChange[] }[], options: { counterpart: string; asOf: string }): RelationsAsOf {
  const rows = groups
    .map(({ dyad, changes: dyadChanges }) => ({
      dyad,
      subjectKind: subjectKind(dyad.subject) ?? ('state' as SubjectKind),
      subjectName: subjectName(dyad.subject),
      region: regionOf(dyad.subject),
      standing: standingAsOf(dyad, dyadChanges, options.asOf),
    }))
    .sort(compareRows);
  return {
    counterpart: options.counterpart,
    asOf: options.asOf,
    summary: summarizeStandings(options.counterpart, options.asOf, rows.map((r) => r.standing)),
    rows,
  };
}

export interface CountryRelations {
  country: string;
  asOf: string;
  /** The country's own standing with others (the country as subject). */
  asSubject: BoardRow[];
  /** Others' standing with the country (the country as counterpart). */
  asCounterpart: BoardRow[];
}

/** A country page's window: from 1990 (or `from`) to the as-of date (or `to`). */
export function countryRange(asOf: string, options: { from?: string; to?: string; includeDrafts?: boolean }) {
  return { asOf, from: options.from ?? '1990-01-01', to: options.to ?? asOf, includeDrafts: options.includeDrafts ?? false };
}

/** A country's standings both ways, for its page; the bands run from `from` to `to`. */
export function relationsForCountry(
  db: DbOrTx,
  code: string,
  asOf: string,
  options: { from?: string; to?: string; includeDrafts?: boolean } = {},
): CountryRelations {
  const range = countryRange(asOf, options);
  if (!isCountryCode(code)) return { country: code, asOf, asSubject: [], asCounterpart: [] };
  return {
    country: code,
    asOf,
    asSubject: buildRows(db, listStandingChanges(db, { subject: code, includeDrafts: range.includeDrafts }), range),
    asCounterpart: buildRows(db, listStandingChanges(db, { counterpart: code, includeDrafts: range.includeDrafts }), range),
  };
}

/** One change as a CSV row: the file's own shape (lib/csv/relations.ts). */
export type ChangeExportRow = ChangeCsvRow;

export interface RelationsExport {
  dyadYears: DyadYearRow[];
  changes: ChangeExportRow[];
}

/** Dyad-year rows for every subject with the counterpart, and the changes dated in those years. */
export function relationsExportRows(
  db: DbOrTx,
  options: { counterpart: string; fromYear: number; toYear: number; includeDrafts?: boolean },
): RelationsExport {
  return exportOf(listStandingChanges(db, { counterpart: options.counterpart, includeDrafts: options.includeDrafts ?? false }), options);
}

/** The export's dyad-years and changes from the counterpart's changes: both engines' rule. */
export function exportOf(changes: StandingChange[], options: { fromYear: number; toYear: number }): RelationsExport {
  const groups = groupByDyad(changes).sort((a, b) => compareRows(rowKey(a.dyad), rowKey(b.dyad)));
  const dyadYears = groups.flatMap(({ dyad, changes: c }) => dyadYearRows(dyad, c, options.fromYear, options.toYear));
  const fromDate = `${String(options.fromYear).padStart(4, '0')}-01-01`;
  const toDate = `${String(options.toYear).padStart(4, '0')}-12-31`;
  const rows = groups
    .flatMap((g) => g.changes)
    .filter((c) => c.date >= fromDate && c.date <= toDate)
    .map((c) => ({
      id: c.id,
      subject: c.dyad.subject,
      counterpart: c.dyad.counterpart,
      date: c.date,
      precision: c.precision,
      status: c.status,
      level: c.level,
      embassy: c.embassy,
      ambassadorRecalled: c.ambassadorRecalled === null ? null : recalledToStored(c.ambassadorRecalled),
      evidenceEventIds: c.evidenceEventIds,
      note: c.note,
    })) satisfies ChangeExportRow[];
  return { dyadYears, changes: rows };
}

function rowKey(dyad: Dyad): { region: Region; subjectName: string } {
  return { region: regionOf(dyad.subject), subjectName: subjectName(dyad.subject) };
}

/**
 * One dyad for its page (`/relations/<subject>/<counterpart>`): its board row (null when nothing
 * visible is recorded), its live changes with their versions for the edit and delete buttons, and,
 * for staff, its deleted changes for restore.
 */
export function dyadRelations(
  db: DbOrTx,
  options: { subject: string; counterpart: string; asOf: string; from: string; to: string; includeDrafts: boolean; eventLimit?: number },
): { row: BoardRow | null; changes: StandingChangeRecord[]; deleted: StandingChangeRecord[] } {
  const { subject, counterpart, includeDrafts } = options;
  const records = listStandingChangeRecords(db, { subject, counterpart, includeDrafts, includeDeleted: includeDrafts });
  const changes = records.filter((r) => r.deletedAt === null);
  const rows = buildRows(db, changes, options);
  return { row: rows[0] ?? null, changes, deleted: records.filter((r) => r.deletedAt !== null) };
}

/** The live changes that cite an event as evidence (for the event's page), oldest first. */
export function standingChangesCitingEvent(db: DbOrTx, eventId: number, options: { includeDrafts: boolean }): StandingChangeRecord[] {
  const ids = db
    .all<{ change_id: number }>(sql`SELECT change_id FROM standing_change_evidence WHERE event_id = ${eventId}`)
    .map((r) => r.change_id);
  return listStandingChangeRecords(db, { ids, includeDrafts: options.includeDrafts }).sort(byDateThenId);
}

/** Oldest first, then by id. */
export function byDateThenId(a: StandingChangeRecord, b: StandingChangeRecord): number {
  return a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id - b.id;
}
