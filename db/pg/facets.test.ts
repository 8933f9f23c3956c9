/**
 * Facet counts and the density chart on PostgreSQL equal SQLite's plain SQL counts (index-consistency.test.ts holds the
 * facet index to the same): every option, count, selection and order of every facet, for the
 * public and for staff, over views that take each path (the maintained counts, the month counts,
 * a GROUP BY over the facet's rows). A synthetic database of 2,000 events is copied across.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { densityChart } from '@/db/queries/density';
import { timelineFacets } from '@/db/queries/facets';
import { parseFilters } from '@/lib/filters';
import { synthOnBothEngines, type SynthOnBothEngines } from '@/testing/pg-synth';
import type { PgConnection } from './connect';
import { pgDensityChart } from './density';
import { pgTimelineFacets } from './facets';

let both: SynthOnBothEngines;
let sqlite: Connection;
let pg: PgConnection;
const top: Record<'country' | 'actor' | 'tag' | 'authority', string> = { country: '', actor: '', tag: '', authority: '' };

beforeAll(async () => {
  both = await synthOnBothEngines('pg-facets');
  ({ sqlite, pg } = both);
  top.country = both.first(`SELECT country_code FROM event_countries GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  top.actor = both.first(`SELECT entity_id FROM event_entities GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET 20`);
  top.tag = both.first(`SELECT t.slug FROM event_tags et JOIN tags t ON t.id = et.tag_id GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  top.authority = both.first(`SELECT legal_authority FROM events WHERE legal_authority IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
}, 120_000);

afterAll(() => both?.close());

const VIEWS = [
  // The maintained counts answer these (types and whole months only).
  '',
  'type=designation',
  'type=designation&type=statement',
  'from=2020-01&to=2021-12',
  'type=statement&from=2019',
  // A GROUP BY over the rows answers these.
  'from=2021-06-15',
  'country=$country',
  'country=$country&role=actor',
  'country=$country&role=target&from=2019-05-05',
  'role=location&tag=$tag',
  'with=$country',
  'actor=$actor',
  'tag=$tag',
  'authority=$authority',
  'q=sanctions',
  'q=minister&type=statement',
  'country=$country&tag=$tag&from=2018',
  'status=draft',
  'status=all&type=removal',
];

const fill = (q: string) =>
  q.replace('$country', top.country).replace('$actor', top.actor).replace('$tag', top.tag).replace('$authority', encodeURIComponent(top.authority));

describe('every facet of a view, on both engines', () => {
  it.each(VIEWS)('%s', async (query) => {
    const { filters } = parseFilters(new URLSearchParams(fill(query)));
    for (const includeDrafts of [false, true]) {
      const a = timelineFacets(sqlite.db, filters, { includeDrafts });
      const b = await pgTimelineFacets(pg.db, filters, { includeDrafts });
      for (const facet of Object.keys(a) as (keyof typeof a)[]) {
        expect(b[facet], `${facet} of ${fill(query)}, drafts ${includeDrafts}`).toEqual(a[facet]);
      }
      expect(a.countries.some((o) => o.count > 0) || a.years.some((o) => o.count > 0), `${query}: something is counted`).toBe(true);
    }
  });
});

describe('the density chart of a view, on both engines', () => {
  it.each([...VIEWS, 'from=2019-03&to=2019-08', 'from=2021', 'from=1990&to=2030', 'q=nothingmatchesthis'])('%s', async (query) => {
    const { filters } = parseFilters(new URLSearchParams(fill(query)));
    for (const includeDrafts of [false, true]) {
      expect(await pgDensityChart(pg.db, filters, { includeDrafts }), `${fill(query)}, drafts ${includeDrafts}`).toEqual(densityChart(sqlite.db, filters, { includeDrafts }));
    }
  });
});
