/**
 * POST /api/import when the browser sends the same confirmation twice (a double click, a retried
 * request, a replayed capture): the second is refused with 409, says when the dry run was
 * imported, comes with a fresh dry run that shows the rows as look-alikes, and writes nothing
 * (issue 10, item 7: a 5,000-row file committed twice gave 10,000 events).
 */
import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/engine/client';
import type { ImportPlan } from '@/db/import/import';
import { seedDatabase } from '@/db/seed/seed';
import { createTestDb } from '@/db/testing/test-db';
import { authorize, type Permission, type Viewer } from '@/lib/auth/roles';

const harness = vi.hoisted(() => ({ conn: null as unknown as Connection, viewer: null as Viewer | null }));
vi.mock('@/db/index', async () => {
  const { sqliteStore } = await import('@/db/store/sqlite');
  return { getDb: () => harness.conn.db, getStore: () => sqliteStore(harness.conn), servingEngine: () => 'sqlite' as const, servingPostgres: () => null };
});
vi.mock('@/server/auth/viewer', () => ({
  requirePermission: async (permission: Permission) => authorize(harness.viewer, permission),
}));

const route = await import('./route');

const ORIGIN = 'http://127.0.0.1:3000';
function upload(fields: Record<string, string | Blob>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return new NextRequest(`${ORIGIN}/api/import`, {
    method: 'POST',
    headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
    body: form,
  });
}
const FILE = 'date,type,title\r\n2024-05-01,designation,Imported once through the API\r\n2024-05-02,statement,And a statement\r\n';
const csv = () => new File([FILE], 'list.csv', { type: 'text/csv' });
const dump = () => JSON.stringify(harness.conn.db.all(sql`SELECT id, title, version FROM events`)) + JSON.stringify(harness.conn.db.all(sql`SELECT id FROM revisions`));

beforeEach(() => {
  harness.conn = createTestDb();
  seedDatabase(harness.conn.db);
  harness.viewer = { id: 'user-editor', email: 'editor@example.org', name: 'editor', role: 'editor' };
});
afterEach(() => harness.conn.sqlite.close());

describe('POST /api/import, the same confirmation twice', () => {
  it('imports once; the second answer is a 409 that says so, with a new dry run, and writes nothing', async () => {
    const { plan } = (await (await route.POST(upload({ file: csv(), mode: 'check' }))).json()) as { plan: ImportPlan };
    const first = await route.POST(upload({ file: csv(), mode: 'commit', digest: plan.digest }));
    expect(first.status).toBe(200);
    const afterFirst = dump();

    const second = await route.POST(upload({ file: csv(), mode: 'commit', digest: plan.digest }));
    expect(second.status).toBe(409);
    const body = (await second.json()) as { error: string; plan: ImportPlan };
    expect(body.error).toMatch(/^This dry run was already imported on .* by editor@example\.org \(2 new events, 0 updates\), so nothing was imported again\./);
    expect(body.plan.digest).not.toBe(plan.digest);
    expect(body.plan.rows.map((r) => r.warnings.length)).toEqual([1, 1]);
    expect(dump()).toBe(afterFirst);
    expect(harness.conn.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM events WHERE title = 'Imported once through the API'`).n).toBe(1);
  });
});
