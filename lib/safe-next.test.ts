import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RETURN_PATH_PREFIXES, safeNextPath } from './safe-next';

describe('the return path after sign-in', () => {
  it.each([
    ['/events/new', '/events/new'],
    ['/events/3/edit?x=1', '/events/3/edit?x=1'],
    ['/', '/'],
    ['/?type=designation&q=assad', '/?type=designation&q=assad'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/sign-in?next=/x', '/'],
    ['/a\nb', '/'],
    [undefined, '/'],
  ])('%j → %j', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  // Issue 10, item 2: a dot segment before the double slash survived the old prefix checks, and the
  // browser resolved "/.//evil.test/x" to "//evil.test/x", another site.
  it.each([
    '/.//evil.test/x',
    '/..//evil.test/x',
    '/%2e//evil.test/x',
    '/%2E%2E//evil.test/x',
    '/events/..//evil.test/x',
    '/events/%2e%2e/%2e%2e//evil.test',
    '/./\\evil.test',
    '/.\\/evil.test',
    '/\t/evil.test',
  ])('refuses %j, which a browser would resolve to another site', (input) => {
    expect(safeNextPath(input)).toBe('/');
  });

  it('keeps a return path to one of our pages, normalised as the browser would', () => {
    expect(safeNextPath('/events/./3/edit')).toBe('/events/3/edit');
    expect(safeNextPath('/entities/4/../5?tab=history#x')).toBe('/entities/5?tab=history');
    expect(safeNextPath('/countries/SY')).toBe('/countries/SY');
    expect(safeNextPath('/no-such-section')).toBe('/');
    expect(safeNextPath('/api/events')).toBe('/');
  });
});

/** Strings made of the pieces that fool URL handling: slashes both ways, dots, encodings, schemes. */
const tricky = fc
  .array(
    fc.oneof(
      fc.constantFrom('/', '//', '\\', '.', '..', '%2e', '%2E', '%2f', '%5c', '%09', '%00', '@', ':', '?', '#', '&', '%', '%%', '%E0%A4%A'),
      fc.constantFrom('http:', 'https:', 'javascript:', 'data:', 'file:', 'HTTP://', 'evil.test', 'localhost', '127.0.0.1', '[::1]'),
      fc.constantFrom(...RETURN_PATH_PREFIXES, 'sign-in', 'events', 'new', '3'),
      fc.constantFrom('\t', '\n', '\r', '\u0000', '\u007f', '\u00a0', '\u2028', '\uFEFF', ' '),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const RUNS = 20_000;

describe('safeNextPath, fuzzed', () => {
  it(`always gives a path on this site, to one of our pages (${RUNS * 2} inputs)`, () => {
    const check = (input: string) => {
      const result = safeNextPath(input);
      // Resolved against any origin, the result stays on that origin and names one of our sections.
      for (const origin of ['http://127.0.0.1:3000', 'https://tracker.example.org']) {
        const resolved = new URL(result, origin);
        expect(resolved.origin).toBe(origin);
        expect(resolved.pathname === '/' || RETURN_PATH_PREFIXES.some((p) => resolved.pathname === p || resolved.pathname.startsWith(`${p}/`))).toBe(true);
        // Already in the form the browser resolves it to: no second reading can change it.
        expect(`${resolved.pathname}${resolved.search}`).toBe(result);
      }
      expect(result).toMatch(/^\/(?![/\\])/);
      expect(result).not.toMatch(/[\u0000-\u0020\u007f\\]/);
    };
    fc.assert(fc.property(tricky, (s) => check(`/${s}`)), { numRuns: RUNS });
    fc.assert(fc.property(fc.oneof(tricky, fc.string({ unit: 'binary' })), check), { numRuns: RUNS });
  });
});
