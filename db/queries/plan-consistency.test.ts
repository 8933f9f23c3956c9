/**
 * The SQL answers (the maintained counts, junction tables as the facets' row sources, the passes
 * shared between facets; maintained-counts.ts, facets.ts) must give exactly what the plain WHERE
 * over `events` gives. Checked on a synthetic database, for filter combinations that reach every
 * path. index-consistency.test.ts checks the facet index against these.
 */
import { and, sql } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilters, type TimelineFilters } from '@/lib/filters';
import { openDatabase, type Connection } from '@/db/engine/client';
import { events } from '../schema';
import { buildSynthDatabase } from '../synth/build';
import { densityRows } from './density';
import { TIMELINE_ORDER, visibilityConditions, type Visibility } from './events';
import { singleFacet, timelineFacets, type FacetOption, type TimelineFacets } from './facets';
import { filterConditions, JUNCTION_SOURCES, timelineWhere } from './filter-conditions';
import { countTimeline, decodeTimelineCursor, listTimeline } from './timeline';

let dir: string;
let conn: Connection;
const combos: { name: string; qs: string; staff?: boolean }[] = [];

const one = <T>(query: string) => conn.sqlite.prepare(query).get() as T;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-'));
  const file = path.join(dir, 'synth.db');
  buildSynthDatabase({ file, events: 3000, seed: 'plan-consistency', revisions: false });
  conn = openDatabase(file);
  const popular = one<{ id: number }>(`SELECT entity_id AS id FROM event_entities GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).id;
  const rare = one<{ id: number }>(`SELECT entity_id AS id FROM event_entities GROUP BY 1 HAVING count(*) = 2 LIMIT 1`).id;
  const person = one<{ id: number }>(
    `SELECT ee.entity_id AS id FROM event_entities ee JOIN entities e ON e.id = ee.entity_id WHERE e.kind = 'person' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  ).id;
  // An actor in two roles of one event, and a country in two roles: "any role" counts them once.
  const twoRoles = one<{ id: number } | undefined>(`SELECT entity_id AS id FROM event_entities GROUP BY event_id, entity_id HAVING count(*) > 1 LIMIT 1`);
  const tag = one<{ slug: string }>(`SELECT slug FROM tags JOIN event_tags ON tag_id = id GROUP BY id ORDER BY count(*) DESC LIMIT 1`).slug;
  const rareTag = one<{ slug: string }>(`SELECT slug FROM tags JOIN event_tags ON tag_id = id GROUP BY id ORDER BY count(*) LIMIT 1`).slug;
  const program = one<{ p: string }>(`SELECT program AS p FROM events WHERE program IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).p;
  const authority = one<{ a: string }>(`SELECT legal_authority AS a FROM events WHERE legal_authority IS NOT NULL GROUP BY 1 ORDER BY count(*) LIMIT 1`).a;
  const name = one<{ name: string }>(`SELECT name FROM entities WHERE id = ${rare}`).name.split(' ')[0]!;
  combos.push(
    { name: 'nothing', qs: '' },
    { name: 'one type', qs: 'type=designation' },
    { name: 'two types', qs: 'type=designation&type=statement' },
    { name: 'two types and whole years', qs: 'type=designation&type=removal&from=2015&to=2020' },
    { name: 'whole months', qs: 'from=2019-03&to=2020-08' },
    { name: 'days', qs: 'from=2019-03-15&to=2020-08-10' },
    { name: 'a country in any role', qs: 'country=SY' },
    { name: 'a country as target', qs: 'country=SY&role=target' },
    { name: 'two countries as actor', qs: 'country=US&country=GB&role=actor' },
    { name: 'a counterpart', qs: 'with=SY' },
    { name: 'a counterpart, a type and years', qs: 'with=SY&type=normalisation&from=2015&to=2020' },
    { name: 'a country as actor with a counterpart', qs: 'country=AE&role=actor&with=SY' },
    { name: 'a rare actor with a counterpart', qs: `actor=${rare}&with=SY` },
    { name: 'a popular actor', qs: `actor=${popular}` },
    { name: 'a rare actor', qs: `actor=${rare}` },
    { name: 'two actors', qs: `actor=${popular}&actor=${rare}` },
    { name: 'an actor in two roles', qs: `actor=${twoRoles?.id ?? rare}` },
    { name: 'a person and a type', qs: `actor=${person}&type=designation` },
    { name: 'a tag', qs: `tag=${tag}` },
    { name: 'a rare tag and a common one', qs: `tag=${tag}&tag=${rareTag}` },
    { name: 'a program', qs: `program=${encodeURIComponent(program)}` },
    { name: 'an authority', qs: `authority=${encodeURIComponent(authority)}` },
    { name: 'a common word', qs: 'q=sanctions' },
    { name: 'a name', qs: `q=${encodeURIComponent(name)}` },
    { name: 'a word and a country', qs: 'q=oil&country=SY' },
    { name: 'a rare actor and a common word', qs: `actor=${rare}&q=sanctions` },
    { name: 'everything', qs: `type=designation&type=removal&country=SY&role=target&from=2013&to=2024-06&tag=${tag}` },
    { name: 'staff: everything', qs: 'status=all', staff: true },
    { name: 'staff: drafts of a country', qs: 'status=draft&country=SY', staff: true },
    { name: 'staff: published, by type', qs: 'type=statement', staff: true },
    // A search alone is counted from the full-text index, less the drafts for the published view.
    { name: 'staff: a word, published', qs: 'q=sanctions', staff: true },
    { name: 'staff: a word, everything', qs: 'q=sanctions&status=all', staff: true },
    { name: 'staff: a word, drafts', qs: 'q=sanctions&status=draft', staff: true },
    // The end of a range cuts through periods: events known to the year or month near it.
    { name: 'a range ending mid-year', qs: 'from=2014-02-10&to=2019-06-15' },
  );
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

/** The reference: the plain WHERE over events, nothing maintained. */
function reference(filters: TimelineFilters, visibility: Visibility) {
  const where = and(...visibilityConditions(visibility), ...filterConditions(filters, visibility));
  const ids = conn.db
    .select({ id: events.id })
    .from(events)
    .where(where)
    .orderBy(...TIMELINE_ORDER)
    .all()
    .map((r) => r.id);
  return { ids, count: ids.length };
}

describe('the fast paths give what the plain WHERE gives', () => {
  it('has combinations that reach every path', () => {
    expect(combos.length).toBeGreaterThan(20);
  });

  it('counts and lists every combination, and counts it the same on each junction table', () => {
    for (const { name, qs, staff } of combos) {
      const visibility = { includeDrafts: !!staff };
      const filters = parse(qs);
      const ref = reference(filters, visibility);
      expect(countTimeline(conn.db, filters, visibility), name).toBe(ref.count);
      const first = listTimeline(conn.db, filters, { ...visibility, limit: 40 });
      expect(first.items.map((e) => e.id), name).toEqual(ref.ids.slice(0, 40));
      // The next page starts exactly after the cursor (keyset: the index walk starts at it).
      const cursor = first.nextCursor ? decodeTimelineCursor(first.nextCursor, filters.sort) : null;
      if (ref.ids.length > 40) {
        expect(cursor, name).not.toBeNull();
        const second = listTimeline(conn.db, filters, { ...visibility, limit: 40, position: cursor });
        expect(second.items.map((e) => e.id), `${name}, page 2`).toEqual(ref.ids.slice(40, 80));
      }
      // The conditions written on a junction table's copies of the event's facts (as the facets
      // count them) select the same events.
      for (const driver of ['countries', 'actors', 'tags'] as const) {
        if (filters[driver].length === 0) continue;
        const source = JUNCTION_SOURCES[driver];
        const n = conn.db.get<{ n: number }>(
          sql`SELECT count(DISTINCT ${source.id}) AS n FROM ${sql.identifier({ countries: 'event_countries', actors: 'event_entities', tags: 'event_tags' }[driver])} WHERE ${timelineWhere(filters, { ...visibility, source })}`,
        ).n;
        expect(n, `${name}, counted on ${driver}`).toBe(ref.count);
      }
    }
  });

  it('counts every facet option as the view it would give', () => {
    const check = <V extends string | number>(name: string, options: FacetOption<V>[], view: (v: V) => string, visibility: Visibility) => {
      for (const option of options) {
        expect(option.count, `${name}: ${String(option.value)}`).toBe(reference(parse(view(option.value)), visibility).count);
      }
    };
    for (const { name, qs, staff } of combos) {
      const visibility = { includeDrafts: !!staff };
      const filters = parse(qs);
      const f = timelineFacets(conn.db, filters, visibility);
      const params = (drop: string[]) => {
        const p = new URLSearchParams(qs);
        for (const d of drop) p.delete(d);
        return p;
      };
      const withValue = (drop: string[], key: string) => (v: string | number) => {
        const p = params(drop);
        p.set(key, String(v));
        return p.toString();
      };
      check(`${name} types`, f.types, withValue(['type'], 'type'), visibility);
      check(`${name} countries`, f.countries.slice(0, 12), withValue(['country'], 'country'), visibility);
      check(`${name} actors`, f.actors, withValue(['actor'], 'actor'), visibility);
      check(`${name} tags`, f.tags.slice(0, 12), withValue(['tag'], 'tag'), visibility);
      check(`${name} programs`, f.programs.slice(0, 8), withValue(['program'], 'program'), visibility);
      check(`${name} authorities`, f.authorities.slice(0, 8), withValue(['authority'], 'authority'), visibility);
      check(
        `${name} years`,
        f.years,
        (y) => {
          const p = params(['from', 'to']);
          p.set('from', String(y));
          p.set('to', String(y));
          return p.toString();
        },
        visibility,
      );
      expect(f.actors.length, name).toBeGreaterThan(0);
      // All facets at once (passes over the same rows shared) give what each gives on its own.
      for (const facet of Object.keys(f) as (keyof TimelineFacets)[]) {
        expect(f[facet], `${name}: ${facet} on its own`).toEqual(singleFacet(conn.db, filters, visibility, facet));
      }
      // The listed actors are the most involved in the view, ties broken by name.
      const ids = reference({ ...filters, actors: [] }, visibility).ids;
      const top = conn.sqlite
        .prepare(
          `SELECT ee.entity_id AS id FROM event_entities ee JOIN entities en ON en.id = ee.entity_id
            WHERE ee.event_id IN (${ids.join(',') || 'NULL'})
            GROUP BY ee.entity_id ORDER BY count(DISTINCT ee.event_id) DESC, en.name LIMIT 12`,
        )
        .all()
        .map((r) => (r as { id: number }).id);
      expect(f.actors.slice(0, top.length).map((a) => a.value), `${name} top actors`).toEqual(top);
    }
  });

  it('charts exactly the events of the view, per month and type', () => {
    for (const { name, qs, staff } of combos) {
      const visibility = { includeDrafts: !!staff };
      const filters = parse(qs);
      const expected = conn.sqlite
        .prepare(`SELECT substr(date, 1, 7) AS month, date_precision AS datePrecision, type, count(*) AS n FROM events WHERE id IN (${
          reference(filters, visibility).ids.join(',') || 'NULL'
        }) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
        .all();
      const rows = densityRows(conn.db, filters, visibility).sort(
        (a, b) => a.month.localeCompare(b.month) || a.datePrecision.localeCompare(b.datePrecision) || a.type.localeCompare(b.type),
      );
      expect(rows, name).toEqual(expected);
    }
  });
});
