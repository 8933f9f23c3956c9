/**
 * Every server action that writes, called as each role: without the role it refuses and the
 * database is byte-for-byte unchanged; with it, the change happens and the history names the
 * person. The session is the only thing faked here (Next's request context does not exist in
 * Vitest); the actions, the policy and the database are the real ones.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { mergeEntities } from '@/db/mutations/entities';
import { updateEvent } from '@/db/mutations/events';
import { getEntity } from '@/db/queries/entities';
import { createUser } from '@/db/mutations/users';
import { getEvent, listRevisions } from '@/db/queries/events';
import { listUsers } from '@/db/queries/users';
import { createTestDb, makeEntity, makeEvent } from '@/db/testing/test-db';
import { authorize, type Permission, type Role, type Viewer } from '@/lib/auth/roles';
import { eventInputSchema } from '@/lib/validation/event';

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

const { saveEvent, createActorInline, deleteEventAction, restoreDeletedEventAction, restoreVersionAction } = await import('@/server/actions/events');
const { saveEntity, mergeEntitiesAction, undoMergeAction } = await import('@/server/actions/entities');
const { createUserAction, setRoleAction, setPasswordAction, deleteUserAction } = await import('@/server/actions/users');

const cheapHash = async (p: string) => `test$${p}`;

function as(role: Role | null): void {
  harness.viewer = role ? { id: `user-${role}`, email: `${role}@example.org`, name: role, role } : null;
}

function form(entries: Record<string, string | number | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) {
    for (const item of Array.isArray(v) ? v : [v]) fd.append(k, String(item));
  }
  return fd;
}

/** Runs an action; a redirect counts as success and is returned as `{ redirect }`. */
async function run<T>(fn: () => Promise<T>): Promise<T | { redirect: string }> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Redirect) return { redirect: err.url };
    throw err;
  }
}

/** Everything in the database, to prove a refusal changed nothing. */
function dump(): string {
  const tables = harness.conn.db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'events_fts%' AND name NOT LIKE '__drizzle%' ORDER BY name`);
  return JSON.stringify(tables.map(({ name }) => [name, harness.conn.db.all(sql.raw(`SELECT * FROM "${name}" ORDER BY 1`))]));
}

const eventFields = {
  type: 'designation',
  title: 'Caesar Act sanctions on two Syrians',
  summary: 'Two men designated.',
  date: '2023-03-28',
  status: 'published',
  'sources.0.title': 'Press release',
  'sources.0.url': 'https://home.treasury.gov/news',
};

let eventId: number;
let entityA: number;
let entityB: number;
let deletedId: number;
let firstRevisionId: number;
let mergeId: number;

beforeEach(async () => {
  harness.conn = createTestDb();
  const db = harness.conn.db;
  eventId = makeEvent(db, { title: 'An existing event' }).id;
  deletedId = makeEvent(db, { title: 'A deleted event' }).id;
  db.run(sql`UPDATE events SET deleted_at = '2026-01-01T00:00:00.000Z', version = 2 WHERE id = ${deletedId}`);
  entityA = makeEntity(db, { name: 'Khalid Qaddour' }).id;
  entityB = makeEntity(db, { name: 'Khaled Qaddour' }).id;
  await createUser(db, { email: 'other@example.org', name: '', role: 'viewer', password: 'a long password 1' }, { hash: cheapHash });
  await createUser(db, { email: 'admin2@example.org', name: '', role: 'admin', password: 'a long password 2' }, { hash: cheapHash });
});
afterEach(() => harness.conn.sqlite.close());

const otherUserId = () => listUsers(harness.conn.db).find((u) => u.email === 'other@example.org')!.id;

type Case = {
  name: string;
  permission: 'editor' | 'admin';
  prepare?: () => void;
  call: () => Promise<unknown>;
  /** Checks the effect when allowed. */
  done: (result: unknown) => void;
};

const cases: Case[] = [
  {
    name: 'saveEvent (create)',
    permission: 'editor',
    call: () => saveEvent({ status: 'idle' }, form(eventFields)),
    done: (r) => {
      expect(r).toEqual({ redirect: expect.stringMatching(/^\/events\/\d+\?saved=created$/) });
      const id = Number((r as { redirect: string }).redirect.match(/\d+/)![0]);
      expect(getEvent(harness.conn.db, id)).toMatchObject({ title: eventFields.title, createdBy: 'user-editor' });
    },
  },
  {
    name: 'saveEvent (edit)',
    permission: 'editor',
    call: () => saveEvent({ status: 'idle' }, form({ ...eventFields, id: eventId, version: 1, title: 'Edited title' })),
    done: (r) => {
      expect(r).toEqual({ redirect: `/events/${eventId}?saved=updated` });
      expect(listRevisions(harness.conn.db, 'event', eventId)[0]).toMatchObject({ action: 'update', actor: 'editor@example.org' });
    },
  },
  {
    name: 'createActorInline',
    permission: 'editor',
    call: () => createActorInline({ kind: 'person', name: 'Wassim al-Qattan', countryCode: 'SY' }),
    done: (r) => expect(r).toEqual({ ok: true, entity: { id: expect.any(Number), name: 'Wassim al-Qattan' } }),
  },
  {
    name: 'deleteEventAction',
    permission: 'editor',
    call: () => deleteEventAction({ error: null, attempt: 0 }, form({ id: eventId, version: 1 })),
    done: (r) => {
      expect(r).toEqual({ redirect: `/events/deleted?deleted=${eventId}` });
      expect(getEvent(harness.conn.db, eventId)).toBeNull();
    },
  },
  {
    name: 'restoreDeletedEventAction',
    permission: 'editor',
    call: () => restoreDeletedEventAction({ error: null, attempt: 0 }, form({ id: deletedId, version: 2 })),
    done: () => expect(getEvent(harness.conn.db, deletedId)?.deletedAt).toBeNull(),
  },
  {
    name: 'restoreVersionAction',
    permission: 'editor',
    // A colleague's second version to go back from.
    prepare: () => {
      updateEvent(harness.conn.db, eventId, eventInputSchema.parse({ ...eventFields, title: 'Second version' }), 1, { userId: 'x', label: 'x' });
      firstRevisionId = listRevisions(harness.conn.db, 'event', eventId).at(-1)!.id;
    },
    call: () => restoreVersionAction({ error: null, attempt: 0 }, form({ id: eventId, version: 2, revisionId: firstRevisionId })),
    done: () => expect(getEvent(harness.conn.db, eventId)).toMatchObject({ title: 'An existing event', version: 3 }),
  },
  {
    name: 'saveEntity',
    permission: 'editor',
    call: () => saveEntity({ status: 'idle' }, form({ id: entityA, version: 1, kind: 'person', name: 'Khalid Qaddour', ofacUid: '36270', aliases: 'Abu Ali' })),
    done: (r) => expect(r).toEqual({ redirect: `/entities/${entityA}` }),
  },
  {
    name: 'mergeEntitiesAction',
    permission: 'editor',
    call: () => mergeEntitiesAction({ error: null, attempt: 0 }, form({ survivorId: entityA, survivorVersion: 1, mergedId: entityB, mergedVersion: 1 })),
    done: (r) => expect(r).toEqual({ redirect: expect.stringMatching(new RegExp(`^/entities/${entityA}/history\\?merged=\\d+$`)) }),
  },
  {
    name: 'undoMergeAction',
    permission: 'editor',
    prepare: () => {
      mergeId = mergeEntities(harness.conn.db, { survivorId: entityA, survivorVersion: 1, mergedId: entityB, mergedVersion: 1 }, { userId: 'x', label: 'x' }).mergeId;
    },
    call: () => undoMergeAction({ error: null, attempt: 0 }, form({ mergeId })),
    done: (r) => {
      expect(r).toEqual({ redirect: `/entities/${entityB}/history?unmerged=${mergeId}` });
      expect(getEntity(harness.conn.db, entityB)?.mergedIntoId).toBeNull();
    },
  },
  {
    name: 'createUserAction',
    permission: 'admin',
    call: () => createUserAction({ status: 'idle', message: null, errors: {}, values: { email: '', name: '', role: '' }, attempt: 0 }, form({ email: 'new@example.org', name: 'New', role: 'editor', password: 'a long enough password' })),
    done: () => expect(listUsers(harness.conn.db).map((u) => u.email)).toContain('new@example.org'),
  },
  {
    name: 'setRoleAction',
    permission: 'admin',
    call: () => setRoleAction({ status: 'idle', message: null, attempt: 0 }, form({ userId: otherUserId(), role: 'editor' })),
    done: () => expect(listUsers(harness.conn.db).find((u) => u.email === 'other@example.org')?.role).toBe('editor'),
  },
  {
    name: 'setPasswordAction',
    permission: 'admin',
    call: () => setPasswordAction({ status: 'idle', message: null, attempt: 0 }, form({ userId: otherUserId(), password: 'another long password' })),
    done: (r) => expect(r).toMatchObject({ status: 'done' }),
  },
  {
    name: 'deleteUserAction',
    permission: 'admin',
    call: () => deleteUserAction({ status: 'idle', message: null, attempt: 0 }, form({ userId: otherUserId() })),
    done: () => expect(listUsers(harness.conn.db).map((u) => u.email)).not.toContain('other@example.org'),
  },
];

const ROLES_BELOW: Record<Case['permission'], (Role | null)[]> = {
  editor: [null, 'viewer'],
  admin: [null, 'viewer', 'editor'],
};

describe('server actions refuse without the role and change nothing', () => {
  for (const c of cases) {
    for (const role of ROLES_BELOW[c.permission]) {
      it(`${c.name} as ${role ?? 'nobody signed in'}`, async () => {
        as(role);
        c.prepare?.();
        const before = dump();
        const result = await run(c.call);
        expect(JSON.stringify(result)).toMatch(role ? new RegExp(`needs the ${c.permission} role`) : /Sign in/);
        expect(dump()).toBe(before);
      });
    }
  }
});

describe('server actions do their work with the role', () => {
  for (const c of cases) {
    it(`${c.name} as ${c.permission}`, async () => {
      as(c.permission);
      c.prepare?.();
      c.done(await run(c.call));
    });
  }

  it('admins can do what editors can', async () => {
    as('admin');
    expect(await run(() => saveEvent({ status: 'idle' }, form(eventFields)))).toEqual({ redirect: expect.stringMatching(/saved=created/) });
  });
});

describe('the event form action', () => {
  it('gives back everything typed, with errors per field, when the input is invalid', async () => {
    as('editor');
    const typed = { ...eventFields, title: 'x', 'sources.0.url': 'javascript:alert(1)', details: 'Long details I do not want to retype.' };
    const result = await run(() => saveEvent({ status: 'idle' }, form(typed)));
    expect(result).toMatchObject({
      status: 'invalid',
      values: { title: 'x', details: 'Long details I do not want to retype.', sources: [{ url: 'javascript:alert(1)', title: 'Press release' }] },
      errors: { title: expect.any(String), 'sources.0.url': expect.stringMatching(/http/) },
    });
  });

  it('answers a stale save with the conflict, what each side changed, and the input intact', async () => {
    as('editor');
    updateEvent(harness.conn.db, eventId, eventInputSchema.parse({ type: 'statement', title: 'An existing event', summary: 'Colleague wrote this.', date: '2023-03-28', status: 'published' }), 1, {
      userId: 'user-colleague',
      label: 'colleague@example.org',
    });
    const before = dump();
    const result = await run(() =>
      saveEvent({ status: 'idle' }, form({ type: 'statement', title: 'My better title', summary: 'Something happened.', date: '2023-03-28', status: 'published', id: eventId, version: 1 })),
    );
    expect(dump()).toBe(before);
    expect(result).toMatchObject({
      status: 'conflict',
      values: { title: 'My better title' },
      conflict: {
        currentVersion: 2,
        changedBy: 'colleague@example.org',
        deleted: false,
        fields: [
          { key: 'title', base: 'An existing event', theirs: 'An existing event', mine: 'My better title', theyChanged: false, youChanged: true },
          { key: 'summary', base: 'Something happened.', theirs: 'Colleague wrote this.', mine: 'Something happened.', theyChanged: true, youChanged: false },
        ],
        reapplied: { title: 'My better title', summary: 'Colleague wrote this.' },
      },
    });
  });
});

describe('the actor form action (issue 10)', () => {
  it('refuses a new actor that reads as another, keeps the input, and creates it once the editor confirms', async () => {
    as('editor');
    const typed = { kind: 'person', name: 'Khalid Qad\u200Ddour', aliases: '', description: '', countryCode: '', opensanctionsId: '', ofacUid: '' };
    const before = dump();
    const refused = (await run(() => saveEntity({ status: 'idle' }, form(typed)))) as Record<string, unknown>;
    expect(refused).toMatchObject({ status: 'refused', namesake: true, values: { name: 'Khalid Qad\u200Ddour' } });
    expect((refused.errors as Record<string, string>).name).toMatch(/“Khalid Qaddour” \(#\d+\)/);
    expect(dump()).toBe(before);
    const confirmed = await run(() => saveEntity({ status: 'idle' }, form({ ...typed, sameName: 'yes' })));
    expect(confirmed).toEqual({ redirect: expect.stringMatching(/^\/entities\/\d+$/) });
  });

  it('refuses the same from inside the event form, with the message on the name', async () => {
    as('editor');
    const result = await createActorInline({ kind: 'person', name: 'KHALID QADDOUR', countryCode: '' });
    expect(result).toMatchObject({ ok: false, errors: { name: expect.stringMatching(/already has this name/) } });
  });

  it('makes an actor public on purpose, and back', async () => {
    as('editor');
    const made = await run(() => saveEntity({ status: 'idle' }, form({ id: entityA, version: 1, kind: 'person', name: 'Khalid Qaddour', madePublic: 'yes' })));
    expect(made).toEqual({ redirect: `/entities/${entityA}` });
    expect(getEntity(harness.conn.db, entityA)).toMatchObject({ madePublic: true, isPublic: true, version: 2 });
    await run(() => saveEntity({ status: 'idle' }, form({ id: entityA, version: 2, kind: 'person', name: 'Khalid Qaddour' })));
    expect(getEntity(harness.conn.db, entityA)).toMatchObject({ madePublic: false, isPublic: false, version: 3 });
  });
});
