import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { createTestDb, makeEntity, makeEvent } from '@/db/testing/test-db';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

const insertEvent = (fields: Record<string, unknown>) =>
  conn.sqlite
    .prepare(
      `INSERT INTO events (type, title, summary, date, date_precision, status) VALUES (@type, @title, @summary, @date, @date_precision, @status)`,
    )
    .run({ type: 'statement', title: 'T', summary: 'S', date: '2023-03-28', date_precision: 'day', status: 'published', ...fields });

describe('the database refuses rows that break the model, whatever code writes them', () => {
  it('accepts a well-formed event', () => {
    expect(() => insertEvent({})).not.toThrow();
  });

  it.each([
    ['an unknown event type', { type: 'rumour' }],
    ['an unknown status', { status: 'archived' }],
    ['a date that is not YYYY-MM-DD', { date: '28/03/2023' }],
    ['an unknown precision', { date_precision: 'week' }],
    ['a blank title', { title: '   ' }],
  ])('refuses %s', (_label, fields) => {
    expect(() => insertEvent(fields)).toThrow(/CHECK constraint failed/);
  });

  it('refuses an end date before the date', () => {
    const { lastInsertRowid } = insertEvent({});
    expect(() =>
      conn.sqlite.prepare(`UPDATE events SET end_date = '2020-01-01', end_date_precision = 'day' WHERE id = ?`).run(lastInsertRowid),
    ).toThrow(/CHECK constraint failed/);
  });

  it('refuses a source URL that is not http or https', () => {
    const { id } = makeEvent(conn.db);
    const insert = conn.sqlite.prepare(`INSERT INTO sources (event_id, url, title) VALUES (?, ?, 'x')`);
    expect(() => insert.run(id, 'javascript:alert(1)')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(id, 'data:text/html,hi')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(id, 'https://example.org/a')).not.toThrow();
    expect(() => insert.run(id, null)).not.toThrow();
  });

  it('refuses country codes that are not two capital letters and roles outside the list', () => {
    const { id } = makeEvent(conn.db);
    const insert = conn.sqlite.prepare(`INSERT INTO event_countries (event_id, country_code, role) VALUES (?, ?, ?)`);
    expect(() => insert.run(id, 'sy', 'target')).toThrow(/CHECK/);
    expect(() => insert.run(id, 'SYR', 'target')).toThrow(/CHECK/);
    expect(() => insert.run(id, 'SY', 'victim')).toThrow(/CHECK/);
    expect(() => insert.run(id, 'SY', 'target')).not.toThrow();
  });

  it('enforces foreign keys: an actor link must point at an existing entity', () => {
    const { id } = makeEvent(conn.db);
    expect(() =>
      conn.sqlite.prepare(`INSERT INTO event_entities (event_id, entity_id, role) VALUES (?, 999, 'target')`).run(id),
    ).toThrow(/FOREIGN KEY/);
  });

  it('will not delete an entity that events still refer to', () => {
    const entity = makeEntity(conn.db);
    makeEvent(conn.db, { actors: [{ entityId: entity.id, role: 'target' }] });
    expect(() => conn.sqlite.prepare(`DELETE FROM entities WHERE id = ?`).run(entity.id)).toThrow(/FOREIGN KEY/);
  });

  it('refuses an event linking to itself', () => {
    const { id } = makeEvent(conn.db);
    expect(() =>
      conn.sqlite.prepare(`INSERT INTO event_links (from_event_id, to_event_id, kind) VALUES (?, ?, 'related')`).run(id, id),
    ).toThrow(/CHECK/);
  });

  it('keeps the revision history append-only', () => {
    makeEvent(conn.db);
    expect(() => conn.sqlite.prepare(`UPDATE revisions SET actor = 'someone else'`).run()).toThrow(/append-only/);
    expect(() => conn.sqlite.prepare(`DELETE FROM revisions`).run()).toThrow(/append-only/);
  });

  it('runs with WAL, foreign keys, a busy timeout and full sync', () => {
    expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(conn.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(conn.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('uses the timeline index for the newest-first published list', () => {
    const plan = conn.sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM events WHERE status = 'published' AND deleted_at IS NULL ORDER BY date DESC, id DESC LIMIT 50`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX events_live_date_idx/);
    expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
