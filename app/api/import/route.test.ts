/**
 * POST /api/import as the browser's import page, another site, a viewer and a hostile client would
 * call it. Only the session is faked; the handler, the reader, the plan and the database are real.
 */
import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { seedDatabase } from '@/db/seed/seed';
import { createTestDb } from '@/db/testing/test-db';
import { authorize, type Permission, type Role, type Viewer } from '@/lib/auth/roles';
import type { ImportPlan } from '@/db/import/import';

const harness = vi.hoisted(() => ({ conn: null as unknown as Connection, viewer: null as Viewer | null }));
vi.mock('@/db/index', async () => {
  const { sqliteStore } = await import('@/db/store/sqlite');
  return { getDb: () => harness.conn.db, getStore: () => sqliteStore(harness.conn), servingEngine: () => 'sqlite' as const, servingPostgres: () => null };
});
vi.mock('@/server/auth/viewer', () => ({
  requirePermission: async (permission: Permission) => authorize(harness.viewer, permission),
}));

const route = await import('./route');

function as(role: Role | null) {
  harness.viewer = role ? { id: `user-${role}`, email: `${role}@example.org`, name: role, role } : null;
}

const ORIGIN = 'http://127.0.0.1:3000';
function upload(fields: Record<string, string | Blob>, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return new NextRequest(`${ORIGIN}/api/import`, {
    method: 'POST',
    headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'sec-fetch-site': 'same-origin', ...headers },
    body: form,
  });
}
const csv = (text: string, name = 'list.csv') => new File([text], name, { type: 'text/csv' });
const dump = () => JSON.stringify(harness.conn.db.all(sql`SELECT id, title, version FROM events`)) + JSON.stringify(harness.conn.db.all(sql`SELECT id FROM revisions`));
const GOOD = 'date,type,title\r\n2024-05-01,designation,Imported through the API\r\n';

beforeEach(() => {
  harness.conn = createTestDb();
  seedDatabase(harness.conn.db);
  as('editor');
});
afterEach(() => harness.conn.sqlite.close());

describe('POST /api/import', () => {
  it.each([
    ['another site', 'editor', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, 403],
    ['nobody signed in', null, {}, 401],
    ['a viewer', 'viewer', {}, 403],
  ] as const)('refuses %s and writes nothing', async (_label, role, headers, status) => {
    as(role);
    const before = dump();
    const res = await route.POST(upload({ file: csv(GOOD), mode: 'commit', digest: 'a'.repeat(64) }, headers));
    expect(res.status).toBe(status);
    expect(dump()).toBe(before);
  });

  it('answers a dry run without writing, then commits with its digest', async () => {
    const before = dump();
    const check = await route.POST(upload({ file: csv(GOOD), mode: 'check' }));
    expect(check.status).toBe(200);
    const { plan } = (await check.json()) as { plan: ImportPlan };
    expect(plan).toMatchObject({ fileName: 'list.csv', counts: { create: 1, update: 0, unchanged: 0, error: 0 } });
    expect(dump()).toBe(before);

    const commit = await route.POST(upload({ file: csv(GOOD), mode: 'commit', digest: plan.digest }));
    expect(commit.status).toBe(200);
    const body = (await commit.json()) as { result: { created: { id: number }[] } };
    expect(body.result.created).toHaveLength(1);
    expect(dump()).not.toBe(before);
  });

  it('refuses a commit whose digest does not match the data (409) and one with problem rows (422)', async () => {
    const before = dump();
    const stale = await route.POST(upload({ file: csv(GOOD), mode: 'commit', digest: 'f'.repeat(64) }));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { plan: ImportPlan }).plan.counts.create).toBe(1);
    const bad = 'date,type,title\r\n2024-02-30,designation,Bad date\r\n';
    const check = (await (await route.POST(upload({ file: csv(bad), mode: 'check' }))).json()) as { plan: ImportPlan };
    const refused = await route.POST(upload({ file: csv(bad), mode: 'commit', digest: check.plan.digest }));
    expect(refused.status).toBe(422);
    expect(dump()).toBe(before);
  });

  it.each([
    ['no file', { mode: 'check' }, 400, /Choose a CSV file/],
    ['no mode', { file: csv(GOOD) }, 400, /mode=check/],
    ['a commit without a digest', { file: csv(GOOD), mode: 'commit' }, 400, /dry run first/],
    ['a file that is not UTF-8', { file: new File([new Uint8Array([0x64, 0x61, 0x74, 0x65, 0x2c, 0xff, 0xfe, 0x0a])], 'x.csv'), mode: 'check' }, 400, /not UTF-8/],
    ['missing required columns', { file: csv('title\r\nX\r\n'), mode: 'check' }, 400, /Missing required columns: date, type/],
  ])('answers 400 with the reason for %s', async (_label, fields, status, message) => {
    const res = await route.POST(upload(fields as Record<string, string | Blob>));
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('refuses a body over the limit without reading it all (413)', async () => {
    const big = 'date,type,title\r\n' + '2024,statement,A row that repeats to fill the file\r\n'.repeat(120_000);
    const res = await route.POST(upload({ file: csv(big), mode: 'check' }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than 5 MB/);
  });

  it('answers 400, not 500, to a body that is not a form', async () => {
    const res = await route.POST(
      new NextRequest(`${ORIGIN}/api/import`, {
        method: 'POST',
        headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'content-type': 'multipart/form-data; boundary=x' },
        body: '--y\r\ngarbage',
      }),
    );
    expect(res.status).toBe(400);
  });
});
