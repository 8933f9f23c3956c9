/**
 * The gate every staff action passes, as the write-first rule sees it (decision 0040): an allowed
 * write holds readers back while it runs; a refused one (nobody signed in, a viewer, bad input)
 * never does, however long its session lookup takes. Only the session is faked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authorize, type Permission, type Role, type Viewer } from '@/lib/auth/roles';
import { writeFirstState } from '@/server/http/write-first';

const harness = vi.hoisted(() => ({ viewer: null as Viewer | null, lookup: null as Promise<void> | null }));

vi.mock('@/server/auth/viewer', () => ({
  requirePermission: async (permission: Permission) => {
    await harness.lookup;
    return authorize(harness.viewer, permission);
  },
}));
vi.mock('@/db/engine/integrity', () => ({ writeRefusal: () => null }));

const { guardedAction } = await import('./guard');

type State = { ok: boolean; message: string; count: number; writesDuringRun?: number };

function as(role: Role | null): void {
  harness.viewer = role ? { id: `user-${role}`, email: `${role}@example.org`, name: role, role } : null;
}

const action = guardedAction<State, { title: string }, { title: string }>(
  {
    permission: 'records:write',
    counter: 'submission',
    read: (form) => ({ title: String(form.get('title') ?? '') }),
    parse: (values) => (values.title ? { success: true, data: values } : { success: false, message: 'A title is needed.' }),
    refuse: (refusal) => ({ ok: false, message: refusal.message, count: refusal.count }),
  },
  async (_input, { count }) => ({ ok: true, message: 'saved', count, writesDuringRun: writeFirstState().writes }),
);

function form(title: string): FormData {
  const fd = new FormData();
  fd.set('title', title);
  return fd;
}

const initial: State = { ok: false, message: '', count: 0 };

afterEach(() => {
  harness.lookup = null;
  expect(writeFirstState()).toEqual({ waiting: 0, writes: 0 });
});

describe('guardedAction and the readers', () => {
  it('holds readers back while an allowed write runs', async () => {
    as('editor');
    const state = await action(initial, form('A designation'));
    expect(state).toMatchObject({ ok: true, writesDuringRun: 1 });
  });

  it.each([
    ['nobody signed in', null, 'title'],
    ['a viewer', 'viewer', 'title'],
    ['an editor with a form that does not parse', 'editor', ''],
  ] as const)('does not hold readers back for %s, even while the session is looked up', async (_who, role, title) => {
    as(role);
    let finishLookup!: () => void;
    harness.lookup = new Promise<void>((resolve) => (finishLookup = resolve));
    const answer = action(initial, form(title));
    await new Promise((r) => setTimeout(r, 10));
    expect(writeFirstState().writes).toBe(0);
    finishLookup();
    expect(await answer).toMatchObject({ ok: false });
  });
});
