import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventsPageResponse } from '@/db/api-types';
import { EMPTY_FILTERS } from '@/lib/filters';
import { openDatabase, type Connection } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { deleteEvent } from '../mutations/events';
import { createTestDb, makeEvent, TEST_ACTOR } from '@/db/testing/test-db';
import { eventsPageJson } from './events-page';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

const page = (fresh = false) => {
  const { body, cached } = eventsPageJson(conn, EMPTY_FILTERS, { position: null, limit: 50, fresh });
  return { body: JSON.parse(body.toString('utf8')) as EventsPageResponse, cached };
};

describe('the events API between writes', () => {
  it('serves a repeated request from the cache, and never across a write', () => {
    const first = makeEvent(conn.db, { title: 'First event' });
    expect(page()).toMatchObject({ cached: false, body: { total: 1 } });
    expect(page()).toMatchObject({ cached: true, body: { total: 1 } });

    makeEvent(conn.db, { title: 'Second event' });
    const after = page();
    expect(after.cached).toBe(false);
    expect(after.body.items.map((e) => e.title)).toEqual(['Second event', 'First event']);

    deleteEvent(conn.db, first.id, 1, TEST_ACTOR);
    expect(page()).toMatchObject({ cached: false, body: { total: 1 } });
  });

  it('computes afresh when asked (Cache-Control: no-cache), and keeps staff and public apart', () => {
    makeEvent(conn.db, { title: 'Published' });
    makeEvent(conn.db, { title: 'A draft', status: 'draft' });
    page();
    expect(page(true).cached).toBe(false);
    const staff = eventsPageJson(conn, { ...EMPTY_FILTERS, status: 'all' }, { includeDrafts: true, position: null, limit: 50 });
    expect(staff.cached).toBe(false);
    expect((JSON.parse(staff.body.toString('utf8')) as EventsPageResponse).total).toBe(2);
    expect(page()).toMatchObject({ cached: true, body: { total: 1 } });
  });

  it('sees writes made by another connection to the same file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-cache-'));
    const file = path.join(dir, 'tracker.db');
    const app = openDatabase(file);
    migrateDatabase(app.db);
    const script = openDatabase(file);
    try {
      makeEvent(app.db, { title: 'Before' });
      const read = () => eventsPageJson(app, EMPTY_FILTERS, { position: null, limit: 50 });
      read();
      expect(read().cached).toBe(true);
      makeEvent(script.db, { title: 'From a script' });
      const after = read();
      expect(after.cached).toBe(false);
      expect((JSON.parse(after.body.toString('utf8')) as EventsPageResponse).total).toBe(2);
    } finally {
      app.sqlite.close();
      script.sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
