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
    expect(parsed.sources.map((s) => s.url)).toEqual(['https://example.org/a?b=c', 'http://example.org', null]);
  });

  it('says which field is wrong and why', () => {
    const errors = errorsOf({ type: 'rumour', title: 'x', summary: '', date: '2023-02-30', countries: [{ code: 'XX', role: 'target' }] });
    expect(errors).toMatchObject({
      type: 'Choose an event type.',
      title: 'Title must be at least 3 characters.',
      summary: 'Summary is required.',
      'countries.0.code': expect.stringMatching(/Unknown country code/),
    });
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
