import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateEventForm, emptyEventForm, emptySource } from './event-form';
import { databaseAcceptsSourceUrl, normaliseSourceUrl, SOURCE_URL_CHECK } from './source-url';

describe('source URLs (issue 10, item 6)', () => {
  it('stores the address a browser follows, however it was written', () => {
    expect(normaliseSourceUrl('https:evil.test')).toEqual({ ok: true, url: 'https://evil.test/' });
    expect(normaliseSourceUrl('http:/\\evil.test/x')).toEqual({ ok: true, url: 'http://evil.test/x' });
    expect(normaliseSourceUrl('https://xn--mgbh0fb.example/وزارة')).toEqual({ ok: true, url: 'https://xn--mgbh0fb.example/%D9%88%D8%B2%D8%A7%D8%B1%D8%A9' });
  });

  it('refuses a user name or password and says why', () => {
    for (const url of ['https://state.gov@evil.test/', 'https://user:pass@evil.test/', 'https://:secret@evil.test/', 'https:state.gov@evil.test']) {
      const result = normaliseSourceUrl(url);
      expect(result.ok, url).toBe(false);
      expect(!result.ok && result.message, url).toMatch(/user name or password/);
    }
  });

  it('refuses what is not a web address with a host', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'http://', 'https:', 'mailto:a@b.c', 'ftp://x.example', '//evil.test', 'evil.test']) {
      expect(normaliseSourceUrl(url).ok, url).toBe(false);
    }
  });

  it('puts the message on the form field', () => {
    const result = validateEventForm({
      ...emptyEventForm(),
      type: 'designation',
      title: 'Caesar Act sanctions',
      summary: 'Treasury acted.',
      date: '2023-03-28',
      sources: [{ ...emptySource(), title: 'Press release', url: 'https://state.gov@evil.test/' }],
    });
    expect(!result.success && result.errors['sources.0.url']).toMatch(/user name or password/);
  });

  it('the database rule in JavaScript is the CHECK written out', () => {
    expect(SOURCE_URL_CHECK).toBe("url IS NULL OR url LIKE 'http://%' OR url LIKE 'https://%'");
    expect(databaseAcceptsSourceUrl('HTTP://x')).toBe(true);
    expect(databaseAcceptsSourceUrl('https:evil.test')).toBe(false);
  });

  it('gives a fixed point: a stored address normalises to itself', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = normaliseSourceUrl(url);
        if (once.ok) expect(normaliseSourceUrl(once.url)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });
});
