/**
 * The filtered timeline on a database small enough to count by hand. The plan-consistency test
 * compares the fast paths with the plain WHERE that filterConditions builds, so a mistake in the
 * conditions themselves would pass it; these expectations were counted from the rows below, not
 * computed by the code under test.
 *
 *   #  type           date (precision)    status     countries                       actors (role)              tags
 *   1  designation    2023-03-28          published  US actor, SY target             Alpha (target)             Caesar Act
 *   2  designation    2023 (year)         published  SY target                       Alpha (target, subject)    Caesar Act, Asset freeze
 *   3  statement      2023-03-01          published  US actor, SY location           Bravo (speaker)            -
 *   4  normalisation  2022-06 (month)     published  AE actor, SY target+location    Charlie (participant)      Embassies
 *   5  designation    2021-05-05          draft      SY target                       Alpha (target)             -
 *   6  designation    2020-01-01          deleted    SY target                       -                          -
 *   7  statement      2019 (year)         published  GB actor                        Bravo (speaker)            Caesar Act
 *   8  removal        2023-12-31          published  US actor, SY target             Alpha (subject)            -
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { parseFilters } from '@/lib/filters';
import { attachFacetIndex, currentFacetIndex, detachFacetIndex, FacetIndex } from '@/db/derived/facet-index';
import { createTestDb, makeEntity, makeEvent } from '../testing/test-db';
import { timelineFacets } from './facets';
import { countTimeline, listTimeline } from './timeline';
import { loadTimelineView } from './timeline-view';

let conn: Connection;
const id: Record<number, number> = {};
const actor: Record<'alpha' | 'bravo' | 'charlie', number> = { alpha: 0, bravo: 0, charlie: 0 };

beforeAll(() => {
  conn = createTestDb();
  actor.alpha = makeEntity(conn.db, { name: 'Alpha Person' }).id;
  actor.bravo = makeEntity(conn.db, { name: 'Bravo Person' }).id;
  actor.charlie = makeEntity(conn.db, { name: 'Charlie Person' }).id;
  const rows = [
    { type: 'designation', date: '2023-03-28', countries: [{ code: 'US', role: 'actor' }, { code: 'SY', role: 'target' }], actors: [{ entityId: actor.alpha, role: 'target' }], tags: ['Caesar Act'] },
    {
      type: 'designation',
      date: '2023',
      countries: [{ code: 'SY', role: 'target' }],
      actors: [{ entityId: actor.alpha, role: 'target' }, { entityId: actor.alpha, role: 'subject' }],
      tags: ['Caesar Act', 'Asset freeze'],
    },
    { type: 'statement', date: '2023-03-01', countries: [{ code: 'US', role: 'actor' }, { code: 'SY', role: 'location' }], actors: [{ entityId: actor.bravo, role: 'speaker' }] },
    {
      type: 'normalisation',
      date: '2022-06',
      countries: [{ code: 'AE', role: 'actor' }, { code: 'SY', role: 'target' }, { code: 'SY', role: 'location' }],
      actors: [{ entityId: actor.charlie, role: 'participant' }],
      tags: ['Embassies'],
    },
    { type: 'designation', date: '2021-05-05', status: 'draft', countries: [{ code: 'SY', role: 'target' }], actors: [{ entityId: actor.alpha, role: 'target' }] },
    { type: 'designation', date: '2020-01-01', countries: [{ code: 'SY', role: 'target' }] },
    { type: 'statement', date: '2019', countries: [{ code: 'GB', role: 'actor' }], actors: [{ entityId: actor.bravo, role: 'speaker' }], tags: ['Caesar Act'] },
    { type: 'removal', date: '2023-12-31', countries: [{ code: 'US', role: 'actor' }, { code: 'SY', role: 'target' }], actors: [{ entityId: actor.alpha, role: 'subject' }] },
  ] as const;
  rows.forEach((row, i) => {
    id[i + 1] = makeEvent(conn.db, { title: `Event number ${i + 1}`, summary: 'Something happened.', status: 'published', ...row } as never).id;
  });
  conn.sqlite.prepare(`UPDATE events SET deleted_at = '2024-01-01T00:00:00.000Z' WHERE id = ?`).run(id[6]);
});
afterAll(() => conn.sqlite.close());

const filters = (qs: string) => {
  const parsed = parseFilters(new URLSearchParams(qs));
  expect(parsed.issues).toEqual([]);
  return parsed.filters;
};
const ids = (numbers: number[]) => numbers.map((n) => id[n]);

const CASES: [string, number[]][] = [
    ['', [8, 1, 3, 2, 4, 7]],
    ['type=designation', [1, 2]],
    ['country=SY', [8, 1, 3, 2, 4]],
    ['country=SY&role=target', [8, 1, 2, 4]],
    ['country=SY&role=location', [3, 4]],
    ['country=US&country=GB&role=actor', [8, 1, 3, 7]],
    ['actor=ALPHA', [8, 1, 2]],
    ['actor=ALPHA&role=target', [8, 1, 2]],
    ['actor=BRAVO', [3, 7]],
    ['tag=caesar-act', [1, 2, 7]],
    ['tag=caesar-act&tag=embassies', [1, 2, 4, 7]],
    ['from=2023&to=2023', [8, 1, 3, 2]],
    ['from=2023-03&to=2023-03', [1, 3]],
    ['from=2022&to=2023', [8, 1, 3, 2, 4]],
    ['to=2022-12', [4, 7]],
    // A year or a month is inside a range only when all of it is: "2023" is not inside "up to June 2023".
    ['to=2023-06', [1, 3, 4, 7]],
    ['from=2022-06-10', [8, 1, 3, 2]],
    ['type=designation&country=SY&role=target', [1, 2]],
    ['actor=ALPHA&tag=caesar-act', [1, 2]],
    ['country=SY&from=2023-01&to=2023-06&type=statement', [3]],
];
const withActors = (qs: string) => qs.replace('ALPHA', String(actor.alpha)).replace('BRAVO', String(actor.bravo));

describe('a small database counted by hand', () => {
  it.each(CASES)('public view %j: the events and their count', (qs, expected) => {
    const f = filters(withActors(qs));
    const expectedIds = ids(expected);
    expect(listTimeline(conn.db, f, { limit: 50 }).items.map((e) => e.id)).toEqual(expectedIds);
    expect(countTimeline(conn.db, f)).toBe(expected.length);
  });

  it('shows staff the draft too, never the deleted event', () => {
    expect(countTimeline(conn.db, filters('status=all'), { includeDrafts: true })).toBe(7);
    expect(listTimeline(conn.db, filters('status=draft'), { includeDrafts: true }).items.map((e) => e.id)).toEqual(ids([5]));
    expect(countTimeline(conn.db, filters('status=all&actor=' + actor.alpha), { includeDrafts: true })).toBe(4);
  });

  it('counts each facet option once per event, whatever the roles', () => {
    const count = <V>(options: { value: V; count: number }[], value: V) => options.find((o) => o.value === value)?.count;
    const all = timelineFacets(conn.db, filters(''));
    expect(count(all.countries, 'SY')).toBe(5);
    expect(count(all.countries, 'US')).toBe(3);
    expect(count(all.countries, 'AE')).toBe(1);
    expect(count(all.actors, actor.alpha)).toBe(3);
    expect(count(all.actors, actor.bravo)).toBe(2);
    expect(count(all.tags, 'caesar-act')).toBe(3);
    expect(count(all.types, 'designation')).toBe(2);
    expect(count(all.types, 'statement')).toBe(2);
    expect(count(all.years, '2023')).toBe(4);

    // Within Syria as target: other facets count inside the view; the country facet leaves its own
    // filter out but keeps the role, so it counts countries as target (the US never is one).
    const syria = timelineFacets(conn.db, filters('country=SY&role=target'));
    expect(count(syria.types, 'designation')).toBe(2);
    expect(count(syria.types, 'statement')).toBeFalsy();
    expect(count(syria.types, 'removal')).toBe(1);
    expect(count(syria.actors, actor.alpha)).toBe(3);
    expect(count(syria.actors, actor.charlie)).toBe(1);
    expect(count(syria.tags, 'caesar-act')).toBe(2);
    expect(count(syria.countries, 'SY')).toBe(4);
    expect(count(syria.countries, 'US')).toBe(0);
  });
});

describe('the same database through the facet index', () => {
  beforeAll(() => {
    const index = new FacetIndex(conn.sqlite);
    index.buildNow();
    attachFacetIndex(conn.db, index);
  });
  afterAll(() => detachFacetIndex(conn.db));

  it.each(CASES)('public view %j: the events and their count', (qs, expected) => {
    expect(currentFacetIndex(conn.db)).not.toBeNull();
    const view = loadTimelineView(conn.db, filters(withActors(qs)), { limit: 50 });
    expect(view.page.items.map((e) => e.id)).toEqual(ids(expected));
    expect(view.total).toBe(expected.length);
  });

  it('shows staff the draft too, never the deleted event', () => {
    expect(loadTimelineView(conn.db, filters('status=all'), { includeDrafts: true }).total).toBe(7);
    expect(loadTimelineView(conn.db, filters('status=draft'), { includeDrafts: true }).page.items.map((e) => e.id)).toEqual(ids([5]));
    expect(loadTimelineView(conn.db, filters('status=all&actor=' + actor.alpha), { includeDrafts: true }).total).toBe(4);
  });

  it('counts each facet option once per event, whatever the roles', () => {
    const count = <V>(options: { value: V; count: number }[], value: V) => options.find((o) => o.value === value)?.count;
    const all = loadTimelineView(conn.db, filters(''), { withFacets: true }).facets!;
    expect(count(all.countries, 'SY')).toBe(5);
    expect(count(all.countries, 'US')).toBe(3);
    expect(count(all.actors, actor.alpha)).toBe(3);
    expect(count(all.actors, actor.bravo)).toBe(2);
    expect(count(all.tags, 'caesar-act')).toBe(3);
    expect(count(all.types, 'designation')).toBe(2);
    expect(count(all.years, '2023')).toBe(4);
    const syria = loadTimelineView(conn.db, filters('country=SY&role=target'), { withFacets: true }).facets!;
    expect(count(syria.types, 'designation')).toBe(2);
    expect(count(syria.types, 'removal')).toBe(1);
    expect(count(syria.actors, actor.alpha)).toBe(3);
    expect(count(syria.actors, actor.charlie)).toBe(1);
    expect(count(syria.tags, 'caesar-act')).toBe(2);
    expect(count(syria.countries, 'SY')).toBe(4);
    expect(count(syria.countries, 'US')).toBe(0);
  });
});
