/**
 * The facet index (db/derived/facet-index.ts, timeline-index.ts) must give exactly what the SQL
 * gives: the page, the next page, the total, every facet and the chart, for combinations that
 * reach every filter (those of plan-consistency.test.ts), for the public and for staff (drafts,
 * status=all), with date ranges that cut through periods known to the month or year, and again
 * after edits, deletes, restores and a write from another connection (an import's worker).
 */
import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilters, type TimelineFilters } from '@/lib/filters';
import { eventInputSchema } from '@/lib/validation/event';
import { openDatabase, type Connection } from '@/db/engine/client';
import { attachFacetIndex, CATCH_UP_LIMIT, currentFacetIndex, detachFacetIndex, FacetIndex, untilFacetIndexAnswers } from '@/db/derived/facet-index';
import { createEvent, deleteEvent, restoreDeletedEvent, snapshotToInput, updateEvent } from '@/db/mutations/events';
import { eventSnapshot } from '@/db/mutations/revisions';
import { buildSynthDatabase } from '../synth/build';
import { decodeTimelineCursor, loadEventsPage, untilViewAnswers } from './timeline';
import { loadTimelineView } from './timeline-view';

let dir: string;
let conn: Connection;
let index: FacetIndex;
const combos: { name: string; qs: string; staff?: boolean }[] = [];
const ACTOR = { userId: null, label: 'index test' };

const one = <T>(query: string) => conn.sqlite.prepare(query).get() as T;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-index-'));
  const file = path.join(dir, 'synth.db');
  buildSynthDatabase({ file, events: 3000, seed: 'index-consistency', revisions: false });
  conn = openDatabase(file);
  const popular = one<{ id: number }>(`SELECT entity_id AS id FROM event_entities GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).id;
  const rare = one<{ id: number }>(`SELECT entity_id AS id FROM event_entities GROUP BY 1 HAVING count(*) = 2 LIMIT 1`).id;
  const person = one<{ id: number }>(
    `SELECT ee.entity_id AS id FROM event_entities ee JOIN entities e ON e.id = ee.entity_id WHERE e.kind = 'person' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  ).id;
  const tag = one<{ slug: string }>(`SELECT slug FROM tags JOIN event_tags ON tag_id = id GROUP BY id ORDER BY count(*) DESC LIMIT 1`).slug;
  const rareTag = one<{ slug: string }>(`SELECT slug FROM tags JOIN event_tags ON tag_id = id GROUP BY id ORDER BY count(*) LIMIT 1`).slug;
  const program = one<{ p: string }>(`SELECT program AS p FROM events WHERE program IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).p;
  const authority = one<{ a: string }>(`SELECT legal_authority AS a FROM events WHERE legal_authority IS NOT NULL GROUP BY 1 ORDER BY count(*) LIMIT 1`).a;
  const name = one<{ name: string }>(`SELECT name FROM entities WHERE id = ${rare}`).name.split(' ')[0]!;
  combos.push(
    { name: 'nothing', qs: '' },
    { name: 'one type', qs: 'type=designation' },
    { name: 'two types and whole years', qs: 'type=designation&type=removal&from=2015&to=2020' },
    { name: 'whole months', qs: 'from=2019-03&to=2020-08' },
    { name: 'days', qs: 'from=2019-03-15&to=2020-08-10' },
    { name: 'a range ending mid-year', qs: 'from=2014-02-10&to=2019-06-15' },
    { name: 'a single year', qs: 'from=2018&to=2018' },
    { name: 'from only', qs: 'from=2021-02' },
    { name: 'to only', qs: 'to=2012-12-31' },
    { name: 'a country in any role', qs: 'country=SY' },
    { name: 'a country as target', qs: 'country=SY&role=target' },
    { name: 'two countries as actor', qs: 'country=US&country=GB&role=actor' },
    { name: 'a counterpart, a type and years', qs: 'with=SY&type=normalisation&from=2015&to=2020' },
    { name: 'a country as actor with a counterpart', qs: 'country=AE&role=actor&with=SY' },
    { name: 'a popular actor', qs: `actor=${popular}` },
    { name: 'a rare actor', qs: `actor=${rare}` },
    { name: 'two actors', qs: `actor=${popular}&actor=${rare}` },
    { name: 'a person and a type', qs: `actor=${person}&type=designation` },
    { name: 'a tag', qs: `tag=${tag}` },
    { name: 'a rare tag and a common one', qs: `tag=${tag}&tag=${rareTag}` },
    { name: 'a program', qs: `program=${encodeURIComponent(program)}` },
    { name: 'an authority', qs: `authority=${encodeURIComponent(authority)}` },
    { name: 'an unknown program', qs: 'program=NOPE' },
    { name: 'a common word', qs: 'q=sanctions' },
    { name: 'a name', qs: `q=${encodeURIComponent(name)}` },
    { name: 'a word and a country', qs: 'q=oil&country=SY' },
    { name: 'a word by relevance', qs: 'q=sanctions&sort=relevance' },
    { name: 'a word matching nothing', qs: 'q=zzzqqq' },
    { name: 'everything', qs: `type=designation&type=removal&country=SY&role=target&from=2013&to=2024-06&tag=${tag}` },
    { name: 'staff: everything', qs: 'status=all', staff: true },
    { name: 'staff: published', qs: '', staff: true },
    { name: 'staff: drafts of a country', qs: 'status=draft&country=SY', staff: true },
    { name: 'staff: all, by type and years', qs: 'status=all&type=statement&from=2016&to=2019-07', staff: true },
    { name: 'staff: a word, everything', qs: 'q=sanctions&status=all', staff: true },
    { name: 'staff: a popular actor, drafts', qs: `actor=${popular}&status=draft`, staff: true },
  );
  index = new FacetIndex(conn.sqlite);
  index.buildNow();
  attachFacetIndex(conn.db, index);
});

afterAll(() => {
  conn?.sqlite.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const parse = (qs: string): TimelineFilters => {
  const parsed = parseFilters(new URLSearchParams(qs));
  expect(parsed.issues).toEqual([]);
  return parsed.filters;
};

function bySql<T>(f: () => T): T {
  detachFacetIndex(conn.db);
  try {
    return f();
  } finally {
    attachFacetIndex(conn.db, index);
  }
}

function compareAll(label: string) {
  for (const { name, qs, staff } of combos) {
    const visibility = { includeDrafts: !!staff };
    const filters = parse(qs);
    expect(currentFacetIndex(conn.db), `${label}: index current`).not.toBeNull();
    const fromIndex = loadTimelineView(conn.db, filters, { ...visibility, withFacets: true, limit: 40 });
    const fromSql = bySql(() => loadTimelineView(conn.db, filters, { ...visibility, withFacets: true, limit: 40 }));
    expect(fromIndex.total, `${label}: ${name} total`).toBe(fromSql.total);
    expect(fromIndex.page.items.map((e) => e.id), `${label}: ${name} page`).toEqual(fromSql.page.items.map((e) => e.id));
    expect(fromIndex, `${label}: ${name}`).toEqual(fromSql);
    if (fromSql.page.nextCursor) {
      const position = decodeTimelineCursor(fromSql.page.nextCursor, filters.sort);
      const second = loadEventsPage(conn.db, filters, { ...visibility, position, limit: 40 });
      const secondSql = bySql(() => loadEventsPage(conn.db, filters, { ...visibility, position, limit: 40 }));
      expect(second, `${label}: ${name}, page 2`).toEqual(secondSql);
    }
  }
}

describe('the facet index gives what the SQL gives', () => {
  it('for every combination, public and staff', () => {
    expect(index.ready).toBe(true);
    compareAll('as built');
  });

  it('after edits, deletes and restores in this process', () => {
    const ids = conn.sqlite.prepare(`SELECT id FROM events WHERE deleted_at IS NULL ORDER BY id LIMIT 6`).pluck().all() as number[];
    const input = (id: number) => conn.db.transaction((tx) => snapshotToInput(tx, eventSnapshot(tx, id)));
    const version = (id: number) => conn.sqlite.prepare('SELECT version FROM events WHERE id = ?').pluck().get(id) as number;
    // A new country and type, a date known to the year only, a draft, a deletion, a restore.
    updateEvent(conn.db, ids[0]!, { ...input(ids[0]!), type: 'statement', countries: [{ code: 'SY', role: 'target' }, { code: 'AE', role: 'actor' }] }, version(ids[0]!), ACTOR);
    updateEvent(conn.db, ids[1]!, { ...input(ids[1]!), date: '2018-01-01', datePrecision: 'year' }, version(ids[1]!), ACTOR);
    updateEvent(conn.db, ids[2]!, { ...input(ids[2]!), date: '2019-06-01', datePrecision: 'month', status: 'draft' }, version(ids[2]!), ACTOR);
    deleteEvent(conn.db, ids[3]!, version(ids[3]!), ACTOR);
    deleteEvent(conn.db, ids[4]!, version(ids[4]!), ACTOR);
    restoreDeletedEvent(conn.db, ids[4]!, version(ids[4]!), ACTOR);
    createEvent(
      conn.db,
      eventInputSchema.parse({
        type: 'designation',
        title: 'Sanctions on oil shipments',
        summary: 'A new designation.',
        date: '2020-02-29',
        status: 'published',
        program: 'NEW-PROGRAM',
        countries: [{ code: 'SY', role: 'target' }],
        sources: [{ title: 'Press release' }],
      }),
      ACTOR,
    );
    compareAll('after edits');
    expect(index.revision).toBeGreaterThan(0);
  });

  it('after a write committed by another connection', () => {
    const other = openDatabase(path.join(dir, 'synth.db'), { check: false });
    try {
      const id = other.sqlite.prepare(`SELECT id FROM events WHERE deleted_at IS NULL AND status = 'published' ORDER BY id DESC LIMIT 1`).pluck().get() as number;
      const v = other.sqlite.prepare('SELECT version FROM events WHERE id = ?').pluck().get(id) as number;
      deleteEvent(other.db, id, v, ACTOR);
    } finally {
      other.sqlite.close();
    }
    compareAll('after another connection wrote');
  });

  it('rebuilds after more changes than it catches up on (an import), the SQL answering meanwhile', async () => {
    const other = openDatabase(path.join(dir, 'synth.db'), { check: false });
    try {
      const rows = other.sqlite
        .prepare(`SELECT id, version FROM events WHERE deleted_at IS NULL ORDER BY id DESC LIMIT ?`)
        .all(CATCH_UP_LIMIT + 1) as { id: number; version: number }[];
      for (const r of rows) deleteEvent(other.db, r.id, r.version, ACTOR);
    } finally {
      other.sqlite.close();
    }
    expect(currentFacetIndex(conn.db)).toBeNull();
    const staff = { includeDrafts: true };
    expect(loadTimelineView(conn.db, parse('status=all'), staff).total).toBe(
      conn.sqlite.prepare('SELECT count(*) FROM events WHERE deleted_at IS NULL').pluck().get(),
    );
    // A request waits for the rebuild rather than run the SQL (server/views/timeline.ts).
    await untilFacetIndexAnswers(conn.db);
    expect(currentFacetIndex(conn.db)).toBe(index);
    compareAll('after a rebuild');
  });

  it('rebuilds when another program writes events without a revision, the SQL answering meanwhile', async () => {
    // As e2e/production/extreme-dates.spec.ts does: rows stored by an older version or by hand.
    const other = new Database(path.join(dir, 'synth.db'));
    try {
      other
        .prepare(`INSERT INTO events (type, title, summary, date, date_precision, status) VALUES ('statement', ?, 'Written without a revision.', ?, 'day', 'published')`)
        .run('A statement written by another program', '2024-02-03');
    } finally {
      other.close();
    }
    const day = parse('from=2024-02-03&to=2024-02-03&type=statement');
    const titles = () => loadTimelineView(conn.db, day, {}).page.items.map((e) => e.title);
    expect(currentFacetIndex(conn.db)).toBeNull();
    expect(titles()).toContain('A statement written by another program');
    await index.build();
    expect(index.error).toBeNull();
    expect(currentFacetIndex(conn.db)).not.toBeNull();
    expect(titles()).toContain('A statement written by another program');
    compareAll('after a write without a revision');
  });

  it('makes a reader wait for the first build, and lets it through at once where there is no index', async () => {
    const fresh = new FacetIndex(conn.sqlite);
    attachFacetIndex(conn.db, fresh);
    try {
      expect(currentFacetIndex(conn.db)).toBeNull();
      // The unfiltered timeline and a type are answered from the maintained counts: no wait.
      await untilViewAnswers(conn.db, parse('type=statement'), {});
      expect(fresh.ready || fresh.building !== null).toBe(false);
      // Staff's drafts are not in those counts, nor is a country: they wait for the build.
      await untilViewAnswers(conn.db, parse('status=all'), { includeDrafts: true });
      expect(currentFacetIndex(conn.db)).toBe(fresh);
      fresh.version = null;
      await untilFacetIndexAnswers(conn.db);
      expect(currentFacetIndex(conn.db)).toBe(fresh);
      expect(fresh.live).toBe(index.live);
    } finally {
      attachFacetIndex(conn.db, index);
    }
    const bare = {};
    await expect(untilFacetIndexAnswers(bare)).resolves.toBeUndefined();
  });

  it('never answers inside a transaction, where the state may still roll back', () => {
    conn.sqlite.exec('BEGIN');
    try {
      expect(currentFacetIndex(conn.db)).toBeNull();
    } finally {
      conn.sqlite.exec('ROLLBACK');
    }
    expect(currentFacetIndex(conn.db)).not.toBeNull();
  });
});
