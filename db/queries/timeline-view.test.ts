import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from '@/lib/filters';
import type { Connection } from '@/db/engine/client';
import { createTestDb, makeEvent } from '@/db/testing/test-db';
import { cachedTimelineView, VIEW_CACHE_ENTRIES } from './timeline-view';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
  makeEvent(conn.db, { title: 'Designation in Syria', type: 'designation', date: '2023-03-28', status: 'published' });
  makeEvent(conn.db, { title: 'Embassy reopened', type: 'normalisation', date: '2018-12-27', status: 'published' });
  makeEvent(conn.db, { title: 'Unfinished draft', type: 'statement', date: '2023-04-01', status: 'draft' });
});
afterEach(() => conn.sqlite.close());

const designations = { ...EMPTY_FILTERS, types: ['designation' as const] };
const titles = (r: ReturnType<typeof cachedTimelineView>) => r.view.page.items.map((e) => e.title);

describe('cachedTimelineView', () => {
  it('serves a view opened since the last write without computing it again, facets and all', () => {
    const first = cachedTimelineView(conn, designations, { withFacets: true });
    expect(first.cached).toBe(false);
    expect(titles(first)).toEqual(['Designation in Syria']);
    expect(first.view.facets?.types.find((t) => t.value === 'normalisation')?.count).toBe(1);

    const again = cachedTimelineView(conn, designations, { withFacets: true });
    expect(again.cached).toBe(true);
    expect(again.view).toBe(first.view);
    // A different view, or the same one without facets, is computed on its own.
    expect(cachedTimelineView(conn, EMPTY_FILTERS, { withFacets: true }).cached).toBe(false);
    expect(cachedTimelineView(conn, designations, {}).cached).toBe(false);
  });

  it('never serves a view from before a write', () => {
    cachedTimelineView(conn, designations, { withFacets: true });
    makeEvent(conn.db, { title: 'A second designation', type: 'designation', date: '2023-05-01', status: 'published' });
    const after = cachedTimelineView(conn, designations, { withFacets: true });
    expect(after.cached).toBe(false);
    expect(after.view.total).toBe(2);
    expect(titles(after)).toEqual(['A second designation', 'Designation in Syria']);
  });

  it("keeps staff views (with drafts) apart from readers' views", () => {
    expect(cachedTimelineView(conn, EMPTY_FILTERS, {}).view.total).toBe(2);
    // Staff see the same published timeline by default, counted from their own entry.
    const staff = cachedTimelineView(conn, EMPTY_FILTERS, { includeDrafts: true });
    expect(staff.cached).toBe(false);
    const everything = cachedTimelineView(conn, { ...EMPTY_FILTERS, status: 'all' }, { includeDrafts: true });
    expect(everything.view.total).toBe(3);
    expect(cachedTimelineView(conn, EMPTY_FILTERS, {}).view.total).toBe(2);
  });

  it('computes afresh when asked, and keeps at most a bounded number of views', () => {
    cachedTimelineView(conn, designations, {});
    expect(cachedTimelineView(conn, designations, { fresh: true }).cached).toBe(false);
    expect(cachedTimelineView(conn, designations, {}).cached).toBe(true);

    for (let i = 0; i < VIEW_CACHE_ENTRIES; i++) cachedTimelineView(conn, { ...EMPTY_FILTERS, q: `word${i}` }, {});
    // The least recently used view made room for the others.
    expect(cachedTimelineView(conn, designations, {}).cached).toBe(false);
  });
});
