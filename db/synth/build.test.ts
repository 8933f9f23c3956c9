import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '@/db/engine/bootstrap';
import { openDatabase, type Connection } from '@/db/engine/client';
import { derivedMismatches } from '@/db/derived/counts';
import { getEvent, listRevisions } from '../queries/events';
import { listTimeline } from '../queries/timeline';
import { entitySnapshot, eventSnapshot } from '@/db/mutations/revisions';
import { createTestDb } from '@/db/testing/test-db';
import { standingChangeSnapshotOf } from '@/db/queries/relations';
import { buildSynthDatabase, SYNTH_ACTOR, type BuildResult } from './build';
import { synthesise } from './generate';
import { stripDiacritics } from './names';
import { EMPTY_FILTERS } from '@/lib/filters';

const N = 2_000;
const SEED = 'build-test';

let dir: string;
let result: BuildResult;
let conn: Connection;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
  result = buildSynthDatabase({ file: path.join(dir, 'synth.db'), events: N, seed: SEED, revisions: false });
  // The app's own way in: WAL, foreign keys, and a quick_check that refuses a damaged file.
  conn = openDatabase(path.join(dir, 'synth.db'));
});

afterAll(() => {
  conn?.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const all = <T>(sql: string, ...params: unknown[]) => conn.sqlite.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => conn.sqlite.prepare(sql).get(...params) as T;

function schemaOf(sqlite: Connection['sqlite']) {
  return sqlite
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name`)
    .all();
}

describe('a built synthetic database', () => {
  it('holds exactly the generated rows', () => {
    const data = synthesise(SEED, N);
    const entities = [...data.entities];
    const events = [...data.events()];
    const sum = (f: (e: (typeof events)[number]) => number) => events.reduce((n, e) => n + f(e), 0);
    expect(result.counts).toMatchObject({
      events: N,
      entities: entities.length,
      entity_aliases: entities.reduce((n, e) => n + e.aliases.length, 0),
      event_countries: sum((e) => e.countries.length),
      event_entities: sum((e) => e.actors.length),
      event_tags: sum((e) => e.tagIds.length),
      sources: sum((e) => e.sources.length),
      event_links: sum((e) => e.links.length),
      tags: data.tags.length,
      revisions: 0,
      events_fts: events.filter((e) => !e.deletedAt).length,
    });
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM events WHERE status = 'draft'`).n).toBeGreaterThan(0);
    expect(result.bytes).toBe(fs.statSync(path.join(dir, 'synth.db')).size);
  });

  it('has exactly the schema the migrations create, indexes included', () => {
    const fresh = createTestDb();
    try {
      expect(schemaOf(conn.sqlite)).toEqual(schemaOf(fresh.sqlite));
    } finally {
      fresh.sqlite.close();
    }
  });

  it('is taken as it is by the app at start-up: no pending migration, no seed loaded', () => {
    const before = one<{ n: number; m: number }>(
      `SELECT (SELECT count(*) FROM events) AS n, (SELECT count(*) FROM __drizzle_migrations) AS m`,
    );
    const app = bootstrapDatabase({ path: path.join(dir, 'synth.db'), seedOnEmpty: true });
    try {
      const after = app.sqlite
        .prepare(`SELECT (SELECT count(*) FROM events) AS n, (SELECT count(*) FROM __drizzle_migrations) AS m`)
        .get();
      expect(after).toEqual(before);
      expect(before.n).toBe(N);
    } finally {
      app.sqlite.close();
    }
  });

  it('passes integrity_check and foreign_key_check, is in WAL mode and has statistics', () => {
    expect(conn.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(conn.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM sqlite_stat1`).n).toBeGreaterThan(10);
  });

  it('holds the derived facts and counts that the triggers would have written', () => {
    expect(derivedMismatches(conn.sqlite)).toEqual([]);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM facet_counts WHERE facet = 'actor' AND n > 0`).n).toBeGreaterThan(100);
    // The events between two sides (decision 0036), for every live event with two countries or more.
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM event_pairs`).n).toBeGreaterThan(N);
  });

  it('finds generated names through full-text search, diacritics folded and by prefix', () => {
    const row = one<{ event_id: number; name: string }>(
      `SELECT ee.event_id, en.name FROM event_entities ee
         JOIN entities en ON en.id = ee.entity_id JOIN events e ON e.id = ee.event_id
        WHERE en.kind = 'person' AND en.name GLOB '*[éöüâèáşçğñ]*' AND e.deleted_at IS NULL
        ORDER BY ee.event_id LIMIT 1`,
    );
    expect(row).toBeDefined();
    const word = stripDiacritics(row.name)
      .split(/[^A-Za-z]+/)
      .filter((w) => w.length >= 4)
      .sort((a, b) => b.length - a.length)[0]!
      .toLowerCase();
    const match = (query: string) =>
      all<{ rowid: number }>(`SELECT rowid FROM events_fts WHERE events_fts MATCH ?`, query).map((r) => r.rowid);
    expect(match(`"${word}"`)).toContain(row.event_id);
    expect(match(`${word.slice(0, 3)}*`)).toContain(row.event_id);
    // A common word is in many events, a deleted event in none.
    expect(match('sanctions').length).toBeGreaterThan(N / 10);
    const deleted = one<{ id: number; title: string }>(`SELECT id, title FROM events WHERE deleted_at IS NOT NULL LIMIT 1`);
    expect(match(`"${deleted.title.replace(/"/g, '')}"`)).not.toContain(deleted.id);
  });

  it('reads through the app’s own queries: the timeline and an event page', () => {
    const first = listTimeline(conn.db, EMPTY_FILTERS, { limit: 50 });
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const dates = first.items.map((e) => e.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(first.items.every((e) => e.status === 'published' && e.sources.length >= 1)).toBe(true);
    expect(first.items.some((e) => e.actors.length > 0 && e.countries.length > 0 && e.tags.length > 0)).toBe(true);

    const linked = one<{ from_event_id: number; to_event_id: number }>(
      `SELECT l.from_event_id, l.to_event_id FROM event_links l
         JOIN events a ON a.id = l.from_event_id JOIN events b ON b.id = l.to_event_id
        WHERE a.status = 'published' AND b.status = 'published' AND a.deleted_at IS NULL AND b.deleted_at IS NULL
        LIMIT 1`,
    );
    const event = getEvent(conn.db, linked.from_event_id)!;
    expect(event.externalId).toBe(`synth:${linked.from_event_id}`);
    expect(event.links).toContainEqual(expect.objectContaining({ direction: 'out', event: expect.objectContaining({ id: linked.to_event_id }) }));
    expect(getEvent(conn.db, linked.to_event_id)!.links).toContainEqual(
      expect.objectContaining({ direction: 'in', event: expect.objectContaining({ id: linked.from_event_id }) }),
    );

    const deletedId = one<{ id: number }>(`SELECT id FROM events WHERE deleted_at IS NOT NULL LIMIT 1`).id;
    expect(getEvent(conn.db, deletedId)).toBeNull();
    const draftId = one<{ id: number }>(`SELECT id FROM events WHERE status = 'draft' AND deleted_at IS NULL LIMIT 1`).id;
    expect(getEvent(conn.db, draftId)).toBeNull();
    expect(getEvent(conn.db, draftId, { includeDrafts: true })?.status).toBe('draft');
  });
});

describe('with --revisions', () => {
  it('writes import revisions whose snapshots are what the app would have recorded', () => {
    const file = path.join(dir, 'with-revisions.db');
    // Also the path that keeps the indexes during the load.
    const built = buildSynthDatabase({ file, events: 300, seed: SEED, revisions: true, deferIndexes: false });
    const c = openDatabase(file);
    try {
      const deleted = c.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE deleted_at IS NOT NULL`).get() as { n: number };
      expect(built.counts.revisions).toBe(300 + built.counts.entities! + deleted.n + built.counts.standing_changes!);
      const eventIds = (c.sqlite.prepare(`SELECT id FROM events`).all() as { id: number }[]).map((r) => r.id);
      for (const id of eventIds) {
        const history = listRevisions(c.db, 'event', id);
        expect(history.at(-1)).toMatchObject({ action: 'import', version: 1, actor: SYNTH_ACTOR, userId: null });
        const latest = c.sqlite
          .prepare(`SELECT snapshot FROM revisions WHERE record_type = 'event' AND record_id = ? ORDER BY id DESC LIMIT 1`)
          .get(id) as { snapshot: string };
        expect(JSON.parse(latest.snapshot)).toEqual(eventSnapshot(c.db, id));
      }
      const entityIds = (c.sqlite.prepare(`SELECT id FROM entities`).all() as { id: number }[]).map((r) => r.id);
      for (const id of entityIds) {
        const row = c.sqlite
          .prepare(`SELECT action, snapshot FROM revisions WHERE record_type = 'entity' AND record_id = ?`)
          .get(id) as { action: string; snapshot: string };
        expect(row.action).toBe('import');
        expect(JSON.parse(row.snapshot)).toEqual(entitySnapshot(c.db, id));
      }
      const standings = c.sqlite.prepare(`SELECT record_id, snapshot FROM revisions WHERE record_type = 'standing_change' ORDER BY record_id LIMIT 500`).all() as { record_id: number; snapshot: string }[];
      expect(standings.length).toBeGreaterThan(0);
      for (const { record_id, snapshot } of standings) expect(JSON.parse(snapshot)).toEqual(standingChangeSnapshotOf(c.db, record_id));
    } finally {
      c.sqlite.close();
    }
  });

  it('gives byte-identical files for the same seed and size', () => {
    const a = path.join(dir, 'a.db');
    const b = path.join(dir, 'b.db');
    buildSynthDatabase({ file: a, events: 200, seed: SEED, revisions: true });
    buildSynthDatabase({ file: b, events: 200, seed: SEED, revisions: true });
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
  });

  it('refuses to overwrite an existing file', () => {
    expect(() => buildSynthDatabase({ file: path.join(dir, 'synth.db'), events: 10, seed: SEED, revisions: false })).toThrow(
      /already exists/,
    );
  });
});
