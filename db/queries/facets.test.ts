import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilters, type TimelineFilters } from '@/lib/filters';
import type { Connection } from '@/db/engine/client';
import { createTestDb } from '@/db/testing/test-db';
import { densityChart } from './density';
import { searchEntities } from './entity-search';
import { timelineFacets, type FacetOption } from './facets';
import { resolveFilters } from './filter-lookups';
import { seedTimelineFixture, type TimelineFixture } from '@/db/testing/timeline-fixture';
import { countTimeline } from './timeline';

let conn: Connection;
let fx: TimelineFixture;
beforeAll(() => {
  conn = createTestDb();
  fx = seedTimelineFixture(conn);
});
afterAll(() => conn.sqlite.close());

const filters = (qs: string): TimelineFilters => parseFilters(new URLSearchParams(qs)).filters;
const counts = <V extends string | number>(options: FacetOption<V>[]) =>
  Object.fromEntries(options.map((o) => [String(o.value), o.count]));

describe('facet counts', () => {
  it('without filters, count every published event per option, and list all event types', () => {
    const f = timelineFacets(conn.db, filters(''));
    expect(counts(f.types)).toEqual({
      designation: 3,
      removal: 0,
      authority: 0,
      normalisation: 2,
      isolation: 1,
      statement: 1,
      legislative: 0,
      advocacy: 0,
    });
    expect(counts(f.countries)).toEqual({ SY: 5, US: 4, TR: 2, AE: 1 });
    expect(counts(f.tags)).toEqual({
      'caesar-act': 3,
      'arab-league': 1,
      embassies: 1,
      'gulf-states': 1,
      'illicit-drug-trade': 1,
      'us-policy-on-normalisation': 1,
    });
    expect(counts(f.programs)).toEqual({ 'SYRIA-CAESAR': 2, 'SYRIA-EO13894': 1 });
    expect(counts(f.years)).toEqual({ '2023': 3, '2020': 1, '2019': 1, '2018': 1, '2011': 1 });
    expect(f.years.map((y) => y.value)).toEqual(['2023', '2020', '2019', '2018', '2011']);
  });

  it('count each option with the other active filters applied, not its own facet', () => {
    const f = timelineFacets(conn.db, filters('type=designation&country=TR'));
    // Types are counted for Türkiye: choosing normalisation as well would add Erdoğan's event.
    expect(counts(f.types)).toMatchObject({ designation: 1, normalisation: 1, statement: 0 });
    // Countries are counted for designations.
    expect(counts(f.countries)).toEqual({ SY: 2, US: 3, TR: 1, AE: 0 });
    // Every option's count equals the size of the view it would give.
    for (const option of f.countries) {
      const view = filters(`type=designation&country=${option.value}`);
      expect(option.count, option.value).toBe(countTimeline(conn.db, view));
    }
    for (const option of f.types) {
      expect(option.count, option.value).toBe(countTimeline(conn.db, filters(`type=${option.value}&country=TR`)));
    }
  });

  it('keep zero-count options in the list, for the page to dim', () => {
    const f = timelineFacets(conn.db, filters('from=2023'));
    expect(f.countries.find((c) => c.value === 'AE')).toMatchObject({ count: 0, selected: false });
    expect(f.tags.find((t) => t.value === 'arab-league')).toMatchObject({ count: 0 });
    // The year picker ignores the date filter itself.
    expect(counts(f.years)).toMatchObject({ '2011': 1, '2023': 3 });
  });

  it('count countries in the chosen role', () => {
    const f = timelineFacets(conn.db, filters('country=SY&role=location'));
    expect(counts(f.countries)).toEqual({ SY: 1, US: 0, TR: 0, AE: 0 });
  });

  it('list the most involved actors, plus any chosen ones', () => {
    // An actor no published event involves is public only when staff made it so (issue 10, item 3).
    conn.sqlite.prepare('UPDATE entities SET made_public = 1 WHERE id = ?').run(fx.entities.idle);
    try {
      const f = timelineFacets(conn.db, filters(`actor=${fx.entities.idle}`));
      expect(f.actors[0]).toMatchObject({ label: 'US Department of State', count: 2 });
      expect(f.actors.find((a) => a.value === fx.entities.idle)).toMatchObject({ count: 0, selected: true, label: 'Nobody In Particular' });
      expect(f.actors.some((a) => a.label.includes('duplicate'))).toBe(false);
    } finally {
      conn.sqlite.prepare('UPDATE entities SET made_public = 0 WHERE id = ?').run(fx.entities.idle);
    }
    const hidden = timelineFacets(conn.db, filters(`actor=${fx.entities.idle}`));
    expect(hidden.actors.some((a) => a.value === fx.entities.idle)).toBe(false);
    const staff = timelineFacets(conn.db, filters(`actor=${fx.entities.idle}`), { includeDrafts: true });
    expect(staff.actors.find((a) => a.value === fx.entities.idle)).toMatchObject({ count: 0, selected: true, label: 'Nobody In Particular' });
  });

  it('mark the options in use as selected', () => {
    const f = timelineFacets(conn.db, filters('type=designation&tag=caesar-act&from=2023&to=2023'));
    expect(f.types.filter((t) => t.selected).map((t) => t.value)).toEqual(['designation']);
    expect(f.tags.filter((t) => t.selected).map((t) => t.value)).toEqual(['caesar-act']);
    expect(f.years.filter((t) => t.selected).map((t) => t.value)).toEqual(['2023']);
  });

  it('never reveal a draft’s country, tag or actor to the public', () => {
    const f = timelineFacets(conn.db, filters(''));
    expect(f.countries.map((c) => c.value)).not.toContain('IR');
    expect(f.tags.map((t) => t.value)).not.toContain('secret-draft-tag');
    expect(counts(f.actors)[fx.entities.qaddour]).toBe(1);
    const staff = timelineFacets(conn.db, filters('status=all'), { includeDrafts: true });
    expect(counts(staff.countries)).toMatchObject({ IR: 1 });
  });
});

describe('the density chart', () => {
  it('shows years for a long range, with every year in between', () => {
    const chart = densityChart(conn.db, filters(''))!;
    expect(chart.unit).toBe('year');
    expect(chart.buckets.map((b) => b.key)).toEqual(
      ['2011', '2012', '2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023'],
    );
    expect(chart.buckets.find((b) => b.key === '2023')).toMatchObject({ total: 3, counts: { designation: 1, normalisation: 1, statement: 1 } });
    expect(chart.max).toBe(3);
    expect(chart.yearOnly).toBe(0);
  });

  it('shows months for a short range, leaving out events known only to their year', () => {
    const chart = densityChart(conn.db, filters('from=2023&to=2023'))!;
    expect(chart.unit).toBe('month');
    expect(chart.buckets).toHaveLength(12);
    expect(chart.buckets.find((b) => b.key === '2023-03')).toMatchObject({ label: 'Mar 2023', total: 2 });
    expect(chart.yearOnly).toBe(1);
    // The bar's count is what narrowing to that month shows.
    expect(countTimeline(conn.db, filters('from=2023-03&to=2023-03'))).toBe(2);
  });

  it('stacks by type and follows the other filters', () => {
    const chart = densityChart(conn.db, filters('type=designation&from=2019-06&to=2020-12'))!;
    expect(chart.unit).toBe('month');
    expect(chart.buckets[0]!.key).toBe('2019-06');
    expect(chart.buckets.filter((b) => b.total > 0).map((b) => [b.key, b.counts.designation])).toEqual([
      ['2019-10', 1],
      ['2020-06', 1],
    ]);
  });

  it('has nothing to draw for an empty view', () => {
    expect(densityChart(conn.db, filters('type=removal'))).toBeNull();
  });
});

describe('checking the ids and slugs in a link', () => {
  it('names the actors and tags, and reports the ones that do not exist', () => {
    const parsed = parseFilters(new URLSearchParams(`actor=${fx.entities.qaddour}&actor=99999&tag=caesar-act&tag=no-such-tag`));
    const resolved = resolveFilters(conn.db, parsed, { includeDrafts: false });
    expect(resolved.filters.actors).toEqual([fx.entities.qaddour]);
    expect(resolved.filters.tags).toEqual(['caesar-act']);
    expect(resolved.lookups.actors.get(fx.entities.qaddour)).toBe('Khalid Qaddour');
    expect(resolved.lookups.tags.get('caesar-act')).toBe('Caesar Act');
    expect(resolved.issues).toEqual([
      { param: 'actor', message: 'There is no actor #99999.' },
      { param: 'tag', message: 'There is no tag “no-such-tag”.' },
    ]);
  });

  it('follows a merged actor to the one it was merged into', () => {
    const parsed = parseFilters(new URLSearchParams(`actor=${fx.entities.duplicate}`));
    const resolved = resolveFilters(conn.db, parsed, { includeDrafts: false });
    expect(resolved.filters.actors).toEqual([fx.entities.qaddour]);
    expect(resolved.issues).toEqual([]);
  });

  it('reports a status filter from someone who may not see drafts', () => {
    const resolved = resolveFilters(conn.db, parseFilters(new URLSearchParams('status=draft')), { includeDrafts: false });
    expect(resolved.filters.status).toBe('published');
    expect(resolved.issues.map((i) => i.param)).toEqual(['status']);
  });
});

describe('finding actors by name or alias', () => {
  const found = (q: string) => searchEntities(conn.db, q).map((m) => m.name);

  it('matches the start of any word of the name, ignoring case and diacritics', () => {
    expect(found('qadd')).toEqual(['Khalid Qaddour']);
    expect(found('erdo')).toEqual(['Recep Tayyip Erdoğan']);
    expect(found('ERDOĞ')).toEqual(['Recep Tayyip Erdoğan']);
    expect(found('samer assad')).toEqual(['Samer Kamal al-Assad']);
  });

  it('matches aliases, and says which one', () => {
    const [match] = searchEntities(conn.db, 'khaled');
    expect(match).toMatchObject({ name: 'Khalid Qaddour', alias: 'Khaled Qaddour', eventCount: 1 });
    expect(found('uae')).toEqual(['Government of the United Arab Emirates']);
  });

  it('leaves out merged actors and finds nothing for nothing', () => {
    expect(found('duplicate')).toEqual([]);
    expect(found('')).toEqual([]);
    expect(found('***')).toEqual([]);
  });
});
