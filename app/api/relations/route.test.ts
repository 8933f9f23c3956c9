/**
 * GET /api/relations and GET /api/relations/export as a reader and as staff would call them. Only
 * the session is faked; the handlers, the computations and the database are real.
 */
import { parse } from 'csv-parse/sync';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { updateEvent } from '@/db/mutations/events';
import { createStandingChange } from '@/db/mutations/standings';
import { getEvent } from '@/db/queries/events';
import { createTestDb, makeEvent, TEST_ACTOR } from '@/db/testing/test-db';
import { authorize, type Permission, type Role, type Viewer } from '@/lib/auth/roles';
import { eventInputSchema } from '@/lib/validation/event';

const harness = vi.hoisted(() => ({ conn: null as unknown as Connection, viewer: null as Viewer | null, publicReading: true }));

vi.mock('@/db/index', async () => {
  const { sqliteStore } = await import('@/db/store/sqlite');
  return { getDb: () => harness.conn.db, getConnection: () => harness.conn, getStore: () => sqliteStore(harness.conn), servingEngine: () => 'sqlite' as const, servingPostgres: () => null };
});
vi.mock('@/server/auth/viewer', () => ({
  requirePermission: async (permission: Permission) => authorize(harness.viewer, permission),
  getViewer: async () => harness.viewer,
  readAccessIsPublic: () => harness.publicReading,
  canSeeDrafts: (viewer: Viewer | null) => viewer !== null,
}));

const route = await import('./route');
const exportRoute = await import('./export/route');

function as(role: Role | null) {
  harness.viewer = role ? { id: `user-${role}`, email: `${role}@example.org`, name: role, role } : null;
}

const get = (query: string) => route.GET(new NextRequest(`http://127.0.0.1:3000/api/relations${query}`, { headers: { host: '127.0.0.1:3000' } }));
const getCsv = (query: string) => exportRoute.GET(new NextRequest(`http://127.0.0.1:3000/api/relations/export${query}`, { headers: { host: '127.0.0.1:3000' } }));

let uaeEvent: number;
let draftEvent: number;
beforeEach(() => {
  harness.conn = createTestDb();
  harness.publicReading = true;
  as(null);
  const db = harness.conn.db;
  uaeEvent = makeEvent(db, { title: 'UAE reopens its embassy in Damascus', date: '2018', countries: [{ code: 'AE', role: 'actor' }, { code: 'SY', role: 'target' }] }).id;
  const league = makeEvent(db, { title: 'Arab League suspends Syria', date: '2011' }).id;
  draftEvent = makeEvent(db, { title: 'Draft: Saudi plans', date: '2023-03', status: 'draft' }).id;
  createStandingChange(db, { dyad: { subject: 'AE', counterpart: 'SY' }, date: '2018', status: 'in_effect', level: 'unknown', embassy: 'open', evidenceEventIds: [uaeEvent], note: '=HYPERLINK("x")' }, TEST_ACTOR);
  createStandingChange(db, { dyad: { subject: 'arab-league', counterpart: 'SY' }, date: '2011', status: 'in_effect', level: 'suspended', evidenceEventIds: [league] }, TEST_ACTOR);
  createStandingChange(db, { dyad: { subject: 'SA', counterpart: 'SY' }, date: '2023-03', status: 'reported', embassy: 'open', evidenceEventIds: [draftEvent] }, TEST_ACTOR);
});
afterEach(() => harness.conn.sqlite.close());

describe('GET /api/relations', () => {
  it('answers the standings as of a date, with dates at their precision', async () => {
    const res = await get('?with=sy&as_of=2019-06-01');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.counterpart).toEqual({ code: 'SY', name: 'Syria' });
    expect(body.summary).toMatch(/^As of 1 June 2019/);
    expect(body.standings.map((s: { subject: string }) => s.subject)).toEqual(['AE', 'arab-league']);
    const [uae, league] = body.standings;
    expect(uae).toMatchObject({ region: 'Arab states', subjectName: 'United Arab Emirates', embassy: { state: 'known', value: 'open', since: { date: '2018', precision: 'year' } } });
    expect(uae.level).toMatchObject({ state: 'unknown', recorded: true });
    expect(league).toMatchObject({ subjectKind: 'organisation', subjectName: 'Arab League', region: 'Organisations', level: { state: 'known', value: 'suspended' } });
  });

  it('says "changing" inside the year of a change known only to its year', async () => {
    const body = await (await get('?with=SY&as_of=2018-06-01')).json();
    expect(body.standings[0].embassy).toMatchObject({ state: 'changing', to: ['open'], within: { date: '2018', precision: 'year' } });
  });

  it('shows staff the change whose only evidence is a draft, as pending; readers do not see it', async () => {
    expect((await (await get('?with=SY&as_of=2023-03-31')).json()).standings).toHaveLength(2);
    as('editor');
    const res = await get('?with=SY&as_of=2023-03-31');
    const saudi = (await res.json()).standings.find((s: { subject: string }) => s.subject === 'SA');
    expect(saudi.embassy).toMatchObject({ state: 'unknown', recorded: false });
    expect(saudi.pending).toEqual([expect.objectContaining({ status: 'reported', date: '2023-03', precision: 'month', embassy: 'open', evidenceEventIds: [draftEvent] })]);
    expect(res.headers.get('cache-control')).toMatch(/private|no-store/);
  });

  it('shows readers a change once its evidence is published', async () => {
    const e = getEvent(harness.conn.db, draftEvent, { includeDrafts: true })!;
    updateEvent(harness.conn.db, draftEvent, eventInputSchema.parse({ type: e.type, title: e.title, summary: e.summary, date: '2023-03', status: 'published' }), e.version, TEST_ACTOR);
    expect((await (await get('?with=SY&as_of=2023-03-31')).json()).standings).toHaveLength(3);
  });

  it.each([
    ['?with=XX', 'with'],
    ['?with=SY&as_of=2019-02-30', 'as_of'],
    ['?with=SY&as_of=1%20June', 'as_of'],
    ['?with=SY&asof=2019-01-01', 'asof'],
  ])('refuses %s with a 400 naming the parameter', async (query, param) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('Invalid query parameters.');
    expect(body.issues.map((i: { param: string }) => i.param)).toContain(param);
  });

  it('asks for a session when reading is for accounts only', async () => {
    harness.publicReading = false;
    expect((await get('?with=SY')).status).toBe(401);
  });
});

describe('GET /api/relations/export', () => {
  it('writes dyad-year rows a strict reader reads, with COW-style codes and unknown left unguessed', async () => {
    const res = await getCsv('?with=SY&rows=years&from=2010&to=2019&bom=0');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="standings-with-SY-years-2010-2019.csv"');
    const records = parse(await res.text(), { columns: true, strict: true } as never) as Record<string, string>[];
    expect(records).toHaveLength(20);
    const uae2018 = records.find((r) => r.subject === 'AE' && r.year === '2018')!;
    expect(uae2018).toMatchObject({ level: 'unknown', cow_code: '', embassy_open: 'yes', evidence_event_ids: String(uaeEvent) });
    expect(records.find((r) => r.subject === 'AE' && r.year === '2017')).toMatchObject({ embassy_open: 'unknown', level: 'unknown' });
    expect(records.find((r) => r.subject === 'arab-league' && r.year === '2012')).toMatchObject({ level: 'suspended', cow_code: '1', cow_scheme: 'igo' });
  });

  it('writes change rows with dates at their precision and formulas neutralised', async () => {
    const bytes = Buffer.from(await (await getCsv('?with=SY&rows=changes&from=2010&to=2023')).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes.subarray(3).toString('utf8'), { columns: true, strict: true } as never) as Record<string, string>[];
    expect(records.map((r) => [r.subject, r.date, r.date_precision, r.status])).toEqual([
      ['AE', '2018', 'year', 'in_effect'],
      ['arab-league', '2011', 'year', 'in_effect'],
    ]);
    expect(records[0]!.note).toBe(`'=HYPERLINK("x")`);
  });

  it.each([['?rows=years', 'with'], ['?with=SY&rows=dyads', 'rows'], ['?with=SY&from=20', 'from'], ['?with=SY&from=2020&to=2010', 'to']])(
    'refuses %s with a plain-text 400',
    async (query, param) => {
      const res = await getCsv(query);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toMatch(new RegExp(`^${param}: `, 'm'));
    },
  );
});

describe('GET /api/relations?as_recorded=', () => {
  it('answers from the record as it stood then, and refuses a moment it cannot show', async () => {
    const before = await get('?with=SY&as_recorded=2000-01-01');
    expect(before.status).toBe(400);
    expect(((await before.json()) as { issues: { param: string; message: string }[] }).issues[0]).toMatchObject({ param: 'as_recorded' });
    expect((await get('?with=SY&as_recorded=2999-01-01')).status).toBe(400);

    // A brief written now; then Bahrain's standing is recorded.
    await new Promise((r) => setTimeout(r, 5));
    const brief = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    createStandingChange(harness.conn.db, { dyad: { subject: 'BH', counterpart: 'SY' }, date: '2018', status: 'in_effect', embassy: 'open', evidenceEventIds: [uaeEvent] }, TEST_ACTOR);

    const subjects = async (query: string) =>
      (((await (await get(query)).json()) as { standings: { subject: string }[] }).standings.map((s) => s.subject)).sort();
    expect(await subjects('?with=SY&as_of=2020-01-01')).toEqual(['AE', 'BH', 'arab-league']);
    expect(await subjects(`?with=SY&as_of=2020-01-01&as_recorded=${encodeURIComponent(brief)}`)).toEqual(['AE', 'arab-league']);
  });
});
