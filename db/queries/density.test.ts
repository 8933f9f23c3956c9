/**
 * The density chart over data far outside the accepted dates (issue 10, item 8): rows stored before
 * the range rule, here the years 1000 and 9999, must still give a chart of at most MAX_BARS bars,
 * whichever way it is counted (the maintained month counts, or a pass over the view's rows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BARS } from '@/lib/density-buckets';
import { parseFilters } from '@/lib/filters';
import type { Connection } from '@/db/engine/client';
import { reindexEvents } from '@/db/derived/search-index';
import { createTestDb, makeEvent } from '@/db/testing/test-db';
import { densityChart } from './density';

let conn: Connection;
beforeAll(() => {
  conn = createTestDb();
  makeEvent(conn.db, { title: 'Caesar Act signed', date: '2019-12-20', countries: [{ code: 'US', role: 'actor' }] });
  makeEvent(conn.db, { title: 'Caesar Act sanctions', date: '2023-03-28', countries: [{ code: 'SY', role: 'target' }] });
  // As a database holds them from before the rule: written straight to the tables (the triggers keep the counts).
  const insert = conn.sqlite.prepare(`INSERT INTO events (type, title, summary, date, date_precision, status) VALUES ('statement', ?, '', ?, ?, 'published')`);
  const first = insert.run('A typo for 2000', '1000-01-01', 'day').lastInsertRowid;
  const last = insert.run('A typo for 1999', '9999-12-31', 'day').lastInsertRowid;
  const country = conn.sqlite.prepare(`INSERT INTO event_countries (event_id, country_code, role) VALUES (?, 'SY', 'target')`);
  country.run(first);
  country.run(last);
  reindexEvents(conn.db, [Number(first), Number(last)]);
});
afterAll(() => conn.sqlite.close());

const chart = (qs: string) => densityChart(conn.db, parseFilters(new URLSearchParams(qs)).filters)!;

describe('the density chart over a thousand years of data', () => {
  it.each([
    ['from the maintained month counts', ''],
    ['from a pass over the rows', 'country=SY'],
    ['from a pass over the rows, with a search', 'q=typo'],
  ])('draws at most MAX_BARS bars, by century, %s', (_label, qs) => {
    const c = chart(qs);
    expect(c.buckets.length).toBeLessThanOrEqual(MAX_BARS);
    expect(c.unit).toBe('century');
    expect(c.buckets[0]).toMatchObject({ key: '1000-1099', from: '1000', to: '1099', total: 1 });
    expect(c.buckets.at(-1)).toMatchObject({ key: '9900-9999', from: '9900', to: '9999', total: 1 });
    expect(c.buckets.reduce((n, b) => n + b.total, 0)).toBe(qs === '' ? 4 : qs === 'q=typo' ? 2 : 3);
  });

  it('keeps the finer units for the accepted range', () => {
    expect(chart('from=2019&to=2023').unit).toBe('month');
    expect(chart('from=1920&to=2030')).toMatchObject({ unit: 'year' });
    expect(chart('from=1920&to=2030').buckets).toHaveLength(111);
  });
});
