import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from './countries';
import { EVENT_TYPE_KEYS } from './event-types';
import {
  COUNTRY_ROLE_FILTERS,
  describeFilters,
  describeFiltersText,
  EMPTY_FILTERS,
  filtersHref,
  filtersQueryString,
  isFiltered,
  normalizeFilters,
  parseFilters,
  quickDateRanges,
  restrictToViewer,
  serializeFilters,
  STATUS_FILTERS,
  toggleValue,
  unknownParams,
  type TimelineFilters,
} from './filters';

const parse = (qs: string) => parseFilters(new URLSearchParams(qs));

describe('reading filters from a URL', () => {
  it('reads every parameter, with repeated parameters for several values', () => {
    const { filters, issues } = parse(
      'q=qadd&sort=relevance&from=2020&to=2023-06&type=statement&type=designation&country=sy&country=AE&role=target&with=tr&with=BH' +
        '&actor=14&actor=3&authority=Caesar+Syria+Civilian+Protection+Act+of+2019&program=SYRIA-CAESAR&tag=caesar-act&status=published',
    );
    expect(issues).toEqual([]);
    expect(filters).toEqual({
      q: 'qadd',
      sort: 'relevance',
      from: '2020',
      to: '2023-06',
      types: ['designation', 'statement'],
      countries: ['AE', 'SY'],
      role: 'target',
      counterparts: ['BH', 'TR'],
      actors: [3, 14],
      authorities: ['Caesar Syria Civilian Protection Act of 2019'],
      programs: ['SYRIA-CAESAR'],
      tags: ['caesar-act'],
      status: 'published',
      asRecorded: null,
    });
  });

  it('keeps commas inside a value: legal authorities contain them', () => {
    const { filters } = parse(`authority=${encodeURIComponent('Executive Order 13894, as amended')}`);
    expect(filters.authorities).toEqual(['Executive Order 13894, as amended']);
  });

  it('treats empty fields, as a GET form without JavaScript sends them, as absent', () => {
    const { filters, issues } = parse('q=&from=&to=&role=any&sort=date');
    expect(issues).toEqual([]);
    expect(filters).toEqual(EMPTY_FILTERS);
  });

  it('reads a page searchParams object as well as URLSearchParams', () => {
    expect(parseFilters({ type: ['designation', 'removal'], country: 'SY', q: undefined }).filters).toMatchObject({
      types: ['designation', 'removal'],
      countries: ['SY'],
    });
  });

  it.each([
    ['type=sanction', 'type', /“sanction” is not an event type/],
    ['from=2020-13', 'from', /not a date/],
    ['to=20200', 'to', /not a date/],
    ['from=2023&to=2020', 'from', /after the end/],
    ['country=XX', 'country', /not an ISO 3166-1/],
    ['country=Syria', 'country', /not an ISO 3166-1/],
    ['role=victim', 'role', /not a country role/],
    ['with=Syria', 'with', /not an ISO 3166-1 .*other side/],
    ['actor=abc', 'actor', /not an actor id/],
    ['actor=-1', 'actor', /not an actor id/],
    ['tag=Caesar Act', 'tag', /not a tag/],
    ['sort=random', 'sort', /not a sort order/],
    ['sort=relevance', 'sort', /needs something to search for/],
    ['status=deleted', 'status', /not a status/],
    ['q=*', 'q', /no letters or numbers/],
    [`q=${'a'.repeat(10_000)}`, 'q', /10,000 characters long/],
    [`authority=${'a'.repeat(500)}`, 'authority', /limit is 200/],
    ['program=A%00B', 'program', /control characters/],
  ])('reports %s as a problem with %s, and leaves it out', (qs, param, message) => {
    const { filters, issues } = parse(qs);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.param).toBe(param);
    expect(issues[0]!.message).toMatch(message);
    expect(filters).toEqual(EMPTY_FILTERS);
  });

  it.each([
    ['q=%22caesar act', '"caesar act', /quotation mark is not closed/],
    ['q=NEAR(', 'NEAR(', /Brackets/],
    ['q=assad&q=qadd', 'assad', /more than once/],
  ])('reports %s but still searches its usable part', (qs, q, message) => {
    const { filters, issues } = parse(qs);
    expect(filters.q).toBe(q);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ param: 'q', message: expect.stringMatching(message) });
  });

  it('keeps the good parts of a link that has bad ones', () => {
    const { filters, issues } = parse('type=designation&type=bogus&country=SY&from=yesterday');
    expect(filters.types).toEqual(['designation']);
    expect(filters.countries).toEqual(['SY']);
    expect(filters.from).toBeNull();
    expect(issues.map((i) => i.param)).toEqual(['from', 'type']);
  });

  it('caps the number of values of one parameter', () => {
    const qs = Array.from({ length: 60 }, (_, i) => `actor=${i + 1}`).join('&');
    const { filters, issues } = parse(qs);
    expect(filters.actors).toHaveLength(50);
    expect(issues[0]!.param).toBe('actor');
  });

  it('lists parameters it does not know, for the API to refuse', () => {
    expect(unknownParams(new URLSearchParams('typ=designation&cursor=x&q=a&limit=5'), ['cursor', 'limit'])).toEqual(['typ']);
  });
});

describe('writing filters back to a URL', () => {
  it('writes parameters in one canonical order, values sorted, defaults left out', () => {
    const { filters } = parse('tag=b&tag=a&country=SY&type=statement&type=designation&role=any&status=published&q=assad');
    expect(serializeFilters(filters).toString()).toBe('q=assad&type=designation&type=statement&country=SY&tag=a&tag=b');
  });

  it('builds links, with nothing after the path when nothing is filtered', () => {
    expect(filtersHref('/', EMPTY_FILTERS)).toBe('/');
    expect(filtersHref('/', { ...EMPTY_FILTERS, countries: ['SY'] }, { cursor: 'abc' })).toBe('/?country=SY&cursor=abc');
    expect(isFiltered(EMPTY_FILTERS)).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTERS, from: '2020' })).toBe(true);
  });

  const filtersArb: fc.Arbitrary<TimelineFilters> = fc
    .record({
      q: fc.option(fc.constantFrom('qadd', 'caesar act', '"caesar act" syria', 'iraq OR lebanon', 'Erdoğan', 'al-Assad'), { nil: null }),
      relevance: fc.boolean(),
      from: fc.option(fc.constantFrom('2011', '2018-06', '2020-02-29'), { nil: null }),
      to: fc.option(fc.constantFrom('2023', '2023-03', '2023-03-28'), { nil: null }),
      types: fc.uniqueArray(fc.constantFrom(...EVENT_TYPE_KEYS)),
      countries: fc.uniqueArray(fc.constantFrom(...COUNTRY_CODES.slice(0, 40))),
      role: fc.constantFrom(...COUNTRY_ROLE_FILTERS),
      counterparts: fc.uniqueArray(fc.constantFrom('SY', 'AE', 'TR', 'SA')),
      actors: fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 5 }),
      authorities: fc.uniqueArray(
        fc.constantFrom('Caesar Syria Civilian Protection Act of 2019', 'Executive Order 13894, as amended', 'A & B = C?'),
      ),
      programs: fc.uniqueArray(fc.constantFrom('SYRIA-CAESAR', 'SYRIA', 'SYRIA-EO13894')),
      tags: fc.uniqueArray(fc.constantFrom('caesar-act', 'gulf-states', 'embassies')),
      status: fc.constantFrom(...STATUS_FILTERS),
      asRecorded: fc.option(fc.constantFrom('2023-03-31', '2024-01-01T12:00:00Z'), { nil: null }),
    })
    .map(({ relevance, ...f }) => normalizeFilters({ ...f, sort: relevance && f.q ? 'relevance' : 'date' }));

  it('round-trips: filters → URL → filters gives the same filters, and the same URL again', () => {
    fc.assert(
      fc.property(filtersArb, (filters) => {
        const url = serializeFilters(filters).toString();
        const back = parseFilters(new URLSearchParams(url));
        expect(back.issues).toEqual([]);
        expect(back.filters).toEqual(filters);
        expect(serializeFilters(back.filters).toString()).toBe(url);
      }),
    );
  });

  it('gives one URL for the same filters whatever order the parameters came in', () => {
    fc.assert(
      fc.property(filtersArb, fc.integer(), (filters, seed) => {
        const entries = [...serializeFilters(filters).entries()];
        const shuffled = entries
          .map((e, i) => ({ e, k: Math.sin(seed + i) }))
          .sort((a, b) => a.k - b.k)
          .map(({ e }) => e);
        expect(serializeFilters(parseFilters(new URLSearchParams(shuffled)).filters).toString()).toBe(
          serializeFilters(filters).toString(),
        );
      }),
    );
  });
});

describe('who may filter by status', () => {
  it('drops a status filter for a viewer who may not see drafts, and says why', () => {
    const parsed = parse('status=draft&type=designation');
    const restricted = restrictToViewer(parsed, { includeDrafts: false });
    expect(restricted.filters.status).toBe('published');
    expect(restricted.filters.types).toEqual(['designation']);
    expect(restricted.issues).toEqual([{ param: 'status', message: 'Only signed-in staff can filter by status.' }]);
    expect(restrictToViewer(parsed, { includeDrafts: true })).toEqual(parsed);
  });
});

describe('describing filters in words', () => {
  const lookups = { actors: new Map([[14, 'Khalid Qaddour']]), tags: new Map([['caesar-act', 'Caesar Act']]) };

  it('reads like the summary line, with "or" inside a facet', () => {
    const { filters } = parse('type=designation&country=SY&role=target&from=2020&to=2023');
    expect(describeFiltersText(filters)).toBe('Sanctions designations · Syria as target · 2020 – 2023');
    const more = parse('q=qadd&type=designation&type=statement&actor=14&tag=caesar-act&program=SYRIA-CAESAR&from=2023-03&to=2023-03');
    expect(describeFiltersText(more.filters, lookups)).toBe(
      'matching “qadd” · Sanctions designations or Official statements · Khalid Qaddour · program SYRIA-CAESAR · tagged Caesar Act · March 2023',
    );
  });

  it('reads a counterpart as the other side of the events, removable on its own', () => {
    const { filters } = parse('type=normalisation&country=AE&with=SY&from=2022&to=2023');
    expect(describeFiltersText(filters)).toBe('Normalisation moves · United Arab Emirates · with Syria · 2022 – 2023');
    const chip = describeFilters(filters).flatMap((g) => g.chips).find((c) => c.key === 'with:SY')!;
    expect(filtersQueryString(chip.without)).toBe('from=2022&to=2023&type=normalisation&country=AE');
    expect(filtersQueryString(filters)).toBe('from=2022&to=2023&type=normalisation&country=AE&with=SY');
  });

  it('describes open-ended date ranges', () => {
    expect(describeFiltersText(parse('from=2020-06-17').filters)).toBe('since 17 June 2020');
    expect(describeFiltersText(parse('to=2019').filters)).toBe('until 2019');
  });

  it('gives each chip the filters that removing it leaves', () => {
    const { filters } = parse('type=designation&type=statement&country=SY&q=assad&sort=relevance');
    const chips = describeFilters(filters).flatMap((g) => g.chips);
    const removeDesignation = chips.find((c) => c.key === 'type:designation')!;
    expect(serializeFilters(removeDesignation.without).toString()).toBe('q=assad&sort=relevance&type=statement&country=SY');
    const removeSearch = chips.find((c) => c.key === 'q')!;
    expect(serializeFilters(removeSearch.without).toString()).toBe('type=designation&type=statement&country=SY');
    expect(describeFilters(EMPTY_FILTERS)).toEqual([]);
  });

  it('names an actor it has no name for by its id', () => {
    expect(describeFiltersText(parse('actor=99').filters)).toBe('Actor #99');
  });

  it('toggles values in and out, keeping the canonical order', () => {
    const f = toggleValue(toggleValue(EMPTY_FILTERS, 'types', 'statement'), 'types', 'designation');
    expect(f.types).toEqual(['designation', 'statement']);
    expect(toggleValue(f, 'types', 'statement').types).toEqual(['designation']);
  });
});

describe('quick date ranges', () => {
  it('are absolute months and years counted back from today', () => {
    expect(quickDateRanges('2026-11-27')).toEqual([
      { label: 'Last 12 months', from: '2025-11-28', to: '2026-11-27' },
      { label: 'This year', from: '2026', to: '2026' },
      { label: 'Last 5 years', from: '2022', to: '2026' },
    ]);
    expect(quickDateRanges('2024-01-05')[0]).toEqual({ label: 'Last 12 months', from: '2023-01-06', to: '2024-01-05' });
  });

  it('gives the last twelve months up to today, never the same range as "This year", even in December or on 29 February', () => {
    // Issue 14: in December "Last 12 months" was January to December, the same as "This year".
    const [last12, thisYear] = quickDateRanges('2026-12-02');
    expect(last12).toEqual({ label: 'Last 12 months', from: '2025-12-03', to: '2026-12-02' });
    expect([last12!.from, last12!.to]).not.toEqual([thisYear!.from, thisYear!.to]);
    expect(quickDateRanges('2026-12-31')[0]).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(quickDateRanges('2024-02-29')[0]).toMatchObject({ from: '2023-03-01', to: '2024-02-29' });
    expect(quickDateRanges('2025-03-01')[0]).toMatchObject({ from: '2024-03-02', to: '2025-03-01' });
    // Each range is 365 or 366 days, both ends included, and parses as a valid filter.
    for (const today of ['2026-12-02', '2024-02-29', '2025-01-01', '2023-07-31']) {
      const { from, to } = quickDateRanges(today)[0]!;
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
      expect([365, 366]).toContain(days);
      expect(parse(`from=${from}&to=${to}`).issues).toEqual([]);
    }
  });
});

describe('date filters outside the accepted range (issue 10, item 8)', () => {
  it.each(['from=1000', 'to=9999-12-31', 'from=1899&to=2020', 'to=2999'])('reports %s and ignores it', (query) => {
    const { filters, issues } = parseFilters(new URLSearchParams(query));
    expect(issues).toEqual([expect.objectContaining({ message: expect.stringMatching(/is outside the dates the tracker holds: use a date between 1 January 1900 and/) })]);
    // Only the date inside the range is kept.
    expect([filters.from, filters.to].filter((v) => v !== null)).toEqual(query.includes('2020') ? ['2020'] : []);
  });
});
