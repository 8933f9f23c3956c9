import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { createTestDb, makeEvent } from '@/db/testing/test-db';
import { EMPTY_FILTERS } from '@/lib/filters';
import { decodeCursor, encodeCursor, getEvent, parseId } from './events';
import { countTimeline, decodeTimelineCursor, listTimeline } from './timeline';

const ALL_STATUSES = { ...EMPTY_FILTERS, status: 'all' as const };

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

describe('listing the timeline', () => {
  it('lists newest first, ties broken by the newest id', () => {
    const a = makeEvent(conn.db, { title: 'Oldest', date: '2018' });
    const b = makeEvent(conn.db, { title: 'Same day, first', date: '2023-03-28' });
    const c = makeEvent(conn.db, { title: 'Same day, second', date: '2023-03-28' });
    const d = makeEvent(conn.db, { title: 'Middle', date: '2022-03' });
    expect(listTimeline(conn.db, EMPTY_FILTERS).items.map((e) => e.id)).toEqual([c.id, b.id, d.id, a.id]);
  });

  it('pages with a cursor without skipping or repeating an event', () => {
    const ids = Array.from({ length: 7 }, (_, i) => makeEvent(conn.db, { title: `Event ${i}`, date: `2020-0${(i % 3) + 1}-01` }).id);
    const seen: number[] = [];
    let cursor = null;
    for (let guard = 0; guard < 10; guard++) {
      const page = listTimeline(conn.db, EMPTY_FILTERS, { limit: 3, position: cursor ? decodeTimelineCursor(cursor, 'date') : null });
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual(ids.sort());
    expect(new Set(seen).size).toBe(7);
  });

  it('hides drafts and deleted events from the public list, count and page', () => {
    const published = makeEvent(conn.db, { title: 'Published' });
    const draft = makeEvent(conn.db, { title: 'Draft', status: 'draft' });
    const deleted = makeEvent(conn.db, { title: 'Deleted' });
    conn.sqlite.prepare(`UPDATE events SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE id = ?`).run(deleted.id);
    expect(listTimeline(conn.db, EMPTY_FILTERS).items.map((e) => e.id)).toEqual([published.id]);
    expect(countTimeline(conn.db, EMPTY_FILTERS)).toBe(1);
    expect(getEvent(conn.db, draft.id)).toBeNull();
    expect(getEvent(conn.db, deleted.id)).toBeNull();
    expect(getEvent(conn.db, draft.id, { includeDrafts: true })?.title).toBe('Draft');
    expect(listTimeline(conn.db, ALL_STATUSES, { includeDrafts: true }).items).toHaveLength(2);
  });

  it('does not show a link to an event the reader may not see', () => {
    const draft = makeEvent(conn.db, { title: 'Draft', status: 'draft' });
    const pub = makeEvent(conn.db, { title: 'Published', links: [{ toEventId: draft.id, kind: 'related' }] });
    expect(getEvent(conn.db, pub.id)?.links).toEqual([]);
    expect(getEvent(conn.db, pub.id, { includeDrafts: true })?.links).toHaveLength(1);
  });
});

describe('ids and cursors from the outside', () => {
  it.each(['0', '-1', '1.5', 'abc', '../etc/passwd', '1e3', '9999999999999999999', '2147483648', '', ' 1'])('treats id %j as not found', (v) => {
    // 2147483648: one past PostgreSQL's integer, which no record can have on either engine.
    expect(parseId(v)).toBeNull();
  });

  it('reads back the cursors it writes and refuses anything else', () => {
    expect(decodeCursor(encodeCursor({ date: '2023-03-28', id: 14 }))).toEqual({ date: '2023-03-28', id: 14 });
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from("2023-03-28|1 OR 1=1").toString('base64url'))).toBeNull();
    expect(decodeCursor('A'.repeat(10_000))).toBeNull();
  });
});
