import { latestDate } from '@/lib/dates';
import { describe, expect, it } from 'vitest';
import { eventInputSchema } from './event';

const base = { type: 'designation', title: 'Caesar Act sanctions', summary: 'Two Syrians designated.', date: '2023-03-28' };

function errorsOf(raw: unknown) {
  const result = eventInputSchema.safeParse(raw);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('event input', () => {
  it('normalises what it accepts', () => {
    const parsed = eventInputSchema.parse({
      ...base,
      title: '  Caesar Act sanctions  ',
      date: '2019-12-20',
      datePrecision: 'month',
      program: 'syria-caesar',
      tags: ['Caesar Act', 'caesar act', 'Illicit drug trade'],
      countries: [
        { code: 'sy', role: 'target' },
        { code: 'SY', role: 'target' },
      ],
    });
    expect(parsed).toMatchObject({
      title: 'Caesar Act sanctions',
      date: '2019-12-01',
      datePrecision: 'month',
      program: 'SYRIA-CAESAR',
      tags: ['Caesar Act', 'Illicit drug trade'],
      countries: [{ code: 'SY', role: 'target' }],
      status: 'draft',
      details: null,
    });
  });

  it('derives the precision from the shape of the date', () => {
    expect(eventInputSchema.parse({ ...base, date: '2018' })).toMatchObject({ date: '2018-01-01', datePrecision: 'year' });
    expect(eventInputSchema.parse({ ...base, date: '2022-03' })).toMatchObject({ date: '2022-03-01', datePrecision: 'month' });
  });

  it('refuses a precision the date does not have', () => {
    expect(errorsOf({ ...base, date: '2018', datePrecision: 'day' })).toHaveProperty('date');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'ftp://example.org/x', 'example.org', 'https://'])(
    'refuses the source URL %j',
    (url) => {
      expect(errorsOf({ ...base, sources: [{ title: 'A source', url }] })).toHaveProperty('sources.0.url');
    },
  );

  it('accepts http and https sources, and a source without a URL', () => {
    const parsed = eventInputSchema.parse({
      ...base,
      sources: [{ title: 'A', url: 'https://example.org/a?b=c' }, { title: 'B', url: 'http://example.org' }, { title: 'C' }],
    });
    // Stored as a browser serialises the address (issue 10, item 6): the host alone gains its "/".
    expect(parsed.sources.map((s) => s.url)).toEqual(['https://example.org/a?b=c', 'http://example.org/', null]);
  });

  it('says which field is wrong and why', () => {
    const errors = errorsOf({ type: 'rumour', title: 'x', summary: 'x'.repeat(2001), date: '2023-02-30', countries: [{ code: 'XX', role: 'target' }] });
    expect(errors).toMatchObject({
      type: 'Choose an event type.',
      title: 'Title must be at least 3 characters.',
      summary: 'Summary must be at most 2000 characters.',
      'countries.0.code': expect.stringMatching(/Unknown country code/),
    });
  });

  it('lets the data carry no summary (an import may give only date, type and title)', () => {
    const { summary: _summary, ...withoutSummary } = base;
    expect(eventInputSchema.parse(withoutSummary).summary).toBe('');
    expect(eventInputSchema.parse({ ...base, summary: '   ' }).summary).toBe('');
  });

  it('refuses an end date before the date, and control characters in a title', () => {
    expect(errorsOf({ ...base, endDate: '2020-01-01' })).toHaveProperty('endDate');
    expect(errorsOf({ ...base, title: 'Bad\u0000title' })).toHaveProperty('title');
    expect(errorsOf({ ...base, title: 'Lone \uD800 surrogate' })).toHaveProperty('title');
  });

  it('keeps markup as text: validation does not strip or run it', () => {
    const parsed = eventInputSchema.parse({ ...base, title: '<script>alert(1)</script> sanctions' });
    expect(parsed.title).toBe('<script>alert(1)</script> sanctions');
  });
});

describe('event input: every field against hostile values', () => {
  const hostile: [string, Record<string, unknown>, string, RegExp][] = [
    ['an unknown type', { type: 'rumour' }, 'type', /Choose an event type/],
    ['a prototype key as type', { type: '__proto__' }, 'type', /Choose an event type/],
    ['a title of whitespace', { title: '   \n ' }, 'title', /at least 3/],
    ['a 301-character title', { title: 'x'.repeat(301) }, 'title', /at most 300/],
    ['a title with a right-to-left override', { title: 'Sanctions \u202Egnp.exe' }, 'title', /text-direction/],
    ['a title with a newline', { title: 'Two\nlines' }, 'title', /control characters/],
    ['a summary of 2001 characters', { summary: 's'.repeat(2001) }, 'summary', /at most 2000/],
    ['a summary with a NUL byte', { summary: 'a\u0000b' }, 'summary', /control characters/],
    ['details of 20001 characters', { details: 'd'.repeat(20_001) }, 'details', /at most 20000/],
    ['a date in words', { date: 'last Tuesday' }, 'date', /real date/],
    ['the 31st of April', { date: '2023-04-31' }, 'date', /real date/],
    ['a year before 1000', { date: '0999' }, 'date', /real date/],
    ['an unknown precision', { datePrecision: 'week' }, 'datePrecision', /./],
    ['an effective date that is not a date', { effectiveDate: '2023-13' }, 'effectiveDate', /real date/],
    ['an end date before the date', { endDate: '2023-03-27' }, 'endDate', /before the date/],
    ['a status outside draft and published', { status: 'deleted' }, 'status', /draft or published/],
    ['a program with spaces and quotes', { program: "SYRIA'; DROP TABLE events;--" }, 'program', /letters, digits and hyphens/],
    ['a legal authority of 301 characters', { legalAuthority: 'a'.repeat(301) }, 'legalAuthority', /at most 300/],
    ['a country that does not exist', { countries: [{ code: 'XX', role: 'target' }] }, 'countries.0.code', /Unknown country/],
    ['a country role that does not exist', { countries: [{ code: 'SY', role: 'victim' }] }, 'countries.0.role', /actor, target or location/],
    ['51 countries', { countries: Array.from({ length: 51 }, () => ({ code: 'SY', role: 'target' })) }, 'countries', /At most 50/],
    ['an actor id that is not a number', { actors: [{ entityId: '1 OR 1=1', role: 'target' }] }, 'actors.0.entityId', /Choose an actor/],
    ['a negative actor id', { actors: [{ entityId: -3, role: 'target' }] }, 'actors.0.entityId', /Choose an actor/],
    ['an actor role that does not exist', { actors: [{ entityId: 1, role: 'villain' }] }, 'actors.0.role', /Choose a role/],
    ['a tag of punctuation only', { tags: ['---'] }, 'tags.0', /letter or a digit/],
    ['31 tags', { tags: Array.from({ length: 31 }, (_, i) => `tag ${i}`) }, 'tags', /At most 30/],
    ['a source without a title', { sources: [{ url: 'https://example.org' }] }, 'sources.0.title', /required/],
    ['a source URL with a script scheme in capitals', { sources: [{ title: 'x', url: 'JaVaScRiPt:alert(1)' }] }, 'sources.0.url', /http/],
    ['a source URL with credentials-looking junk and no host', { sources: [{ title: 'x', url: 'http://' }] }, 'sources.0.url', /http/],
    ['a source publication date that is partial', { sources: [{ title: 'x', publishedDate: '2023-03' }] }, 'sources.0.publishedDate', /YYYY-MM-DD/],
    ['a 2001-character excerpt', { sources: [{ title: 'x', excerpt: 'e'.repeat(2001) }] }, 'sources.0.excerpt', /at most 2000/],
    ['31 sources', { sources: Array.from({ length: 31 }, (_, i) => ({ title: `s${i}` })) }, 'sources', /At most 30/],
    ['a link to a non-number', { links: [{ toEventId: 'abc', kind: 'related' }] }, 'links.0.toEventId', /Choose an event/],
    ['a link kind that does not exist', { links: [{ toEventId: 2, kind: 'causes' }] }, 'links.0.kind', /link type/],
  ];

  it.each(hostile)('refuses %s', (_label, change, path, message) => {
    const errors = errorsOf({ ...base, ...change });
    expect(errors[path as keyof typeof errors], JSON.stringify(errors)).toMatch(message);
  });

  it('allows right-to-left text and marks in titles (Arabic names are common here)', () => {
    expect(eventInputSchema.parse({ ...base, title: 'عقوبات قانون قيصر \u200F(Caesar Act)' }).title).toBe('عقوبات قانون قيصر \u200F(Caesar Act)');
  });

  it('reports a bad date together with the other errors, not after them', () => {
    expect(Object.keys(errorsOf({ ...base, title: '', date: 'soon' })).sort()).toEqual(['date', 'title']);
  });
});

describe('dates outside the accepted range (issue 10, item 8)', () => {
  const event = { type: 'designation', title: 'Caesar Act sanctions', summary: 'x', date: '2023-03-28', status: 'published' };
  const issues = (raw: Record<string, unknown>) =>
    Object.fromEntries((eventInputSchema.safeParse({ ...event, ...raw }).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
  const inTenYears = latestDate();
  const dayAfter = new Date(Date.parse(`${inTenYears}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  it.each([
    ['date', { date: '1000' }],
    ['date', { date: '1899-12-31' }],
    ['date', { date: '9999-12-31' }],
    ['date', { date: dayAfter }],
    ['effectiveDate', { effectiveDate: '9999' }],
    ['endDate', { endDate: '9999-12-31' }],
    ['sources.0.publishedDate', { sources: [{ title: 'x', publishedDate: '1066-10-14' }] }],
  ])('refuses %s in %j, saying which dates are accepted', (path, raw) => {
    expect(issues(raw)[path]).toMatch(/must be between 1 January 1900 and \d+ \w+ \d{4} \(ten years from today\)\./);
  });

  it('accepts the first and the last day', () => {
    expect(issues({ date: '1900-01-01', endDate: inTenYears })).toEqual({});
  });
});
