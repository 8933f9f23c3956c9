/** The forgiving search on the curated seed, as a new analyst tries it (issue 14). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { seedDatabase } from '@/db/seed/seed';
import { SEED_EVENTS } from '@/db/seed/seed-data';
import { parseFilters } from '@/lib/filters';
import { createTestDb } from '../testing/test-db';
import { loadTimelineView } from './timeline-view';
import { listTimeline } from './timeline';

let conn: Connection;
beforeAll(() => {
  conn = createTestDb();
  seedDatabase(conn.db);
});
afterAll(() => conn.sqlite.close());

const filters = (q: string) => parseFilters(new URLSearchParams({ q })).filters;
const titles = (q: string) => listTimeline(conn.db, filters(q), { limit: 200 }).items.map((e) => e.title).sort();

describe('searching the seed', () => {
  it('finds the same events for normalization and normalisation, and not every event through the article they all cite', () => {
    const uk = titles('normalisation');
    expect(uk.length).toBeGreaterThanOrEqual(5);
    expect(titles('normalization')).toEqual(uk);
    expect(titles('normalize').length).toBeLessThan(SEED_EVENTS.length);
    // Words only in the article's title find nothing: the title is not indexed.
    expect(titles('urged')).toEqual([]);
  });

  it('finds Erdoğan’s offer under Turkey, Türkiye and Turkiye', () => {
    for (const q of ['Turkey', 'Türkiye', 'Turkiye']) expect(titles(q)).toContain('Erdoğan signals readiness to meet Assad');
    expect(titles('Syrian Arab Republic')).toEqual(titles('Syria'));
    // Best match first: the event that names Turkey in its words ranks before those found by country alone.
    const ranked = listTimeline(conn.db, parseFilters(new URLSearchParams({ q: 'Turkish', sort: 'relevance' })).filters, { limit: 200 }).items;
    expect(ranked[0]?.title).toBe('Erdoğan signals readiness to meet Assad');
    const byRelevance = listTimeline(conn.db, parseFilters(new URLSearchParams({ q: 'Türkiye', sort: 'relevance' })).filters, { limit: 200 }).items;
    expect(byRelevance.map((e) => e.title).sort()).toEqual(titles('Türkiye'));
  });

  it('suggests Qaddour for Qadour, and the suggestion finds the designations', () => {
    const view = loadTimelineView(conn.db, filters('Qadour'));
    expect(view.total).toBe(0);
    expect(view.suggestion).toEqual({ text: 'Qaddour', corrections: [{ from: 'Qadour', to: 'Qaddour' }] });
    expect(titles(view.suggestion!.text)).toEqual(['Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad']);
    // A search that finds something gets no suggestion.
    expect(loadTimelineView(conn.db, filters('Qaddour')).suggestion).toBeNull();
  });
});
