/**
 * Standing changes and the relations board on PostgreSQL: the twins of db/queries/relations.ts's
 * reads and db/mutations/standings.ts's writes. What is read differs (arrays for SQLite's
 * `json_each`, `COLLATE "C"` for its byte order); how a board, an as-of answer, an export or a
 * history is built from it is SQLite's own code (`boardRowsOf`, `asOfOf`, `exportOf`,
 * `standingHistoryOf`), as are the checks and refusals of the writes.
 *
 * Concurrency: a change is checked against its dyad's other live changes, so two writes to one
 * dyad take a transaction-scoped advisory lock on the dyad first and run one after the other, as
 * SQLite's IMMEDIATE transactions do; a write to an existing change also locks its row.
 */
import { and, asc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import {
  asRestoreRefusal,
  checkedChange,
  evidenceMessage,
  NothingChanged,
  rawDyad,
  REFUSED,
  SAME_AS_CURRENT,
  sameStandingContent,
  snapshotToRaw,
  standingClaimRefusal,
  standingColumns,
  type StandingWriteResult,
} from '@/db/mutations/standings';
import { MutationError, VersionConflictError } from '@/db/mutations/errors';
import { nowIso, type ChangeActor } from '@/db/mutations/revisions';
import {
  asOfOf,
  boardBaseOf,
  boardFromBase,
  boardRowsOf,
  byDateThenId,
  CHANGE_COLUMNS,
  countryRange,
  eventRange,
  exportOf,
  recordsOf,
  sidesByCounterpart,
  standingHistoryOf,
  toChange,
  withEvidence,
  type BoardOptions,
  type BoardRow,
  type ChangeListOptions,
  type ChangeRowSql,
  type CountryRelations,
  type DyadEvents,
  type LoadedChange,
  type RelationsAsOf,
  type RelationsBoard,
  type RelationsExport,
  type StandingChangeHistoryEntry,
  type StandingChangeRecord,
  type StandingChangeSnapshot,
} from '@/db/queries/relations';
import { isCountryCode } from '@/lib/countries';
import { dyadKey, groupByDyad, validateStandingChange, type StandingChange, type StandingChangeInput } from '@/lib/relations/change';
import type { RevisionAction } from '@/lib/vocabulary';
import type { PgDb } from './connect';
import { pgWriteTransaction } from './event-writes';
import type { PgTx } from './replicas';
import { revisions, standingChangeEvidence, standingChanges } from './schema';

type Runner = PgDb | PgTx;

const ints = (ids: readonly number[]) => sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[]`;

/** `loadChanges`' twin: rows and the evidence the reader may see, in (subject, counterpart, date, id) byte order. */
async function loadChanges(db: Runner, options: ChangeListOptions): Promise<LoadedChange[]> {
  const where: SQL[] = [sql`TRUE`];
  if (options.counterpart !== undefined) where.push(sql`c.counterpart = ${options.counterpart}`);
  if (options.subject !== undefined) where.push(sql`c.subject = ${options.subject}`);
  if (options.ids !== undefined) {
    if (options.ids.length === 0) return [];
    where.push(sql`c.id = ANY(${ints(options.ids)})`);
  }
  if (!options.includeDeleted) where.push(sql`c.deleted_at IS NULL`);
  const condition = sql.join(where, sql` AND `);
  const { rows } = await db.execute<ChangeRowSql & Record<string, unknown>>(
    sql`SELECT ${CHANGE_COLUMNS} FROM standing_changes c WHERE ${condition} ORDER BY c.subject COLLATE "C", c.counterpart COLLATE "C", c.date, c.id`,
  );
  if (rows.length === 0) return [];
  const includeDrafts = options.includeDrafts ?? true;
  const visible = includeDrafts ? sql`e.deleted_at IS NULL` : sql`e.deleted_at IS NULL AND e.status = 'published'`;
  const evidence = await db.execute<{ change_id: number; event_id: number }>(
    sql`SELECT ev.change_id, ev.event_id FROM standing_changes c
        JOIN standing_change_evidence ev ON ev.change_id = c.id
        JOIN events e ON e.id = ev.event_id AND ${visible}
        WHERE ${condition}
        ORDER BY ev.change_id, ev.event_id`,
  );
  return withEvidence(rows, evidence.rows, includeDrafts);
}

export async function pgListStandingChanges(db: Runner, options: ChangeListOptions = {}): Promise<StandingChange[]> {
  return (await loadChanges(db, options)).map(({ row, evidence }) => toChange(row, evidence));
}

async function latestActors(db: PgDb, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{ record_id: number; actor: string }>(
    sql`SELECT r.record_id, r.actor FROM revisions r
        WHERE r.id IN (SELECT max(id) FROM revisions WHERE record_type = 'standing_change' AND record_id = ANY(${ints(ids)}) GROUP BY record_id)`,
  );
  return new Map(rows.map((r) => [r.record_id, r.actor]));
}

export async function pgListStandingChangeRecords(db: PgDb, options: ChangeListOptions = {}): Promise<StandingChangeRecord[]> {
  const loaded = await loadChanges(db, options);
  return recordsOf(loaded, await latestActors(db, loaded.map((l) => l.row.id)));
}

/** `eventsBetween`' twin: per side, the count and the latest events between the sides, from `event_pairs`. */
async function eventsBetween(db: PgDb, country: string, sides: readonly string[], range: ReturnType<typeof eventRange>): Promise<Map<string, DyadEvents>> {
  const out = new Map<string, DyadEvents>();
  if (sides.length === 0) return out;
  const visible = range.includeDrafts ? sql`TRUE` : sql`p.event_visibility = 'published'`;
  const between = sql`p.country = ${country} AND p.event_date BETWEEN ${range.from} AND ${range.to} AND ${visible}`;
  const texts = `{${[...new Set(sides)].map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  const counts = await db.execute<{ side: string; n: string }>(sql`SELECT p.side, count(*) AS n FROM event_pairs p WHERE p.side = ANY(${texts}::text[]) AND ${between} GROUP BY p.side`);
  for (const { side, n } of counts.rows) {
    const latest = await db.execute<DyadEvents["events"][number] & Record<string, unknown>>(
      sql`SELECT p.event_id AS id, p.event_date AS date, p.event_date_precision AS precision, p.event_type AS type, p.event_title AS title
          FROM event_pairs p WHERE p.side = ${side} AND ${between}
          ORDER BY p.event_date DESC, p.event_id DESC LIMIT ${range.eventLimit}`,
    );
    out.set(side, { events: latest.rows.reverse(), total: Number(n) });
  }
  return out;
}

async function buildRows(db: PgDb, changes: readonly StandingChange[], options: { asOf: string; from: string; to: string; includeDrafts: boolean; eventLimit?: number }): Promise<BoardRow[]> {
  const range = eventRange(options);
  const events = new Map<string, DyadEvents>();
  for (const [counterpart, subjects] of sidesByCounterpart(changes)) {
    for (const [side, found] of await eventsBetween(db, counterpart, [...subjects], range)) events.set(dyadKey({ subject: side, counterpart }), found);
  }
  return boardRowsOf(changes, events, options);
}

/** `relationsBoard`'s twin (without SQLite's per-state cache). */
export async function pgRelationsBoard(db: PgDb, options: BoardOptions): Promise<RelationsBoard> {
  const changes = await pgListStandingChanges(db, { counterpart: options.counterpart, includeDrafts: options.includeDrafts });
  return boardFromBase(boardBaseOf(changes, await buildRows(db, changes, { ...options, asOf: options.to })), options);
}

export async function pgRelationsAsOf(db: PgDb, options: { counterpart: string; asOf: string; includeDrafts: boolean }): Promise<RelationsAsOf> {
  return asOfOf(groupByDyad(await pgListStandingChanges(db, { counterpart: options.counterpart, includeDrafts: options.includeDrafts })), options);
}

export async function pgRelationsForCountry(db: PgDb, code: string, asOf: string, options: { from?: string; to?: string; includeDrafts?: boolean } = {}): Promise<CountryRelations> {
  const range = countryRange(asOf, options);
  if (!isCountryCode(code)) return { country: code, asOf, asSubject: [], asCounterpart: [] };
  const asSubject = await buildRows(db, await pgListStandingChanges(db, { subject: code, includeDrafts: range.includeDrafts }), range);
  const asCounterpart = await buildRows(db, await pgListStandingChanges(db, { counterpart: code, includeDrafts: range.includeDrafts }), range);
  return { country: code, asOf, asSubject, asCounterpart };
}

export async function pgRelationsExportRows(db: PgDb, options: { counterpart: string; fromYear: number; toYear: number; includeDrafts?: boolean }): Promise<RelationsExport> {
  return exportOf(await pgListStandingChanges(db, { counterpart: options.counterpart, includeDrafts: options.includeDrafts ?? false }), options);
}

export async function pgDyadRelations(
  db: PgDb,
  options: { subject: string; counterpart: string; asOf: string; from: string; to: string; includeDrafts: boolean; eventLimit?: number },
): Promise<{ row: BoardRow | null; changes: StandingChangeRecord[]; deleted: StandingChangeRecord[] }> {
  const { subject, counterpart, includeDrafts } = options;
  const records = await pgListStandingChangeRecords(db, { subject, counterpart, includeDrafts, includeDeleted: includeDrafts });
  const changes = records.filter((r) => r.deletedAt === null);
  const rows = await buildRows(db, changes, options);
  return { row: rows[0] ?? null, changes, deleted: records.filter((r) => r.deletedAt !== null) };
}

export async function pgStandingChangesCitingEvent(db: PgDb, eventId: number, options: { includeDrafts: boolean }): Promise<StandingChangeRecord[]> {
  const ids = (await db.select({ id: standingChangeEvidence.changeId }).from(standingChangeEvidence).where(eq(standingChangeEvidence.eventId, eventId))).map((r) => r.id);
  return (await pgListStandingChangeRecords(db, { ids, includeDrafts: options.includeDrafts })).sort(byDateThenId);
}

export async function pgStandingChangeWithHistory(db: PgDb, id: number): Promise<{ change: StandingChangeRecord; history: StandingChangeHistoryEntry[] } | null> {
  const [change] = await pgListStandingChangeRecords(db, { ids: [id], includeDeleted: true });
  if (!change) return null;
  const rows = await db.select().from(revisions).where(and(eq(revisions.recordType, 'standing_change'), eq(revisions.recordId, id))).orderBy(asc(revisions.id));
  return { change, history: standingHistoryOf(rows) };
}

// Writes.

/** `standingChangeSnapshotOf`'s twin. */
async function snapshotOf(db: Runner, id: number): Promise<StandingChangeSnapshot | null> {
  const { rows } = await db.execute<Omit<StandingChangeSnapshot, 'evidenceEventIds'>>(
    sql`SELECT id, subject, counterpart, date, precision, status, level, embassy, ambassador_recalled AS "ambassadorRecalled", note,
               version, created_at AS "createdAt", updated_at AS "updatedAt", created_by AS "createdBy", updated_by AS "updatedBy", deleted_at AS "deletedAt"
        FROM standing_changes WHERE id = ${id}`,
  );
  if (!rows[0]) return null;
  const evidence = await db.select({ eventId: standingChangeEvidence.eventId }).from(standingChangeEvidence).where(eq(standingChangeEvidence.changeId, id)).orderBy(asc(standingChangeEvidence.eventId));
  return { ...rows[0], evidenceEventIds: evidence.map((r) => r.eventId) };
}

async function recordRevision(tx: PgTx, id: number, action: RevisionAction, actor: ChangeActor, note: string | null = null) {
  const snapshot = (await snapshotOf(tx, id))!;
  await tx.insert(revisions).values({ recordType: 'standing_change', recordId: id, action, version: snapshot.version, userId: actor.userId, actor: actor.label, createdAt: nowIso(), snapshot, note });
}

/** One writer per dyad at a time: the check reads the dyad's other changes. */
const lockDyad = (tx: PgTx, dyad: { subject: string; counterpart: string }) =>
  tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`tracker:dyad:${dyad.subject}|${dyad.counterpart}`}))`);

async function checkChange(tx: PgTx, raw: unknown, ownId?: number): Promise<StandingChangeInput> {
  const dyad = rawDyad(raw);
  if (dyad) await lockDyad(tx, dyad);
  const existing = dyad ? await pgListStandingChanges(tx, dyad) : [];
  const result = validateStandingChange(raw, existing, { id: ownId });
  if (!result.success) throw new MutationError(REFUSED, result.errors);
  const ids = result.change.evidenceEventIds;
  const found = ids.length === 0 ? [] : (await tx.execute<{ id: number; deleted: boolean }>(sql`SELECT id, deleted_at IS NOT NULL AS deleted FROM events WHERE id = ANY(${ints(ids)})`)).rows;
  return checkedChange(result.change, ids.length === 0 ? null : evidenceMessage(ids, new Map(found.map((r) => [r.id, r.deleted]))));
}

async function writeEvidence(tx: PgTx, id: number, eventIds: readonly number[]) {
  await tx.delete(standingChangeEvidence).where(eq(standingChangeEvidence.changeId, id));
  if (eventIds.length > 0) await tx.insert(standingChangeEvidence).values(eventIds.map((eventId) => ({ changeId: id, eventId })));
}

async function claimVersion(tx: PgTx, id: number, expectedVersion: number, expectDeleted: boolean, set: Partial<typeof standingChanges.$inferInsert>): Promise<number> {
  const state = expectDeleted ? isNotNull(standingChanges.deletedAt) : isNull(standingChanges.deletedAt);
  const claimed = await tx
    .update(standingChanges)
    .set({ ...set, version: sql`${standingChanges.version} + 1` })
    .where(and(eq(standingChanges.id, id), eq(standingChanges.version, expectedVersion), state))
    .returning({ id: standingChanges.id });
  if (claimed.length === 1) return expectedVersion + 1;
  const [current] = await tx.select({ version: standingChanges.version, deletedAt: standingChanges.deletedAt }).from(standingChanges).where(eq(standingChanges.id, id));
  throw standingClaimRefusal(current, expectedVersion);
}

/** Locks the change's row, then reads it; 404 when there is none. */
async function existingOrThrow(tx: PgTx, id: number): Promise<StandingChangeSnapshot> {
  await tx.select({ id: standingChanges.id }).from(standingChanges).where(eq(standingChanges.id, id)).for('update');
  const before = await snapshotOf(tx, id);
  if (!before) throw new MutationError('This standing change does not exist.', {}, 404);
  return before;
}

export function pgCreateStandingChange(db: PgDb, raw: unknown, actor: ChangeActor): Promise<StandingWriteResult> {
  return pgWriteTransaction(db, async (tx) => {
    const change = await checkChange(tx, raw);
    const ts = nowIso();
    const [row] = await tx
      .insert(standingChanges)
      .values({ ...standingColumns(change), createdAt: ts, updatedAt: ts, createdBy: actor.userId, updatedBy: actor.userId })
      .returning({ id: standingChanges.id });
    await writeEvidence(tx, row!.id, change.evidenceEventIds);
    await recordRevision(tx, row!.id, 'create', actor);
    return { id: row!.id, version: 1, changed: true, subject: change.dyad.subject, counterpart: change.dyad.counterpart };
  });
}

async function updateInTx(tx: PgTx, id: number, raw: unknown, expectedVersion: number, actor: ChangeActor, action: 'update' | 'restore', note: string | null): Promise<StandingWriteResult> {
  const before = await existingOrThrow(tx, id);
  if (before.version !== expectedVersion) throw new VersionConflictError(before.version, before.deletedAt !== null);
  // The dyad it leaves is locked too: a change moved to another dyad is checked against both at once.
  await lockDyad(tx, before);
  const change = await checkChange(tx, raw, id);
  const version = await claimVersion(tx, id, expectedVersion, false, { ...standingColumns(change), updatedAt: nowIso(), updatedBy: actor.userId });
  await writeEvidence(tx, id, change.evidenceEventIds);
  if (sameStandingContent(before, (await snapshotOf(tx, id))!)) throw new NothingChanged();
  await recordRevision(tx, id, action, actor, note);
  return { id, version, changed: true, subject: change.dyad.subject, counterpart: change.dyad.counterpart };
}

export async function pgUpdateStandingChange(db: PgDb, id: number, raw: unknown, expectedVersion: number, actor: ChangeActor): Promise<StandingWriteResult> {
  try {
    return await pgWriteTransaction(db, (tx) => updateInTx(tx, id, raw, expectedVersion, actor, 'update', null));
  } catch (err) {
    if (!(err instanceof NothingChanged)) throw err;
    const row = (await snapshotOf(db, id))!;
    return { id, version: expectedVersion, changed: false, subject: row.subject, counterpart: row.counterpart };
  }
}

export function pgDeleteStandingChange(db: PgDb, id: number, expectedVersion: number, actor: ChangeActor, note: string | null = null): Promise<StandingWriteResult> {
  return pgWriteTransaction(db, async (tx) => {
    const before = await existingOrThrow(tx, id);
    const ts = nowIso();
    const version = await claimVersion(tx, id, expectedVersion, false, { deletedAt: ts, updatedAt: ts, updatedBy: actor.userId });
    await recordRevision(tx, id, 'delete', actor, note);
    return { id, version, changed: true, subject: before.subject, counterpart: before.counterpart };
  });
}

export function pgRestoreStandingChange(db: PgDb, id: number, expectedVersion: number, actor: ChangeActor): Promise<StandingWriteResult> {
  return pgWriteTransaction(db, async (tx) => {
    const before = await existingOrThrow(tx, id);
    if (before.version !== expectedVersion) throw new VersionConflictError(before.version, before.deletedAt !== null);
    if (before.deletedAt === null) throw new MutationError('This standing change is not deleted.', {}, 409);
    try {
      await checkChange(tx, snapshotToRaw(before), id);
    } catch (err) {
      throw asRestoreRefusal(err);
    }
    const version = await claimVersion(tx, id, expectedVersion, true, { deletedAt: null, updatedAt: nowIso(), updatedBy: actor.userId });
    await recordRevision(tx, id, 'restore', actor, 'Restored from the deleted standing changes.');
    return { id, version, changed: true, subject: before.subject, counterpart: before.counterpart };
  });
}

export async function pgRestoreStandingChangeRevision(db: PgDb, id: number, revisionId: number, expectedVersion: number, actor: ChangeActor): Promise<StandingWriteResult> {
  try {
    return await pgWriteTransaction(db, async (tx) => {
      const [revision] = await tx.select().from(revisions).where(and(eq(revisions.id, revisionId), eq(revisions.recordType, 'standing_change')));
      if (!revision || revision.recordId !== id) throw new MutationError('That version does not belong to this standing change.', {}, 404);
      const snapshot = revision.snapshot as StandingChangeSnapshot;
      return updateInTx(tx, id, snapshotToRaw(snapshot), expectedVersion, actor, 'restore', `Restored version ${snapshot.version}.`);
    });
  } catch (err) {
    if (err instanceof NothingChanged) throw new MutationError(SAME_AS_CURRENT, {}, 409);
    throw err;
  }
}
