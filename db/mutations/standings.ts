/**
 * Writes to standing changes (issue 12). Each runs in one IMMEDIATE transaction that checks the
 * change (lib/relations/change.ts `validateStandingChange`, against the dyad's other live changes
 * read in the same transaction), checks its evidence, writes the row and appends the revision.
 * A stale `version` is a VersionConflictError, as for events (decision 0007); every refusal is a
 * MutationError with its message at the field (`dyad.subject`, `dyad.counterpart`, `date`,
 * `status`, `level`, `embassy`, `ambassadorRecalled`, `evidenceEventIds`, `note`, `form`).
 */
import { and, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/engine/client';
import { listStandingChanges, standingChangeSnapshotOf, type StandingChangeSnapshot } from '@/db/queries/relations';
import { standingChangeEvidence, standingChanges } from '@/db/schema';
import { dateRangeProblem } from '@/lib/dates';
import { validateStandingChange, type StandingChangeInput } from '@/lib/relations/change';
import { recalledFromStored, recalledToStored } from '@/lib/relations/scale';
import { MutationError, VersionConflictError } from './errors';
import { getRevision, nowIso, recordRevision, type ChangeActor } from './revisions';

export interface StandingWriteResult {
  id: number;
  version: number;
  /** False when an update matched what was stored: nothing written, no revision. */
  changed: boolean;
  /** The dyad, for sending the person back to its page. */
  subject: string;
  counterpart: string;
}

export const SAME_AS_CURRENT = 'That version says the same as the current one: nothing to restore.';

export const REFUSED = 'The change was not saved: see the fields marked.';

/** Checks `raw` (the shape of `standingChangeInputSchema`'s input) against the stored changes. */
function checkChange(tx: Tx, raw: unknown, ownId?: number): StandingChangeInput {
  // The dyad's other live changes, for the conflict check; a malformed dyad reads nothing.
  const dyad = rawDyad(raw);
  const existing = dyad ? listStandingChanges(tx, dyad) : [];
  const result = validateStandingChange(raw, existing, { id: ownId });
  if (!result.success) throw new MutationError(REFUSED, result.errors);
  return checkedChange(result.change, evidenceProblem(tx, result.change.evidenceEventIds));
}

/** The dyad a raw change names, normalised as the validation reads it; null when malformed (then nothing is read). */
export function rawDyad(raw: unknown): { subject: string; counterpart: string } | null {
  const dyad = (raw as { dyad?: { subject?: unknown; counterpart?: unknown } } | null)?.dyad;
  return typeof dyad?.subject === 'string' && typeof dyad.counterpart === 'string' ? { subject: normaliseSubject(dyad.subject), counterpart: dyad.counterpart.trim().toUpperCase() } : null;
}

/** The valid change, or the refusal naming its date and evidence problems. */
export function checkedChange(change: StandingChangeInput, evidence: string | null): StandingChangeInput {
  const range = dateRangeProblem('The date', { date: change.date, precision: change.precision });
  const errors: Record<string, string> = {};
  if (range) errors.date = range;
  if (evidence) errors.evidenceEventIds = evidence;
  if (Object.keys(errors).length > 0) throw new MutationError(REFUSED, errors);
  return change;
}

function normaliseSubject(subject: string): string {
  const s = subject.trim();
  return /^[A-Za-z]{2}$/.test(s) ? s.toUpperCase() : s;
}

/** Why some evidence event cannot be cited (missing or deleted), or null. */
function evidenceProblem(tx: Tx, ids: readonly number[]): string | null {
  const found = new Map(
    tx
      .all<{ id: number; deleted: number }>(
        sql`SELECT id, deleted_at IS NOT NULL AS deleted FROM events WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
      )
      .map((r) => [r.id, r.deleted === 1]),
  );
  return evidenceMessage(ids, found);
}

/** Why some evidence cannot be cited, given which events exist (and whether each is deleted), or null. */
export function evidenceMessage(ids: readonly number[], found: Map<number, boolean>): string | null {
  const missing = ids.filter((id) => !found.has(id));
  const deleted = ids.filter((id) => found.get(id) === true);
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`${plural(missing.length, 'There is no event', 'There are no events')} ${list(missing)}`);
  if (deleted.length > 0) parts.push(`${plural(deleted.length, 'event', 'events')} ${list(deleted)} ${deleted.length === 1 ? 'is' : 'are'} deleted`);
  if (parts.length === 0) return null;
  return `${parts.join('; ')}. Cite events that are on the timeline.`;
}

const list = (ids: readonly number[]) => ids.map((id) => `#${id}`).join(', ');
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export function standingColumns(change: StandingChangeInput) {
  return {
    subject: change.dyad.subject,
    counterpart: change.dyad.counterpart,
    date: change.date,
    precision: change.precision,
    status: change.status,
    level: change.level,
    embassy: change.embassy,
    ambassadorRecalled: change.ambassadorRecalled === null ? null : recalledToStored(change.ambassadorRecalled),
    note: change.note,
  };
}

function writeEvidence(tx: Tx, id: number, eventIds: readonly number[]): void {
  tx.delete(standingChangeEvidence).where(eq(standingChangeEvidence.changeId, id)).run();
  if (eventIds.length > 0) tx.insert(standingChangeEvidence).values(eventIds.map((eventId) => ({ changeId: id, eventId }))).run();
}

/** Records a new change; refused with field errors when it breaks a rule. */
export function createStandingChangeInTx(tx: Tx, raw: unknown, actor: ChangeActor): StandingWriteResult {
  const change = checkChange(tx, raw);
  const ts = nowIso();
  const row = tx
    .insert(standingChanges)
    .values({ ...standingColumns(change), createdAt: ts, updatedAt: ts, createdBy: actor.userId, updatedBy: actor.userId })
    .returning({ id: standingChanges.id })
    .get();
  writeEvidence(tx, row.id, change.evidenceEventIds);
  recordRevision(tx, 'standing_change', row.id, { action: 'create', actor });
  return { id: row.id, version: 1, changed: true, subject: change.dyad.subject, counterpart: change.dyad.counterpart };
}

export function createStandingChange(db: Db, raw: unknown, actor: ChangeActor): StandingWriteResult {
  return db.transaction((tx) => createStandingChangeInTx(tx, raw, actor), { behavior: 'immediate' });
}

/** Bumps the version if it is still `expectedVersion` and the row is (not) deleted; else explains. */
function claimVersion(tx: Tx, id: number, expectedVersion: number, expectDeleted: boolean, set: Partial<typeof standingChanges.$inferInsert>): number {
  const state: SQL = expectDeleted ? isNotNull(standingChanges.deletedAt) : isNull(standingChanges.deletedAt);
  const result = tx
    .update(standingChanges)
    .set({ ...set, version: sql`${standingChanges.version} + 1` })
    .where(and(eq(standingChanges.id, id), eq(standingChanges.version, expectedVersion), state))
    .run();
  if (result.changes === 1) return expectedVersion + 1;
  throw standingClaimRefusal(
    tx.select({ version: standingChanges.version, deletedAt: standingChanges.deletedAt }).from(standingChanges).where(eq(standingChanges.id, id)).get(),
    expectedVersion,
  );
}

/** Why a standing change's version claim matched nothing. */
export function standingClaimRefusal(current: { version: number; deletedAt: string | null } | undefined, expectedVersion: number): MutationError {
  if (!current) return new MutationError('This standing change does not exist.', {}, 404);
  if (current.version !== expectedVersion) return new VersionConflictError(current.version, current.deletedAt !== null);
  return new MutationError(current.deletedAt ? 'This standing change is deleted: restore it before changing it.' : 'This standing change is not deleted.', {}, 409);
}

const CONTENT_KEYS = ['subject', 'counterpart', 'date', 'precision', 'status', 'level', 'embassy', 'ambassadorRecalled', 'note', 'evidenceEventIds'] as const;

export function sameStandingContent(a: StandingChangeSnapshot, b: StandingChangeSnapshot): boolean {
  return CONTENT_KEYS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

export class NothingChanged extends Error {}

function existingOrThrow(tx: Tx, id: number): StandingChangeSnapshot {
  const before = standingChangeSnapshotOf(tx, id);
  if (!before) throw new MutationError('This standing change does not exist.', {}, 404);
  return before;
}

function updateInTx(tx: Tx, id: number, raw: unknown, expectedVersion: number, actor: ChangeActor, action: 'update' | 'restore', note: string | null): StandingWriteResult {
  const before = existingOrThrow(tx, id);
  if (before.version !== expectedVersion) throw new VersionConflictError(before.version, before.deletedAt !== null);
  const change = checkChange(tx, raw, id);
  const version = claimVersion(tx, id, expectedVersion, false, { ...standingColumns(change), updatedAt: nowIso(), updatedBy: actor.userId });
  writeEvidence(tx, id, change.evidenceEventIds);
  if (sameStandingContent(before, standingChangeSnapshotOf(tx, id)!)) throw new NothingChanged();
  recordRevision(tx, 'standing_change', id, { action, actor, note });
  return { id, version, changed: true, subject: change.dyad.subject, counterpart: change.dyad.counterpart };
}

/** Saves an edit made from `expectedVersion`; a stale version is a VersionConflictError. */
export function updateStandingChange(db: Db, id: number, raw: unknown, expectedVersion: number, actor: ChangeActor): StandingWriteResult {
  try {
    return db.transaction((tx) => updateInTx(tx, id, raw, expectedVersion, actor, 'update', null), { behavior: 'immediate' });
  } catch (err) {
    if (err instanceof NothingChanged) {
      const row = standingChangeSnapshotOf(db, id)!;
      return { id, version: expectedVersion, changed: false, subject: row.subject, counterpart: row.counterpart };
    }
    throw err;
  }
}

/** Soft delete: the change leaves the board, the API and the exports; restore brings it back. */
export function deleteStandingChange(db: Db, id: number, expectedVersion: number, actor: ChangeActor, note: string | null = null): StandingWriteResult {
  return db.transaction(
    (tx) => {
      const before = existingOrThrow(tx, id);
      const ts = nowIso();
      const version = claimVersion(tx, id, expectedVersion, false, { deletedAt: ts, updatedAt: ts, updatedBy: actor.userId });
      recordRevision(tx, 'standing_change', id, { action: 'delete', actor, note });
      return { id, version, changed: true, subject: before.subject, counterpart: before.counterpart };
    },
    { behavior: 'immediate' },
  );
}

/** The snapshot's content in the shape the validation takes. */
export function snapshotToRaw(s: StandingChangeSnapshot) {
  return {
    dyad: { subject: s.subject, counterpart: s.counterpart },
    date: s.date,
    precision: s.precision,
    status: s.status,
    level: s.level,
    embassy: s.embassy,
    ambassadorRecalled: s.ambassadorRecalled === null ? null : recalledFromStored(s.ambassadorRecalled),
    evidenceEventIds: s.evidenceEventIds,
    note: s.note,
  };
}

/**
 * Brings a deleted change back as it was. Checked again: since it was deleted, another change may
 * have taken its place or an evidence event may have been deleted; then it is refused, with why.
 */
export function restoreStandingChange(db: Db, id: number, expectedVersion: number, actor: ChangeActor): StandingWriteResult {
  return db.transaction(
    (tx) => {
      const before = existingOrThrow(tx, id);
      if (before.version !== expectedVersion) throw new VersionConflictError(before.version, before.deletedAt !== null);
      if (before.deletedAt === null) throw new MutationError('This standing change is not deleted.', {}, 409);
      try {
        checkChange(tx, snapshotToRaw(before), id);
      } catch (err) {
        throw asRestoreRefusal(err);
      }
      const version = claimVersion(tx, id, expectedVersion, true, { deletedAt: null, updatedAt: nowIso(), updatedBy: actor.userId });
      recordRevision(tx, 'standing_change', id, { action: 'restore', actor, note: 'Restored from the deleted standing changes.' });
      return { id, version, changed: true, subject: before.subject, counterpart: before.counterpart };
    },
    { behavior: 'immediate' },
  );
}

/** A check that failed on restore, as the 409 that says it cannot be restored. */
export function asRestoreRefusal(err: unknown): unknown {
  return err instanceof MutationError ? new MutationError(`It cannot be restored: ${Object.values(err.fieldErrors).join(' ')}`, err.fieldErrors, 409) : err;
}

/** Makes an earlier version the current one (a new revision; history is never rewritten). */
export function restoreStandingChangeRevision(db: Db, id: number, revisionId: number, expectedVersion: number, actor: ChangeActor): StandingWriteResult {
  try {
    return db.transaction(
      (tx) => {
        const revision = getRevision(tx, 'standing_change', revisionId);
        if (!revision || revision.recordId !== id) throw new MutationError('That version does not belong to this standing change.', {}, 404);
        const snapshot = revision.snapshot as StandingChangeSnapshot;
        return updateInTx(tx, id, snapshotToRaw(snapshot), expectedVersion, actor, 'restore', `Restored version ${snapshot.version}.`);
      },
      { behavior: 'immediate' },
    );
  } catch (err) {
    if (err instanceof NothingChanged) throw new MutationError(SAME_AS_CURRENT, {}, 409);
    throw err;
  }
}
