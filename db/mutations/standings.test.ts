import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { getStandingChange, listStandingChanges, standingChangeWithHistory } from '@/db/queries/relations';
import { createTestDb, makeEvent, TEST_ACTOR } from '@/db/testing/test-db';
import { MutationError, VersionConflictError } from './errors';
import { deleteEvent } from './events';
import {
  createStandingChange,
  deleteStandingChange,
  restoreStandingChange,
  restoreStandingChangeRevision,
  updateStandingChange,
} from './standings';

let conn: Connection;
let evidence: number;

beforeEach(() => {
  conn = createTestDb();
  evidence = makeEvent(conn.db, { title: 'UAE reopens embassy in Damascus', date: '2018-12-27' }).id;
});
afterEach(() => conn.sqlite.close());

function raw(over: Record<string, unknown> = {}) {
  return {
    dyad: { subject: 'AE', counterpart: 'SY' },
    date: '2018',
    status: 'in_effect',
    level: 'unknown',
    embassy: 'open',
    ambassadorRecalled: null,
    evidenceEventIds: [evidence],
    note: 'The article says only "in 2018".',
    ...over,
  };
}

function refusal(fn: () => unknown): MutationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof MutationError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('createStandingChange', () => {
  it('stores the change at its precision, with its evidence and a first revision', () => {
    const { id, version } = createStandingChange(conn.db, raw(), TEST_ACTOR);
    expect(version).toBe(1);
    expect(listStandingChanges(conn.db, { counterpart: 'SY' })).toEqual([
      {
        id,
        dyad: { subject: 'AE', counterpart: 'SY' },
        date: '2018-01-01',
        precision: 'year',
        status: 'in_effect',
        level: 'unknown',
        embassy: 'open',
        ambassadorRecalled: null,
        evidenceEventIds: [evidence],
        note: 'The article says only "in 2018".',
      },
    ]);
    const h = standingChangeWithHistory(conn.db, id)!;
    expect(h.change.recordedBy).toBe('test@example.org');
    expect(h.history.map((e) => e.action)).toEqual(['create']);
  });

  it('keeps "ambassador recalled" as yes, no or unknown', () => {
    const a = createStandingChange(conn.db, raw({ ambassadorRecalled: true, date: '2012-02' }), TEST_ACTOR);
    const b = createStandingChange(conn.db, raw({ ambassadorRecalled: 'unknown', date: '2013' }), TEST_ACTOR);
    expect(getStandingChange(conn.db, a.id)!.ambassadorRecalled).toBe(true);
    expect(getStandingChange(conn.db, b.id)!.ambassadorRecalled).toBe('unknown');
  });

  it('refuses a change without evidence, at the evidence field', () => {
    const err = refusal(() => createStandingChange(conn.db, raw({ evidenceEventIds: [] }), TEST_ACTOR));
    expect(err.fieldErrors.evidenceEventIds).toMatch(/at least one timeline event/);
    expect(listStandingChanges(conn.db)).toEqual([]);
  });

  it('refuses evidence that does not exist or is deleted, naming the events', () => {
    const gone = makeEvent(conn.db, { title: 'Deleted' }).id;
    deleteEvent(conn.db, gone, 1, TEST_ACTOR);
    const err = refusal(() => createStandingChange(conn.db, raw({ evidenceEventIds: [evidence, 9999, gone] }), TEST_ACTOR));
    expect(err.fieldErrors.evidenceEventIds).toContain('#9999');
    expect(err.fieldErrors.evidenceEventIds).toContain(`#${gone}`);
    expect(err.fieldErrors.evidenceEventIds).toMatch(/deleted/);
  });

  it('refuses a level not on the scale, and a membership level for a state', () => {
    expect(refusal(() => createStandingChange(conn.db, raw({ level: 'best_friends' }), TEST_ACTOR)).fieldErrors.level).toMatch(/Level must be one of/);
    expect(refusal(() => createStandingChange(conn.db, raw({ level: 'suspended' }), TEST_ACTOR)).fieldErrors.level).toMatch(/is a state/);
  });

  it('refuses unknown countries, a malformed date and an implausible one at their fields', () => {
    expect(refusal(() => createStandingChange(conn.db, raw({ dyad: { subject: 'AE', counterpart: 'ZZ' } }), TEST_ACTOR)).fieldErrors['dyad.counterpart']).toMatch(/Unknown country/);
    expect(refusal(() => createStandingChange(conn.db, raw({ date: '2018-13' }), TEST_ACTOR)).fieldErrors.date).toMatch(/real date/);
    expect(refusal(() => createStandingChange(conn.db, raw({ date: '1850' }), TEST_ACTOR)).fieldErrors.date).toMatch(/between 1 January 1900/);
  });

  it('refuses two contradicting changes for the same pair on the same date, at the field that disagrees', () => {
    const first = createStandingChange(conn.db, raw(), TEST_ACTOR);
    const err = refusal(() => createStandingChange(conn.db, raw({ embassy: 'closed' }), TEST_ACTOR));
    expect(err.fieldErrors.embassy).toContain(`Change #${first.id}`);
    expect(err.fieldErrors.level).toBeUndefined();
    // The same facts again: more evidence for the first change, not a second change.
    expect(refusal(() => createStandingChange(conn.db, raw(), TEST_ACTOR)).fieldErrors.form).toMatch(/add this event to its evidence/);
    // Another pair, or the same pair reported rather than in effect, is not a conflict.
    createStandingChange(conn.db, raw({ dyad: { subject: 'BH', counterpart: 'SY' } }), TEST_ACTOR);
    createStandingChange(conn.db, raw({ embassy: 'closed', status: 'reported' }), TEST_ACTOR);
    expect(listStandingChanges(conn.db)).toHaveLength(3);
  });
});

describe('updateStandingChange', () => {
  it('saves from the current version and refuses a stale one as a conflict', () => {
    const { id } = createStandingChange(conn.db, raw(), TEST_ACTOR);
    const saved = updateStandingChange(conn.db, id, raw({ date: '2018-12-27' }), 1, TEST_ACTOR);
    expect(saved).toMatchObject({ version: 2, changed: true });
    const err = refusal(() => updateStandingChange(conn.db, id, raw({ date: '2018-12' }), 1, TEST_ACTOR));
    expect(err).toBeInstanceOf(VersionConflictError);
    expect(err.status).toBe(409);
    expect(getStandingChange(conn.db, id)).toMatchObject({ date: '2018-12-27', precision: 'day', version: 2 });
  });

  it('writes nothing when nothing changed', () => {
    const { id } = createStandingChange(conn.db, raw(), TEST_ACTOR);
    expect(updateStandingChange(conn.db, id, raw(), 1, TEST_ACTOR)).toMatchObject({ version: 1, changed: false });
    expect(standingChangeWithHistory(conn.db, id)!.history).toHaveLength(1);
  });

  it('does not count the change being edited as its own conflict', () => {
    const { id } = createStandingChange(conn.db, raw(), TEST_ACTOR);
    expect(updateStandingChange(conn.db, id, raw({ embassy: 'closed' }), 1, TEST_ACTOR).changed).toBe(true);
  });

  it('refuses a missing change with a 404', () => {
    expect(refusal(() => updateStandingChange(conn.db, 42, raw(), 1, TEST_ACTOR)).status).toBe(404);
  });
});

describe('delete, restore and history', () => {
  it('deletes softly, restores, and keeps each step in the history', () => {
    const { id } = createStandingChange(conn.db, raw(), TEST_ACTOR);
    deleteStandingChange(conn.db, id, 1, TEST_ACTOR);
    expect(listStandingChanges(conn.db)).toEqual([]);
    expect(listStandingChanges(conn.db, { includeDeleted: true })).toHaveLength(1);
    expect(refusal(() => updateStandingChange(conn.db, id, raw(), 2, TEST_ACTOR)).message).toMatch(/deleted: restore it/);
    restoreStandingChange(conn.db, id, 2, TEST_ACTOR);
    expect(listStandingChanges(conn.db)).toHaveLength(1);
    expect(standingChangeWithHistory(conn.db, id)!.history.map((e) => e.action)).toEqual(['restore', 'delete', 'create']);
  });

  it('refuses to restore a deleted change that another change has since replaced', () => {
    const { id } = createStandingChange(conn.db, raw(), TEST_ACTOR);
    deleteStandingChange(conn.db, id, 1, TEST_ACTOR);
    createStandingChange(conn.db, raw({ embassy: 'closed' }), TEST_ACTOR);
    const err = refusal(() => restoreStandingChange(conn.db, id, 2, TEST_ACTOR));
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/cannot be restored/);
    expect(listStandingChanges(conn.db)).toHaveLength(1);
  });

  it('brings back an earlier version as a new revision, with what changed listed', () => {
    const { id } = createStandingChange(conn.db, raw(), TEST_ACTOR);
    updateStandingChange(conn.db, id, raw({ level: 'charge_d_affaires' }), 1, TEST_ACTOR);
    const h = standingChangeWithHistory(conn.db, id)!;
    expect(h.history[0]!.changedFields).toEqual(['level']);
    const first = h.history.find((e) => e.action === 'create')!;
    expect(first.restorable).toBe(true);
    expect(restoreStandingChangeRevision(conn.db, id, first.revisionId, 2, TEST_ACTOR).version).toBe(3);
    expect(getStandingChange(conn.db, id)!.level).toBe('unknown');
    expect(refusal(() => restoreStandingChangeRevision(conn.db, id, first.revisionId, 3, TEST_ACTOR)).message).toMatch(/nothing to restore/);
  });
});
