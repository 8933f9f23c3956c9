/**
 * The gate every staff action passes, as the write-first rule sees it (decision 0040): a write with
 * a session cookie the server signed holds readers back from its session lookup on; one without
 * (nobody signed in, a forged cookie) never does, however long its session lookup takes. Only the
 * session is faked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authorize, type Permission, type Role, type Viewer } from '@/lib/auth/roles';
import { writeFirstState } from '@/server/http/write-first';

const harness = vi.hoisted(() => ({ viewer: null as Viewer | null, lookup: null as Promise<void> | null, signedCookie: false }));

vi.mock('@/server/auth/viewer', () => ({
  requirePermission: async (permission: Permission) => {
    await harness.lookup;
    return authorize(harness.viewer, permission);
  },
}));
vi.mock('@/db/engine/integrity', () => ({ writeRefusal: () => null }));
// Whether the request's session cookie is one the server signed (tested in server/auth/signed-session.test.ts).
vi.mock('@/server/auth/signed-session', () => ({ actionCarriesSignedSession: async () => harness.signedCookie }));

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
  harness.signedCookie = false;
  expect(writeFirstState()).toEqual({ waiting: 0, writes: 0 });
});

describe('guardedAction and the readers', () => {
  it('holds readers back while a signed-in editor\'s write is checked and runs, and lets them go after', async () => {
    as('editor');
    harness.signedCookie = true;
    let finishLookup!: () => void;
    harness.lookup = new Promise<void>((resolve) => (finishLookup = resolve));
    const answer = action(initial, form('A designation'));
    await new Promise((r) => setTimeout(r, 10));
    expect(writeFirstState().writes).toBe(1);
    finishLookup();
    expect(await answer).toMatchObject({ ok: true, writesDuringRun: 1 });
  });

  it.each([
    ['nobody signed in', null],
    ['a forged session cookie', 'editor'],
  ] as const)('does not hold readers back for %s, even while the session is looked up', async (_who, role) => {
    as(role);
    let finishLookup!: () => void;
    harness.lookup = new Promise<void>((resolve) => (finishLookup = resolve));
    const answer = action(initial, form('A designation'));
    await new Promise((r) => setTimeout(r, 10));
    expect(writeFirstState().writes).toBe(0);
    finishLookup();
    // The session lookup decides (here the fake says who it is); the gate was never entered.
    const state = await answer;
    expect(state.ok).toBe(role === 'editor');
    if (state.ok) expect(state.writesDuringRun).toBe(0);
  });
});
