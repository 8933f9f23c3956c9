import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, makeEntity, makeEvent, TEST_ACTOR } from '@/db/testing/test-db';
import { deleteEvent, restoreDeletedEvent, updateEvent } from '@/db/mutations/events';
import { eventSnapshot } from '@/db/mutations/revisions';
import { events as eventsTable, revisions } from '@/db/schema';
import { loadTimelineView } from '@/db/queries/timeline-view';
import { EMPTY_FILTERS, parseFilters } from '@/lib/filters';
import { eventInputSchema } from '@/lib/validation/event';
import { revisionTime } from '@/lib/history/as-recorded';
import { AS_RECORDED_MAX_EVENTS, asRecordedConnection, buildAsRecorded, ensureSearchable, firstRecordedAt } from './as-recorded';
import { derivedMismatches } from './counts';
import { attachFacetIndex, currentFacetIndex, detachFacetIndex } from './facet-index';
import { createStandingChange, updateStandingChange } from '@/db/mutations/standings';
import { relationsAsOf } from '@/db/queries/relations';
import { asc, eq } from 'drizzle-orm';

const START = Date.UTC(2026, 0, 5, 9, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterEach(() => vi.useRealTimers());

/** Every write happens a second after the one before, so each revision has its own moment. */
const tick = () => vi.setSystemTime(Date.now() + 1000);

const BOOKKEEPING = ['createdAt', 'updatedAt', 'createdBy', 'updatedBy'] as const;
function comparable(snapshot: Record<string, unknown>) {
  const copy: Record<string, unknown> = { ...snapshot };
  for (const key of BOOKKEEPING) delete copy[key];
  return copy;
}

type Op =
  | { kind: 'create'; title: string; country: 'SY' | 'AE' | 'US'; tag: string | null }
  | { kind: 'edit'; target: number; title: string; country: 'SY' | 'AE' | 'US'; tag: string | null }
  | { kind: 'delete'; target: number }
  | { kind: 'restore'; target: number };

const word = fc.constantFrom('Embassy', 'Caesar', 'visit', 'designation', 'Damascus', 'statement', 'Qaddour');
const country = fc.constantFrom('SY' as const, 'AE' as const, 'US' as const);
const tag = fc.option(fc.constantFrom('Caesar Act', 'Captagon', 'Arab League'), { nil: null });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), title: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')), country, tag }),
  fc.record({ kind: fc.constant('edit' as const), target: fc.nat(5), title: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')), country, tag }),
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat(5) }),
  fc.record({ kind: fc.constant('restore' as const), target: fc.nat(5) }),
);

function input(title: string, code: string, tagLabel: string | null, actorId: number) {
  return eventInputSchema.parse({
    type: 'statement',
    title,
    summary: `${title}.`,
    date: '2023-03-28',
    status: 'published',
    countries: [{ code, role: 'actor' }],
    actors: [{ entityId: actorId, role: 'subject' }],
    tags: tagLabel ? [tagLabel] : [],
  });
}

describe('the record as it stood at a moment', () => {
  it('as of the time of revision N, the event equals the snapshot of revision N (any sequence of edits)', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 14 }), (ops) => {
        vi.setSystemTime(START);
        const conn = createTestDb();
        const actor = makeEntity(conn.db, { name: 'Khalid Qaddour' }).id;
        const ids: number[] = [];
        for (const o of ops) {
          tick();
          if (o.kind === 'create') {
            ids.push(makeEvent(conn.db, input(o.title, o.country, o.tag, actor)).id);
            continue;
          }
          const id = ids[o.target % Math.max(ids.length, 1)];
          if (id === undefined) continue;
          const row = conn.db.select().from(eventsTable).where(eq(eventsTable.id, id)).get()!;
          if (o.kind === 'edit' && !row.deletedAt) updateEvent(conn.db, id, input(o.title, o.country, o.tag, actor), row.version, TEST_ACTOR);
          if (o.kind === 'delete' && !row.deletedAt) deleteEvent(conn.db, id, row.version, TEST_ACTOR);
          if (o.kind === 'restore' && row.deletedAt) restoreDeletedEvent(conn.db, id, row.version, TEST_ACTOR);
        }
        const history = conn.db.select().from(revisions).where(eq(revisions.recordType, 'event')).orderBy(asc(revisions.id)).all();
        for (const revision of history) {
          const at = revisionTime(revision.createdAt);
          const past = buildAsRecorded(conn.db, at);
          const rebuilt = past.connection.db.select().from(eventsTable).where(eq(eventsTable.id, revision.recordId)).get();
          expect(rebuilt, `event ${revision.recordId} as of revision ${revision.id}`).toBeDefined();
          expect(comparable(eventSnapshot(past.connection.db, revision.recordId))).toEqual(comparable(revision.snapshot as Record<string, unknown>));
          expect(Boolean(rebuilt!.deletedAt)).toBe(revision.action === 'delete');
          expect(derivedMismatches(past.connection.sqlite)).toEqual([]);
          // Events first recorded after the moment are absent.
          const later = history.filter((r) => r.action === 'create' && revisionTime(r.createdAt) > at).map((r) => r.recordId);
          for (const id of later) expect(past.connection.db.select().from(eventsTable).where(eq(eventsTable.id, id)).get()).toBeUndefined();
          past.connection.sqlite.close();
        }
        conn.sqlite.close();
      }),
      { numRuns: 25 },
    );
  });

  it('shows a deleted event on the timeline as it stood before the deletion, and not one recorded later', () => {
    const conn = createTestDb();
    tick();
    const kept = makeEvent(conn.db, { title: 'Embassy reopened in Damascus' });
    tick();
    const gone = makeEvent(conn.db, { title: 'A statement later withdrawn' });
    tick();
    const before = Date.now();
    tick();
    deleteEvent(conn.db, gone.id, gone.version, TEST_ACTOR);
    tick();
    const later = makeEvent(conn.db, { title: 'Recorded afterwards' });

    const now = loadTimelineView(conn.db, EMPTY_FILTERS);
    expect(now.page.items.map((e) => e.id).sort()).toEqual([kept.id, later.id].sort());

    const past = asRecordedConnection(conn, before);
    const then = loadTimelineView(past.connection.db, EMPTY_FILTERS);
    expect(then.page.items.map((e) => e.title).sort()).toEqual(['A statement later withdrawn', 'Embassy reopened in Damascus']);
    expect(then.total).toBe(2);
    // Search and facets run on the rebuilt record too, with counts as the triggers would keep them.
    expect(derivedMismatches(past.connection.sqlite)).toEqual([]);
    ensureSearchable(past);
    const searched = loadTimelineView(past.connection.db, parseFilters({ q: 'withdrawn' }).filters, { withFacets: true });
    expect(searched.page.items.map((e) => e.id)).toEqual([gone.id]);
    expect(searched.facets).not.toBeNull();
    // A past record is answered by the same facet index as today's (decision 0039), still after
    // its search index was built, and gives what the plain SQL gives.
    const index = currentFacetIndex(past.connection.db);
    expect(index).not.toBeNull();
    const filters = parseFilters({ q: 'statement OR embassy' }).filters;
    const byIndex = loadTimelineView(past.connection.db, filters, { withFacets: true });
    detachFacetIndex(past.connection.db);
    const bySql = loadTimelineView(past.connection.db, filters, { withFacets: true });
    attachFacetIndex(past.connection.db, index!);
    expect(byIndex.total).toBe(2);
    expect(byIndex).toEqual(bySql);
    // The same moment is served from the kept database afterwards.
    expect(asRecordedConnection(conn, before)).toBe(past);
  });

  it('rebuilds standing changes as they stood: a later edit undone, one recorded later absent', () => {
    const conn = createTestDb();
    tick();
    const evidence = makeEvent(conn.db, { title: 'UAE reopens embassy in Damascus', date: '2018-12-27' }).id;
    const raw = (over: Record<string, unknown> = {}) => ({
      dyad: { subject: 'AE', counterpart: 'SY' },
      date: '2018',
      status: 'in_effect',
      level: 'unknown',
      embassy: 'open',
      ambassadorRecalled: null,
      evidenceEventIds: [evidence],
      note: null,
      ...over,
    });
    tick();
    const change = createStandingChange(conn.db, raw(), TEST_ACTOR);
    tick();
    const brief = Date.now();
    tick();
    updateStandingChange(conn.db, change.id, raw({ level: 'charge_d_affaires' }), change.version, TEST_ACTOR);
    createStandingChange(conn.db, raw({ dyad: { subject: 'BH', counterpart: 'SY' } }), TEST_ACTOR);

    const now = relationsAsOf(conn.db, { counterpart: 'SY', asOf: '2020-01-01', includeDrafts: false });
    expect(now.rows.map((r) => r.dyad.subject).sort()).toEqual(['AE', 'BH']);
    const past = asRecordedConnection(conn, brief);
    const then = relationsAsOf(past.connection.db, { counterpart: 'SY', asOf: '2020-01-01', includeDrafts: false });
    expect(then.rows.map((r) => r.dyad.subject)).toEqual(['AE']);
    expect(then.rows[0]!.standing.level).toMatchObject({ kind: 'unknown', recorded: true });
    expect(now.rows.find((r) => r.dyad.subject === 'AE')!.standing.level).toMatchObject({ kind: 'known', value: 'charge_d_affaires' });
  });

  it('knows when the record began, and refuses databases too large to rebuild', () => {
    const conn = createTestDb();
    expect(firstRecordedAt(conn.db)).toBeNull();
    tick();
    makeEvent(conn.db);
    expect(firstRecordedAt(conn.db)).toBe(Date.now());
    expect(AS_RECORDED_MAX_EVENTS).toBeGreaterThanOrEqual(50_000);
  });
});
