/**
 * Events read from PostgreSQL are the events read from SQLite, to the byte of their JSON: the
 * timeline's pages (items, relations, their order, the cursors), the totals, and an event's page
 * with its links. A synthetic database of 2,000 events is copied into PostgreSQL with db:copy;
 * SQLite answers by its plain SQL (the facet index is not started here), as it does while the
 * index builds and as its own tests hold the index to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { getEvent, type EventsPage } from '@/db/queries/events';
import { countTimeline, decodeTimelineCursor, listTimeline } from '@/db/queries/timeline';
import { parseFilters, type TimelineFilters } from '@/lib/filters';
import { synthOnBothEngines, type SynthOnBothEngines } from '@/testing/pg-synth';
import type { PgConnection } from './connect';
import { pgCountTimeline, pgGetEvent, pgListTimeline } from './events';

let both: SynthOnBothEngines;
let sqlite: Connection;
let pg: PgConnection;
let country: string;
let actor: string;
let tag: string;

beforeAll(async () => {
  both = await synthOnBothEngines('pg-events');
  ({ sqlite, pg } = both);
  country = both.first(`SELECT country_code FROM event_countries GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  actor = both.first(`SELECT entity_id FROM event_entities GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  tag = both.first(`SELECT t.slug FROM event_tags et JOIN tags t ON t.id = et.tag_id GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
}, 120_000);

afterAll(() => both?.close());

const filtersOf = (query: string): TimelineFilters => parseFilters(new URLSearchParams(fill(query))).filters;
/** As the API sends it: JSON, so dates and absent values compare as the client sees them. */
const wire = (page: EventsPage) => JSON.parse(JSON.stringify(page)) as unknown;

/** Every page of a view, following the cursors, on both engines. */
async function walk(query: string, includeDrafts: boolean, limit: number) {
  const filters = filtersOf(query);
  const pages: { sqlite: unknown; pg: unknown }[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 200; i++) {
    const position = cursor ? decodeTimelineCursor(cursor, filters.sort) : null;
    const a = listTimeline(sqlite.db, filters, { includeDrafts, position, limit });
    const b = await pgListTimeline(pg.db, filters, { includeDrafts, position, limit });
    pages.push({ sqlite: wire(a), pg: wire(b) });
    if (a.nextCursor !== b.nextCursor || !a.nextCursor) break;
    cursor = a.nextCursor;
  }
  return pages;
}

const VIEWS = [
  '',
  'status=all',
  'status=draft',
  'country=$country',
  'country=$country&role=target',
  'with=$country',
  'actor=$actor',
  'tag=$tag',
  'type=designation&from=2019&to=2022-06',
  'from=2023-03&to=2023-03',
  'q=sanctions',
  'q=minister&country=$country',
];
/** The views name the data's most used country, actor and tag, known once the database is built. */
const fill = (query: string) => query.replace('$country', country).replace('$actor', actor).replace('$tag', tag);

describe('the timeline, page by page', () => {
  it.each(VIEWS)('%s', async (query) => {
    for (const includeDrafts of [false, true]) {
      const pages = await walk(query, includeDrafts, 97);
      for (const [i, page] of pages.entries()) expect(page.pg, `${query}, page ${i + 1}, drafts ${includeDrafts}`).toEqual(page.sqlite);
    }
  });

  it('walks a large view to its end in the same pages', async () => {
    const pages = await walk('status=all', true, 200);
    expect(pages.length).toBeGreaterThan(5);
    expect((pages.at(-1)!.pg as EventsPage).nextCursor).toBeNull();
  });

  it('in relevance order, the same events over the same number of pages', async () => {
    for (const query of ['q=sanctions&sort=relevance', 'q=minister&sort=relevance', 'q=minister visit&sort=relevance']) {
      const filters = filtersOf(query);
      const all = async (list: (position: ReturnType<typeof decodeTimelineCursor>) => Promise<EventsPage>) => {
        const ids: number[] = [];
        let pages = 0;
        for (let cursor: string | null = null; pages === 0 || cursor; pages++) {
          const page = await list(cursor ? decodeTimelineCursor(cursor, filters.sort) : null);
          ids.push(...page.items.map((e) => e.id));
          cursor = page.nextCursor;
        }
        return { ids: ids.sort((x, y) => x - y), pages };
      };
      const a = await all(async (position) => listTimeline(sqlite.db, filters, { position, limit: 60 }));
      const b = await all((position) => pgListTimeline(pg.db, filters, { position, limit: 60 }));
      // bm25 and ts_rank order events differently (decision 0043): the same set, paged alike.
      expect(b, query).toEqual(a);
      expect(a.ids.length, `${query} finds something`).toBeGreaterThan(20);
    }
  });
});

describe('totals', () => {
  it.each(VIEWS)('%s', async (query) => {
    const filters = filtersOf(query);
    for (const includeDrafts of [false, true]) {
      expect(await pgCountTimeline(pg.db, filters, { includeDrafts }), `${query}, drafts ${includeDrafts}`).toBe(countTimeline(sqlite.db, filters, { includeDrafts }));
    }
  });
});

describe("an event's page", () => {
  it('is the same for a sample of events, drafts and deleted ones included', async () => {
    const ids = sqlite.sqlite.prepare(`SELECT id FROM events WHERE id % 7 = 0 OR deleted_at IS NOT NULL OR status = 'draft' ORDER BY id LIMIT 400`).pluck().all() as number[];
    let withLinks = 0;
    for (const id of [...ids, 999_999]) {
      for (const options of [{}, { includeDrafts: true }, { includeDrafts: true, includeDeleted: true }]) {
        const a = getEvent(sqlite.db, id, options);
        expect(JSON.parse(JSON.stringify(await pgGetEvent(pg.db, id, options))), `event ${id} ${JSON.stringify(options)}`).toEqual(JSON.parse(JSON.stringify(a)));
        if (a && a.links.length > 0) withLinks++;
      }
    }
    expect(ids.length).toBeGreaterThan(250);
    expect(withLinks, 'some events have links to compare').toBeGreaterThan(0);
  });
});
