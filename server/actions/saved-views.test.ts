/**
 * The saved-view and webhook actions through the real gate and database (the session, Next's
 * cache and request headers are faked): bad names and URLs are refused at their field and what
 * was typed comes back; nothing is written.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { savedViews, user, webhookDestinations } from '@/db/schema';
import { createTestDb } from '@/db/testing/test-db';
import { authorize, type Permission, type Role, type Viewer } from '@/lib/auth/roles';

const harness = vi.hoisted(() => ({ conn: null as unknown as Connection, viewer: null as Viewer | null }));

vi.mock('@/db/index', async () => {
  const { sqliteStore } = await import('@/db/store/sqlite');
  return { getDb: () => harness.conn.db, getConnection: () => harness.conn, getStore: () => sqliteStore(harness.conn), servingEngine: () => 'sqlite' as const, servingPostgres: () => null };
});
vi.mock('@/server/auth/viewer', () => ({ requirePermission: async (permission: Permission) => authorize(harness.viewer, permission) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: '127.0.0.1:3000' }) }));

const { saveViewAction, renameViewAction, createDestinationAction, regenerateFeedAction } = await import('./saved-views');

function as(role: Role | null) {
  harness.viewer = role ? { id: `user-${role}`, email: `${role}@example.org`, name: role, role } : null;
}

function form(entries: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
}

const idle = { status: 'idle' as const, message: null, errors: {}, values: { name: '' }, savedId: null, attempt: 0 };

beforeEach(() => {
  harness.conn = createTestDb();
  harness.conn.db.insert(user).values([
    { id: 'user-viewer', name: 'viewer', email: 'viewer@example.org', role: 'viewer' },
    { id: 'user-admin', name: 'admin', email: 'admin@example.org', role: 'admin' },
  ]).run();
});

describe('saving a view', () => {
  it('a viewer saves the timeline’s filters, in canonical form, under a trimmed name', async () => {
    as('viewer');
    const state = await saveViewAction(idle, form({ name: '  Caesar designations ', query: 'country=SY&type=designation&bogus=1&as_recorded=2024-01-01' }));
    expect(state).toMatchObject({ status: 'done', message: 'Saved as "Caesar designations".' });
    expect(harness.conn.db.select().from(savedViews).all()).toMatchObject([{ userId: 'user-viewer', name: 'Caesar designations', query: 'type=designation&country=SY' }]);
  });

  it.each([
    ['', 'Name is required.'],
    ['   ', 'Name is required.'],
    ['x'.repeat(81), 'Name must be at most 80 characters.'],
  ])('refuses the name %j at its field and hands back what was typed', async (name, message) => {
    as('viewer');
    const state = await saveViewAction(idle, form({ name, query: 'type=designation' }));
    expect(state).toMatchObject({ status: 'error', errors: { name: message }, values: { name } });
    expect(state.message).toContain('The view was not saved.');
    expect(harness.conn.db.select().from(savedViews).all()).toEqual([]);
  });

  it('refuses someone not signed in', async () => {
    as(null);
    const state = await saveViewAction(idle, form({ name: 'Mine', query: '' }));
    expect(state).toMatchObject({ status: 'error', values: { name: 'Mine' } });
    expect(harness.conn.db.select().from(savedViews).all()).toEqual([]);
  });

  it('renames only with a good name, keeping the typed one on refusal', async () => {
    as('viewer');
    const saved = await saveViewAction(idle, form({ name: 'First', query: '' }));
    const bad = await renameViewAction({ status: 'idle', message: null, errors: {}, values: { name: 'First' }, attempt: 0 }, form({ id: String(saved.savedId), name: 'y'.repeat(90) }));
    expect(bad).toMatchObject({ status: 'error', errors: { name: 'Name must be at most 80 characters.' }, values: { name: 'y'.repeat(90) } });
    const good = await renameViewAction(bad, form({ id: String(saved.savedId), name: 'Second' }));
    expect(good.status).toBe('done');
    expect(harness.conn.db.select({ name: savedViews.name }).from(savedViews).all()).toEqual([{ name: 'Second' }]);
  });

  it('gives a private feed URL once', async () => {
    as('viewer');
    const saved = await saveViewAction(idle, form({ name: 'First', query: '' }));
    const state = await regenerateFeedAction({ status: 'idle', message: null, feedUrl: null, attempt: 0 }, form({ id: String(saved.savedId) }));
    expect(state.feedUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:3000/saved/${saved.savedId}/feed\\.xml\\?token=[A-Za-z0-9_-]{43}$`));
  });
});

describe('adding a webhook destination', () => {
  const empty = { status: 'idle' as const, message: null, errors: {}, values: { url: '', label: '' }, secret: null, attempt: 0 };

  it('is for admins only', async () => {
    as('viewer');
    const state = await createDestinationAction(empty, form({ url: 'https://hooks.example.org/x', label: 'Chat' }));
    expect(state.status).toBe('error');
    expect(harness.conn.db.select().from(webhookDestinations).all()).toEqual([]);
  });

  it('refuses a URL that is not http(s) or carries credentials, at the field, keeping what was typed', async () => {
    as('admin');
    for (const url of ['ftp://example.org/in', 'https://me:secret@example.org/in']) {
      const state = await createDestinationAction(empty, form({ url, label: 'Chat' }));
      expect(state).toMatchObject({ status: 'error', values: { url, label: 'Chat' } });
      expect(state.errors.url).toBeTruthy();
    }
    expect(harness.conn.db.select().from(webhookDestinations).all()).toEqual([]);
  });

  it('adds an http(s) URL with a generated secret', async () => {
    as('admin');
    const state = await createDestinationAction(empty, form({ url: 'https://hooks.example.org/x', label: 'Chat' }));
    expect(state.status).toBe('done');
    expect(state.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(harness.conn.db.select().from(webhookDestinations).all()).toMatchObject([{ url: 'https://hooks.example.org/x', label: 'Chat', enabled: true, createdBy: 'admin@example.org' }]);
  });
});
