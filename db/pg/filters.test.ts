/**
 * The filters select the same events on PostgreSQL as on SQLite (issue 16, "same behaviour on
 * both"): a synthetic database of 2,000 events (partial dates, drafts, deleted events, countries in
 * roles, actors, tags, authorities, programmes) is copied into PostgreSQL with db:copy, and the
 * filtered views of many URLs (every parameter alone, then random mixes) are compared: the ids of
 * the view read from `events`, and the facet counts read from the junction tables with the facet's
 * own filter left out, as the facet counts of the app are read.
 */
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { JUNCTION_SOURCES, timelineWhere, type Facet } from '@/db/queries/filter-conditions';
import { parseFilters, type TimelineFilters } from '@/lib/filters';
import { synthOnBothEngines, type SynthOnBothEngines } from '@/testing/pg-synth';
import type { PgConnection } from './connect';
import { pgTimelineWhere } from './filters';

let both: SynthOnBothEngines;
let sqlite: Connection;
let pg: PgConnection;
const values: Record<'country' | 'actor' | 'tag' | 'authority' | 'program', string[]> = { country: [], actor: [], tag: [], authority: [], program: [] };

beforeAll(async () => {
  both = await synthOnBothEngines('pg-filters');
  ({ sqlite, pg } = both);
  const top = (query: string) => sqlite.sqlite.prepare(query).pluck().all().map(String);
  values.country = top(`SELECT country_code FROM event_countries GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 8`);
  values.actor = top(`SELECT entity_id FROM event_entities GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 8`);
  values.tag = top(`SELECT t.slug FROM event_tags et JOIN tags t ON t.id = et.tag_id GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 6`);
  values.authority = top(`SELECT legal_authority FROM events WHERE legal_authority IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 5`);
  values.program = top(`SELECT program FROM events WHERE program IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 5`);
}, 120_000);

afterAll(() => both?.close());

const filtersOf = (query: string): TimelineFilters => {
  const { filters, issues } = parseFilters(new URLSearchParams(query));
  expect(issues, query).toEqual([]);
  return filters;
};

function sqliteIds(where: SQL | undefined): number[] {
  return sqlite.db.all<{ id: number }>(sql`SELECT id FROM events WHERE ${where ?? sql`1`} ORDER BY id`).map((r) => r.id);
}

async function pgIds(where: SQL | undefined): Promise<number[]> {
  const { rows } = await pg.db.execute<{ id: number }>(sql`SELECT id FROM events WHERE ${where ?? sql`true`} ORDER BY id`);
  return rows.map((r) => Number(r.id));
}

const FACET_OF = { countries: 'country_code', actors: 'entity_id', tags: 'tag_id' } as const;
const TABLE_OF = { countries: 'event_countries', actors: 'event_entities', tags: 'event_tags' } as const;

/** A facet's counts as the app reads them: from the junction table, its own filter left out. */
async function facetCounts(filters: TimelineFilters, facet: keyof typeof FACET_OF, includeDrafts: boolean) {
  const select = (where: SQL | undefined) => sql`SELECT ${sql.raw(FACET_OF[facet])} AS v, count(DISTINCT event_id) AS n FROM ${sql.raw(TABLE_OF[facet])} WHERE ${where} GROUP BY 1 ORDER BY 1`;
  const options = { includeDrafts, omit: facet as Facet };
  const a = sqlite.db.all<{ v: string; n: number }>(select(timelineWhere(filters, { ...options, source: JUNCTION_SOURCES[facet] })));
  const { rows } = await pg.db.execute<{ v: string; n: string }>(select(pgTimelineWhere(filters, { ...options, source: facet })));
  return { sqlite: a.map((r) => `${r.v}:${r.n}`), pg: rows.map((r) => `${r.v}:${r.n}`) };
}

/** Every parameter alone, at the values the data holds, then the edges of dates. */
function singleQueries(): string[] {
  const out = ['', 'status=all', 'status=draft', 'q=sanctions', 'q=syria', 'q=caesar act'];
  for (const [param, list] of Object.entries(values)) for (const v of list.slice(0, 4)) out.push(`${param}=${encodeURIComponent(v)}`);
  for (const role of ['actor', 'target', 'location']) out.push(`country=${values.country[0]}&role=${role}`);
  out.push(`with=${values.country[0]}`, `country=${values.country[1]}&with=${values.country[0]}`);
  for (const type of ['designation', 'removal', 'normalisation', 'statement', 'isolation']) out.push(`type=${type}`);
  // Partial dates at both ends: a year-precision event lies inside 2020-2023, not inside March 2023.
  out.push('from=2019', 'to=2019', 'from=2020&to=2023', 'from=2023-03&to=2023-03', 'from=2021-06-15&to=2021-06-15', 'to=2020-12', 'to=2020-12-30', 'from=2022-02');
  return out;
}

/** Random mixes of two to four parameters, from a fixed seed: the same cases every run. */
function mixedQueries(n: number): string[] {
  let state = 20261203;
  const rand = (k: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % k;
  };
  const pick = <T,>(list: readonly T[]) => list[rand(list.length)]!;
  const params = [
    () => `country=${pick(values.country)}`,
    () => `country=${pick(values.country)}&country=${pick(values.country)}&role=${pick(['actor', 'target', 'location', 'any'])}`,
    () => `with=${pick(values.country)}`,
    () => `actor=${pick(values.actor)}`,
    () => `tag=${pick(values.tag)}`,
    () => `authority=${encodeURIComponent(pick(values.authority))}`,
    () => `program=${encodeURIComponent(pick(values.program))}`,
    () => `type=${pick(['designation', 'removal', 'authority', 'normalisation', 'isolation', 'statement', 'legislative', 'advocacy'])}`,
    () => `from=${2014 + rand(6)}${pick(['', '-03', '-11-20'])}`,
    () => `to=${2020 + rand(5)}${pick(['', '-06', '-02-28'])}`,
    () => `q=${pick(['sanctions', 'minister', 'embassy', 'syria', 'visit', 'designat', '"central bank"'])}`,
  ];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    // Distinct generators: from, to, q and role may each be given once.
    const chosen = new Set<number>();
    for (const count = 2 + rand(3); chosen.size < count; ) chosen.add(rand(params.length));
    out.push([...chosen].map((i) => params[i]!()).join('&'));
  }
  return out;
}

describe('the same events on both engines', () => {
  it('for every parameter alone', async () => {
    let nonEmpty = 0;
    for (const query of singleQueries()) {
      const filters = filtersOf(query);
      for (const includeDrafts of [false, true]) {
        const expected = sqliteIds(timelineWhere(filters, { includeDrafts }));
        expect(await pgIds(pgTimelineWhere(filters, { includeDrafts })), `${query} (drafts: ${includeDrafts})`).toEqual(expected);
        if (expected.length > 0) nonEmpty++;
      }
    }
    // The comparisons are of real selections, not of two empty lists.
    expect(nonEmpty).toBeGreaterThan(60);
  });

  it('for 150 random mixes of parameters', async () => {
    const sizes: number[] = [];
    for (const query of mixedQueries(150)) {
      const filters = filtersOf(query);
      const expected = sqliteIds(timelineWhere(filters, { includeDrafts: true }));
      expect(await pgIds(pgTimelineWhere(filters, { includeDrafts: true })), query).toEqual(expected);
      sizes.push(expected.length);
    }
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThan(40);
  });

  it('for the facet counts read from the junction tables, each without its own filter', async () => {
    for (const query of [...singleQueries().slice(0, 30), ...mixedQueries(40)]) {
      const filters = filtersOf(query);
      for (const facet of ['countries', 'actors', 'tags'] as const) {
        const counts = await facetCounts(filters, facet, query.length % 2 === 0);
        expect(counts.pg, `${facet} of ${query}`).toEqual(counts.sqlite);
      }
    }
  });
});
