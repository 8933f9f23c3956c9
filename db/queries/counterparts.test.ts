/**
 * The counterpart filter (`with=`, issue 12) on a database small enough to count by hand. Two-sided
 * events (a visit, an embassy reopening, an offer to meet) are found from either side, whatever
 * role each side was recorded in. The expectations were counted from the rows below.
 *
 *   #  type           date (precision)   status     countries
 *   1  normalisation  2022-03 (month)    published  SY actor, AE actor, AE location      (Assad visits the UAE)
 *   2  normalisation  2018 (year)        published  AE actor, SY target, SY location     (embassy reopened)
 *   3  normalisation  2023 (year)        published  TR actor, SY target                  (offer to meet)
 *   4  designation    2023-03-28         published  US actor, SY target
 *   5  normalisation  2023-03 (month)    draft      SA actor, SY target
 *   6  statement      2022-05-01         published  AE actor
 *   7  normalisation  2022-11 (month)    published  BH actor, AE target
 *   8  normalisation  2022-07 (month)    deleted    SY actor, QA actor
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { parseFilters } from '@/lib/filters';
import { createTestDb, makeEvent } from '../testing/test-db';
import { densityRows } from './density';
import { exportRows } from './export';
import { timelineFacets } from './facets';
import { countTimeline, listTimeline } from './timeline';

let conn: Connection;
const id: Record<number, number> = {};

beforeAll(() => {
  conn = createTestDb();
  const rows = [
    { type: 'normalisation', date: '2022-03', countries: [{ code: 'SY', role: 'actor' }, { code: 'AE', role: 'actor' }, { code: 'AE', role: 'location' }] },
    { type: 'normalisation', date: '2018', countries: [{ code: 'AE', role: 'actor' }, { code: 'SY', role: 'target' }, { code: 'SY', role: 'location' }] },
    { type: 'normalisation', date: '2023', countries: [{ code: 'TR', role: 'actor' }, { code: 'SY', role: 'target' }] },
    { type: 'designation', date: '2023-03-28', countries: [{ code: 'US', role: 'actor' }, { code: 'SY', role: 'target' }] },
    { type: 'normalisation', date: '2023-03', status: 'draft', countries: [{ code: 'SA', role: 'actor' }, { code: 'SY', role: 'target' }] },
    { type: 'statement', date: '2022-05-01', countries: [{ code: 'AE', role: 'actor' }] },
    { type: 'normalisation', date: '2022-11', countries: [{ code: 'BH', role: 'actor' }, { code: 'AE', role: 'target' }] },
    { type: 'normalisation', date: '2022-07', countries: [{ code: 'SY', role: 'actor' }, { code: 'QA', role: 'actor' }] },
  ] as const;
  rows.forEach((row, i) => {
    id[i + 1] = makeEvent(conn.db, { title: `Event number ${i + 1}`, summary: 'Something happened.', status: 'published', ...row } as never).id;
  });
  conn.sqlite.prepare(`UPDATE events SET deleted_at = '2024-01-01T00:00:00.000Z' WHERE id = ?`).run(id[8]);
});
afterAll(() => conn.sqlite.close());

const filters = (qs: string) => {
  const parsed = parseFilters(new URLSearchParams(qs));
  expect(parsed.issues).toEqual([]);
  return parsed.filters;
};
const ids = (numbers: number[]) => numbers.map((n) => id[n]);

describe('events between two sides, counted by hand', () => {
  it.each([
    ['with=SY', [4, 3, 1, 2]],
    ['with=SY&type=normalisation&from=2022&to=2023', [3, 1]],
    // What the issue found: Syria "as target" leaves out the visit, where Syria is an actor.
    ['country=SY&role=target&type=normalisation&from=2022&to=2023', [3]],
    ['country=AE&with=SY', [1, 2]],
    ['country=AE&role=location&with=SY', [1]],
    ['country=TR&with=SY', [3]],
    ['country=BH&with=SY', []],
    ['with=SY&with=BH', [4, 3, 7, 1, 2]],
    ['with=AE', [7, 6, 1, 2]],
    ['with=QA', []],
  ])('public view %j: the events, their count and the rows exported', (qs, expected) => {
    const f = filters(qs);
    expect(listTimeline(conn.db, f, { limit: 50 }).items.map((e) => e.id)).toEqual(ids(expected));
    expect(countTimeline(conn.db, f)).toBe(expected.length);
    expect([...exportRows(conn.db, f, {})].flat().map((r) => r.id)).toEqual(ids(expected));
  });

  it('shows staff the draft between Saudi Arabia and Syria', () => {
    expect(listTimeline(conn.db, filters('status=all&with=SY&country=SA'), { includeDrafts: true, limit: 50 }).items.map((e) => e.id)).toEqual(ids([5]));
    expect(countTimeline(conn.db, filters('status=all&with=SY'), { includeDrafts: true })).toBe(5);
  });

  it('counts facets and the chart inside the view', () => {
    const count = <V>(options: { value: V; count: number }[], value: V) => options.find((o) => o.value === value)?.count ?? 0;
    const facets = timelineFacets(conn.db, filters('with=SY'));
    expect(count(facets.countries, 'SY')).toBe(4);
    expect(count(facets.countries, 'AE')).toBe(2);
    expect(count(facets.countries, 'TR')).toBe(1);
    expect(count(facets.countries, 'BH')).toBe(0);
    expect(count(facets.types, 'normalisation')).toBe(3);
    expect(count(facets.types, 'designation')).toBe(1);
    expect(count(facets.years, '2022')).toBe(1);

    // The country facet leaves its own filter out and keeps the counterpart: AE and TR with Syria.
    const between = timelineFacets(conn.db, filters('country=AE&with=SY'));
    expect(count(between.countries, 'AE')).toBe(2);
    expect(count(between.countries, 'TR')).toBe(1);
    expect(count(between.countries, 'BH')).toBe(0);

    const months = densityRows(conn.db, filters('with=SY&from=2022&to=2023'));
    const total = months.reduce((n, r) => n + r.n, 0);
    expect(total).toBe(3);
    expect(months.find((r) => r.month === '2022-03')).toMatchObject({ type: 'normalisation', n: 1 });
  });
});
