import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { createSavedView, regenerateFeedToken, revokeFeedToken } from '@/db/mutations/saved-views';
import { savedViews, user } from '@/db/schema';
import { createTestDb, makeEvent } from '@/db/testing/test-db';
import { hashFeedToken } from '@/lib/alerts/feed-token';
import { sqliteStore } from '@/db/store/sqlite';
import { savedViewFeed as feedOf } from './saved-view-feed';

const savedViewFeed = (c: Connection, id: number, token: string | null, o: string) => feedOf(sqliteStore(c), id, token, o);

let conn: Connection;
let viewId: number;
const origin = 'https://tracker.example';

beforeEach(() => {
  conn = createTestDb();
  conn.db.insert(user).values({ id: 'u1', name: 'Analyst', email: 'analyst@example.org', role: 'viewer' }).run();
  makeEvent(conn.db, { type: 'designation', title: 'Caesar Act designations', date: '2023-03-28' });
  makeEvent(conn.db, { type: 'designation', title: 'A draft designation', status: 'draft' });
  makeEvent(conn.db, { type: 'statement', title: 'A statement' });
  viewId = createSavedView(conn.db, 'u1', 'Designations', 'type=designation').id;
});

describe('the private feed of a saved view', () => {
  it('with its token: the view’s published events, read by a feed parser', async () => {
    const token = regenerateFeedToken(conn.db, 'u1', viewId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const parsed = parseFeed((await savedViewFeed(conn, viewId, token, origin))!);
    expect(parsed.title).toBe('Sanctions & Policy Tracker: Designations');
    expect(parsed.url).toBe('https://tracker.example/?type=designation');
    expect(parsed.items.map((i) => i.title)).toEqual(['Caesar Act designations']);
  });

  it('stores only the token’s hash', async () => {
    const token = regenerateFeedToken(conn.db, 'u1', viewId);
    const row = conn.db.select().from(savedViews).get()!;
    expect(row.feedTokenHash).toBe(hashFeedToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.feedTokenPrefix).toBe(token.slice(0, 6));
  });

  it('with a wrong, missing or malformed token, or another id: nothing (the route answers 404)', async () => {
    const token = regenerateFeedToken(conn.db, 'u1', viewId);
    const other = createSavedView(conn.db, 'u1', 'Statements', 'type=statement').id;
    expect(await savedViewFeed(conn, viewId, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, origin)).toBeNull();
    expect(await savedViewFeed(conn, viewId, null, origin)).toBeNull();
    expect(await savedViewFeed(conn, viewId, "' OR 1=1 --", origin)).toBeNull();
    expect(await savedViewFeed(conn, other, token, origin)).toBeNull();
    expect(await savedViewFeed(conn, 999, token, origin)).toBeNull();
  });

  it('stops working when revoked, and when a new token replaces it', async () => {
    const first = regenerateFeedToken(conn.db, 'u1', viewId);
    const second = regenerateFeedToken(conn.db, 'u1', viewId);
    expect(await savedViewFeed(conn, viewId, first, origin)).toBeNull();
    expect(await savedViewFeed(conn, viewId, second, origin)).not.toBeNull();
    revokeFeedToken(conn.db, 'u1', viewId);
    expect(await savedViewFeed(conn, viewId, second, origin)).toBeNull();
  });
});
