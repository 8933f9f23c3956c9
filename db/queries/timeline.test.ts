import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, parseFilters, type TimelineFilters } from '@/lib/filters';
import type { Connection } from '@/db/engine/client';
import { createTestDb } from '@/db/testing/test-db';
import { seedTimelineFixture, type TimelineFixture } from '@/db/testing/timeline-fixture';
import { countTimeline, decodeTimelineCursor, listTimeline, type TimelinePosition } from './timeline';

let conn: Connection;
let fx: TimelineFixture;
beforeAll(() => {
  conn = createTestDb();
  fx = seedTimelineFixture(conn);
});
afterAll(() => conn.sqlite.close());

const filters = (qs: string): TimelineFilters => {
  const parsed = parseFilters(new URLSearchParams(qs));
  expect(parsed.issues).toEqual([]);
  return parsed.filters;
};
const ids = (qs: string, includeDrafts = false) => listTimeline(conn.db, filters(qs), { includeDrafts }).items.map((e) => e.id);
const names = (list: number[]) => {
  const byId = new Map(Object.entries(fx.events).map(([k, v]) => [v, k]));
  return list.map((id) => byId.get(id));
};
const view = (qs: string, includeDrafts = false) => names(ids(qs, includeDrafts));

describe('each filter alone', () => {
  it('with no filters lists every published, undeleted event, newest first', () => {
    expect(view('')).toEqual(['stance2023', 'caesar2023', 'erdogan2023', 'caesar2020', 'turkey2019', 'uae2018', 'league2011']);
  });

  it('event types: several are alternatives', () => {
    expect(view('type=designation')).toEqual(['caesar2023', 'caesar2020', 'turkey2019']);
    expect(view('type=isolation&type=statement')).toEqual(['stance2023', 'league2011']);
    expect(view('type=removal')).toEqual([]);
  });

  it('countries, in any role or in the chosen one', () => {
    expect(view('country=TR')).toEqual(['erdogan2023', 'turkey2019']);
    expect(view('country=TR&role=actor')).toEqual(['erdogan2023']);
    expect(view('country=TR&role=target')).toEqual(['turkey2019']);
    expect(view('country=SY&role=location')).toEqual(['uae2018']);
    expect(view('country=AE&country=TR&role=actor')).toEqual(['erdogan2023', 'uae2018']);
  });

  it('actors: events that involve any of them, in any role', () => {
    expect(view(`actor=${fx.entities.qaddour}`)).toEqual(['caesar2023']);
    expect(view(`actor=${fx.entities.erdogan}&actor=${fx.entities.uae}`)).toEqual(['erdogan2023', 'uae2018']);
    expect(view(`actor=${fx.entities.idle}`)).toEqual([]);
  });

  it('legal authority and program, matched exactly (commas and all)', () => {
    expect(view(`authority=${encodeURIComponent(fx.CAESAR)}`)).toEqual(['stance2023', 'caesar2023', 'caesar2020']);
    expect(view(`authority=${encodeURIComponent(fx.EO)}`)).toEqual(['turkey2019']);
    expect(view('program=SYRIA-CAESAR')).toEqual(['caesar2023', 'caesar2020']);
    expect(view('program=SYRIA-CAESAR&program=SYRIA-EO13894')).toEqual(['caesar2023', 'caesar2020', 'turkey2019']);
  });

  it('tags', () => {
    expect(view('tag=caesar-act')).toEqual(['stance2023', 'caesar2023', 'caesar2020']);
    expect(view('tag=embassies&tag=arab-league')).toEqual(['uae2018', 'league2011']);
  });

  it('dates: a partial date stands for its whole period', () => {
    expect(view('from=2023')).toEqual(['stance2023', 'caesar2023', 'erdogan2023']);
    expect(view('to=2018')).toEqual(['uae2018', 'league2011']);
    expect(view('from=2019-10&to=2020-06-17')).toEqual(['caesar2020', 'turkey2019']);
    expect(view('from=2020-06-18&to=2020-12')).toEqual([]);
  });

  it('dates: an event known only to its year is inside a range only when the whole year is', () => {
    expect(view('from=2023-03&to=2023-03')).toEqual(['stance2023', 'caesar2023']);
    expect(view('from=2023&to=2023')).toEqual(['stance2023', 'caesar2023', 'erdogan2023']);
    expect(view('to=2023-06')).not.toContain('erdogan2023');
    expect(view('to=2023-12-31')).toContain('erdogan2023');
    // A month-precision event needs its whole month inside the range.
    expect(view('to=2019-10-15')).not.toContain('turkey2019');
    expect(view('to=2019-10-31')).toContain('turkey2019');
  });

  it('free text', () => {
    expect(view('q=qadd')).toEqual(['caesar2023']);
    expect(view('q=erdogan')).toEqual(['erdogan2023']);
    expect(view('q=%22caesar act%22')).toEqual(['stance2023', 'caesar2023', 'caesar2020']);
  });
});

describe('filters combined', () => {
  it('applies every facet at once (AND across facets, OR within one)', () => {
    expect(view('type=designation&country=SY&role=target&from=2020&to=2023')).toEqual(['caesar2023', 'caesar2020']);
    expect(view('type=designation&type=statement&tag=caesar-act&from=2023')).toEqual(['stance2023', 'caesar2023']);
    expect(view(`q=sanctions&program=SYRIA-CAESAR&actor=${fx.entities.samer}`)).toEqual(['caesar2023']);
    expect(view('country=TR&type=normalisation&q=assad')).toEqual(['erdogan2023']);
    expect(view('type=isolation&country=TR')).toEqual([]);
  });

  it('counts what it lists', () => {
    for (const qs of ['', 'type=designation', 'country=SY&role=target', 'q=caesar&from=2020', 'tag=caesar-act&to=2022']) {
      expect(countTimeline(conn.db, filters(qs)), qs).toBe(ids(qs).length);
    }
  });
});

describe('what the public may see', () => {
  it('never lists drafts or deleted events, whatever the filters say', () => {
    for (const qs of ['q=qaddour', 'status=draft', 'status=all', 'country=IR', `actor=${fx.entities.qaddour}`, 'from=2022-05&to=2022-05']) {
      const seen = view(qs);
      expect(seen, qs).not.toContain('draft');
      expect(seen, qs).not.toContain('deleted');
    }
    expect(countTimeline(conn.db, filters('status=all'))).toBe(7);
  });

  it('lets staff choose drafts, published or both, and still never shows deleted events', () => {
    expect(view('status=draft', true)).toEqual(['draft']);
    expect(view('status=all&q=qaddour', true)).toEqual(['caesar2023', 'draft']);
    expect(view('q=qaddour', true)).toEqual(['caesar2023']);
    expect(view('status=all&from=2022-05&to=2022-05', true)).toEqual([]);
  });
});

describe('paging through a filtered view', () => {
  function pageAll(qs: string, limit: number): number[] {
    const f = filters(qs);
    const seen: number[] = [];
    let position: TimelinePosition | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page = listTimeline(conn.db, f, { limit, position });
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextCursor) return seen;
      position = decodeTimelineCursor(page.nextCursor, f.sort);
      expect(position).not.toBeNull();
    }
    throw new Error('did not finish');
  }

  it('pages in timeline order without skipping or repeating', () => {
    expect(pageAll('country=SY', 2)).toEqual(ids('country=SY'));
    expect(pageAll('', 3)).toEqual(ids(''));
  });

  it('pages in relevance order, best match first', () => {
    const ranked = pageAll('q=caesar&sort=relevance', 2);
    expect(new Set(ranked)).toEqual(new Set(ids('q=caesar')));
    expect(ranked).toHaveLength(ids('q=caesar').length);
    // A title match outranks a match in the body only.
    expect(names(ranked).slice(0, 2).sort()).toEqual(['caesar2020', 'caesar2023']);
  });

  it('refuses a cursor written for the other order', () => {
    const page = listTimeline(conn.db, filters('q=caesar&sort=relevance'), { limit: 1 });
    expect(decodeTimelineCursor(page.nextCursor!, 'relevance')).toEqual({ kind: 'rank', offset: 1 });
    expect(decodeTimelineCursor(page.nextCursor!, 'date')).toBeNull();
    const datePage = listTimeline(conn.db, EMPTY_FILTERS, { limit: 1 });
    expect(decodeTimelineCursor(datePage.nextCursor!, 'relevance')).toBeNull();
  });

  it('returns each event with its countries, actors, tags and sources', () => {
    const [event] = listTimeline(conn.db, filters('q=qadd')).items;
    expect(event!.countries).toEqual([
      { code: 'US', role: 'actor' },
      { code: 'SY', role: 'target' },
    ]);
    expect(event!.actors.map((a) => a.name)).toEqual(['Khalid Qaddour', 'Samer Kamal al-Assad', 'US Department of State']);
    expect(event!.tags.map((t) => t.slug)).toEqual(['caesar-act', 'illicit-drug-trade']);
    expect(event!.sources[0]!.excerpt).toMatch(/captagon/);
  });
});
