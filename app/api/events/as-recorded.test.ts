/**
 * `as_recorded` through the API and the exports, as a client sees it: the record as it stood at
 * the end of a day (events recorded later absent, deleted ones back), and a 400 that says why for
 * a moment the record cannot show. Only the session is faked; handlers and database are real.
 */
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { deleteEvent } from '@/db/mutations/events';
import { createTestDb, makeEvent, TEST_ACTOR } from '@/db/testing/test-db';
import type { Viewer } from '@/lib/auth/roles';

const harness = vi.hoisted(() => ({ conn: null as unknown as Connection }));

vi.mock('@/db/index', async () => {
  const { sqliteStore } = await import('@/db/store/sqlite');
  return { getDb: () => harness.conn.db, getConnection: () => harness.conn, getStore: () => sqliteStore(harness.conn), servingEngine: () => 'sqlite' as const, servingPostgres: () => null };
});
vi.mock('@/server/auth/viewer', () => ({
  getViewer: async () => null,
  readAccessIsPublic: () => true,
  canSeeDrafts: (viewer: Viewer | null) => viewer !== null,
}));

const api = await import('./route');
const csv = await import('./export/route');
const json = await import('./export.json/route');

const get = (path: string) => new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { host: '127.0.0.1:3000' } });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  harness.conn = createTestDb();
  vi.setSystemTime(Date.UTC(2024, 2, 1, 10));
  makeEvent(harness.conn.db, { title: 'Embassy reopened in Damascus' });
  const withdrawn = makeEvent(harness.conn.db, { title: 'Statement later withdrawn' });
  vi.setSystemTime(Date.UTC(2024, 2, 5, 10));
  deleteEvent(harness.conn.db, withdrawn.id, withdrawn.version, TEST_ACTOR);
  makeEvent(harness.conn.db, { title: 'Recorded after the brief' });
  vi.setSystemTime(Date.UTC(2024, 5, 1, 10));
});
afterEach(() => {
  vi.useRealTimers();
  harness.conn.sqlite.close();
});

const titles = async (response: Response) => ((await response.json()) as { items: { title: string }[] }).items.map((e) => e.title).sort();

describe('as_recorded', () => {
  it('GET /api/events shows the record as it stood at the end of that day', async () => {
    expect(await titles(await api.GET(get('/api/events')))).toEqual(['Embassy reopened in Damascus', 'Recorded after the brief']);
    const then = await api.GET(get('/api/events?as_recorded=2024-03-02'));
    expect(then.status).toBe(200);
    expect(await titles(then)).toEqual(['Embassy reopened in Damascus', 'Statement later withdrawn']);
    // Filters apply to the past record as to today's.
    expect(await titles(await api.GET(get('/api/events?as_recorded=2024-03-02&q=withdrawn')))).toEqual(['Statement later withdrawn']);
  });

  it.each([
    ['2024-02-01', 'before the first record'],
    ['2024-07-01', 'in the future'],
    ['2024-02-30', 'real day'],
    ['yesterday', 'YYYY-MM-DD'],
  ])('answers 400 for as_recorded=%s, saying why', async (value, words) => {
    const response = await api.GET(get(`/api/events?as_recorded=${value}`));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { issues: { param: string; message: string }[] };
    expect(body.issues[0]).toMatchObject({ param: 'as_recorded' });
    expect(body.issues[0]!.message).toContain(words);
  });

  it('exports the past record, and says so in the file name', async () => {
    const response = await csv.GET(get('/api/events/export?as_recorded=2024-03-02'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('as-recorded-2024-03-02');
    const text = await response.text();
    expect(text).toContain('Statement later withdrawn');
    expect(text).not.toContain('Recorded after the brief');

    const bad = await json.GET(get('/api/events/export.json?as_recorded=2024-02-01'));
    expect(bad.status).toBe(400);
    const ok = await json.GET(get('/api/events/export.json?as_recorded=2024-03-02'));
    expect(await ok.text()).toContain('Statement later withdrawn');
  });
});
