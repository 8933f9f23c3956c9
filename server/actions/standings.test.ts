/**
 * The standing-change actions as a viewer and an editor call them. Only the session and Next's
 * redirect are faked; the gate, the validation and the database are real.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { getStandingChange, listStandingChanges } from '@/db/queries/relations';
import { createTestDb, makeEvent } from '@/db/testing/test-db';
import { authorize, type Permission, type Role, type Viewer } from '@/lib/auth/roles';

const harness = vi.hoisted(() => ({ conn: null as unknown as Connection, viewer: null as Viewer | null }));

class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}

vi.mock('@/db/index', async () => {
  const { sqliteStore } = await import('@/db/store/sqlite');
  return { getDb: () => harness.conn.db, getConnection: () => harness.conn, getStore: () => sqliteStore(harness.conn), servingEngine: () => 'sqlite' as const, servingPostgres: () => null };
});
vi.mock('@/server/auth/viewer', () => ({
  requirePermission: async (permission: Permission) => authorize(harness.viewer, permission),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Redirect(url);
  },
}));

const { saveStandingChange, deleteStandingChangeAction, restoreStandingChangeAction } = await import('./standings');

function as(role: Role | null): void {
  harness.viewer = role ? { id: `user-${role}`, email: `${role}@example.org`, name: role, role } : null;
}

function form(entries: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  return fd;
}

async function run<T>(fn: () => Promise<T>): Promise<T | { redirect: string }> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Redirect) return { redirect: err.url };
    throw err;
  }
}

let evidence: number;
beforeEach(() => {
  harness.conn = createTestDb();
  evidence = makeEvent(harness.conn.db, { title: 'Bahrain reopens embassy', date: '2018-12-28' }).id;
  as('editor');
});
afterEach(() => harness.conn.sqlite.close());

const typed = () => ({
  subject: 'BH',
  counterpart: 'sy',
  date: '2018',
  status: 'in_effect',
  level: 'unknown',
  embassy: 'open',
  ambassadorRecalled: '',
  evidence: [String(evidence)],
  note: 'Reopened in 2018.',
});

describe('saveStandingChange', () => {
  it('records a change and goes to the dyad page', async () => {
    const result = await run(() => saveStandingChange({ status: 'idle' }, form(typed())));
    expect(result).toEqual({ redirect: '/relations/BH/SY?saved=standing-created' });
    expect(listStandingChanges(harness.conn.db)[0]).toMatchObject({ dyad: { subject: 'BH', counterpart: 'SY' }, date: '2018-01-01', precision: 'year', ambassadorRecalled: null });
  });

  it('goes back to where the form came from when that is one of our pages, never elsewhere', async () => {
    expect(await run(() => saveStandingChange({ status: 'idle' }, form({ ...typed(), returnTo: `/events/${evidence}` })))).toEqual({
      redirect: `/events/${evidence}?saved=standing-created`,
    });
    expect(await run(() => saveStandingChange({ status: 'idle' }, form({ ...typed(), date: '2019', returnTo: 'https://evil.test/' })))).toEqual({
      redirect: '/relations/BH/SY?saved=standing-created',
    });
  });

  it('refuses bad input at the fields and hands back everything that was typed', async () => {
    const bad = { ...typed(), level: 'suspended', evidence: ['abc'], date: '2018-02-30' };
    const state = await run(() => saveStandingChange({ status: 'idle' }, form(bad)));
    expect(state).toMatchObject({ status: 'invalid', submission: 1 });
    if (!('status' in state) || state.status !== 'invalid') throw new Error('expected invalid');
    expect(Object.keys(state.errors).sort()).toEqual(['date', 'evidence', 'level']);
    expect(state.errors.evidence).toMatch(/not an event number/);
    expect(state.values).toMatchObject({ subject: 'BH', counterpart: 'sy', date: '2018-02-30', level: 'suspended', evidence: ['abc'], note: 'Reopened in 2018.' });
    expect(listStandingChanges(harness.conn.db)).toEqual([]);
  });

  it('puts a contradiction with a recorded change at the field that disagrees', async () => {
    await run(() => saveStandingChange({ status: 'idle' }, form(typed())));
    const state = await run(() => saveStandingChange({ status: 'idle' }, form({ ...typed(), embassy: 'closed' })));
    expect(state).toMatchObject({ status: 'invalid', errors: { embassy: expect.stringContaining('Change #1') }, values: { embassy: 'closed' } });
  });

  it('refuses evidence that is not on the timeline, at the evidence field', async () => {
    const state = await run(() => saveStandingChange({ status: 'idle' }, form({ ...typed(), evidence: ['#9999'] })));
    expect(state).toMatchObject({ status: 'invalid', errors: { evidence: expect.stringContaining('#9999') } });
  });

  it('saves an edit from its version and answers a stale one with a conflict that keeps the input', async () => {
    await run(() => saveStandingChange({ status: 'idle' }, form(typed())));
    const edit = { ...typed(), id: '1', version: '1', level: 'charge_d_affaires' };
    expect(await run(() => saveStandingChange({ status: 'idle' }, form(edit)))).toEqual({ redirect: '/relations/BH/SY?saved=standing-updated' });
    const stale = await run(() => saveStandingChange({ status: 'idle' }, form({ ...edit, level: 'ambassador' })));
    expect(stale).toMatchObject({ status: 'conflict', currentVersion: 2, changedBy: 'editor@example.org', values: { level: 'ambassador' } });
    expect(getStandingChange(harness.conn.db, 1)!.level).toBe('charge_d_affaires');
  });

  it('refuses a viewer and writes nothing', async () => {
    as('viewer');
    const state = await run(() => saveStandingChange({ status: 'idle' }, form(typed())));
    expect(state).toMatchObject({ status: 'refused', values: { subject: 'BH' } });
    expect(harness.conn.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM standing_changes`).n).toBe(0);
  });
});

describe('delete and restore buttons', () => {
  it('delete then restore, each from the version shown', async () => {
    await run(() => saveStandingChange({ status: 'idle' }, form(typed())));
    expect(await run(() => deleteStandingChangeAction({ error: null, attempt: 0 }, form({ id: '1', version: '1', returnTo: '' })))).toEqual({
      redirect: '/relations/BH/SY?deleted=1',
    });
    expect(listStandingChanges(harness.conn.db)).toEqual([]);
    // A second tab still showing version 1.
    expect(await run(() => restoreStandingChangeAction({ error: null, attempt: 0 }, form({ id: '1', version: '1', returnTo: '' })))).toMatchObject({
      error: expect.stringMatching(/Reload the page/),
    });
    expect(await run(() => restoreStandingChangeAction({ error: null, attempt: 0 }, form({ id: '1', version: '2', returnTo: '' })))).toEqual({
      redirect: '/relations/BH/SY?saved=standing-restored',
    });
    expect(listStandingChanges(harness.conn.db)).toHaveLength(1);
  });
});
