/**
 * Generated and known-hostile values for the property-based tests: what a careless spreadsheet, a
 * fuzzer or an attacker sends instead of what a form would. Each arbitrary mixes hand-picked
 * classics (SQL and FTS5 syntax, markup, traversal, numbers at the edges) with random text, so a
 * run covers both the attacks we thought of and the ones we did not.
 */
import fc from 'fast-check';

const LONG = 'x'.repeat(100_000);

export const SQL_FRAGMENTS = [
  "' OR '1'='1",
  "1' OR 1=1 --",
  "'; DROP TABLE events; --",
  '1; DELETE FROM revisions',
  '" OR ""="',
  "' UNION SELECT email, password FROM account --",
  "1) OR (1=1",
  "%' AND 1=0 UNION SELECT sqlite_version() --",
  "x' || (SELECT hex(randomblob(8))) || '",
  'ATTACH DATABASE "/tmp/pwn.db" AS pwn',
];

/** FTS5 query syntax, balanced and not: column filters, NEAR, prefix and initial-token queries. */
export const FTS5_FRAGMENTS = [
  'NEAR(caesar assad, 2)',
  'NEAR(',
  'caesar NEAR/3 act',
  'title:assad',
  '{title summary}: caesar',
  '- title: x',
  '^caesar',
  'cae*',
  '*',
  '"unclosed',
  '""',
  '(caesar OR',
  ')',
  'AND',
  'OR OR OR',
  'NOT caesar',
  'caesar AND NOT act',
  'events_fts MATCH x',
  'rank:1',
  '+',
];

export const MARKUP = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(document.cookie)",
  'data:text/html,<script>alert(1)</script>',
  '<svg onload=alert(1)>',
  '</title><script>alert(1)</script>',
  ']]><x>',
  '{{7*7}}${7*7}',
  '=HYPERLINK("https://evil.example","click")',
  '@SUM(1+1)*cmd|" /C calc"!A0',
];

export const TRAVERSAL = ['../../../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '..\\..\\windows\\win.ini', '/etc/passwd', '%2e%2e%2f', 'file:///etc/passwd', '....//....//'];

export const NUMBERS = [
  '0',
  '-0',
  '-1',
  '1.5',
  '-2.5',
  '1e3',
  '1e308',
  '1e-7',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x1F',
  '0b101',
  '1_000',
  '00001',
  ' 1',
  '1 ',
  '+1',
  '9007199254740993',
  '99999999999999999999999999999',
  '-9223372036854775809',
  '9'.repeat(400),
];

export const CONTROL_AND_ENCODING = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31mred',
  '\r\n\r\n',
  '\t',
  '\u007f',
  '\uD800',
  'a\uDFFFb',
  '\uDBFF\uDBFF',
  '\uFEFF',
  '\u202Eevil\u202C',
  '\u2066isolate\u2069',
  '\u200B',
  'Z̴̡͝a̷l̵g̸o̶',
  '𝕏👩‍👩‍👧',
  'İı',
  LONG,
];

export const KNOWN_HOSTILE = [...SQL_FRAGMENTS, ...FTS5_FRAGMENTS, ...MARKUP, ...TRAVERSAL, ...NUMBERS, ...CONTROL_AND_ENCODING];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));

/** Any string: the classics, random Unicode with control characters and lone surrogates, long runs. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KNOWN_HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), loneSurrogate, control), maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...KNOWN_HOSTILE), fc.constantFrom(...KNOWN_HOSTILE)).map(([a, b]) => `${a} ${b}`) },
  { weight: 1, arbitrary: fc.nat({ max: 70_000 }).map((n) => 'ق'.repeat(n)) },
);

/**
 * Raw bytes for a URL's query value, already percent-encoded or deliberately not: invalid UTF-8
 * (overlong, truncated, encoded surrogates), stray `%`, and separators inside values.
 */
export const rawQueryValue: fc.Arbitrary<string> = fc.oneof(
  // A real server refuses URLs over 16 kB (Node's header limit) before the app sees them.
  { weight: 5, arbitrary: hostileString.map((s) => encodeURIComponent(s.slice(0, 5_000).toWellFormed())) },
  { weight: 2, arbitrary: fc.constantFrom('%FF', '%C3%28', '%ED%A0%80', '%E0%80%AF', '%C0%AE%C0%AE%2F', '%', '%%', '%2', '%zz', '+', '=', '==', '&', '%00', '%0A%0D', '%E2%80%AE') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 20 }) },
);

/** Values a valid request would carry, so that generated requests also reach the success paths. */
export const PLAUSIBLE_VALUES: Record<string, string[]> = {
  q: ['caesar', 'assad', '"caesar act"', 'embass*', 'saudi -arabia', 'caesar OR captagon'],
  sort: ['date', 'relevance'],
  from: ['2011', '2020-06', '2023-03-28'],
  to: ['2023', '2019-12', '2024-01-01'],
  type: ['designation', 'statement', 'normalisation', 'isolation'],
  country: ['SY', 'US', 'sa', 'AE'],
  role: ['any', 'actor', 'target', 'location'],
  actor: ['1', '12', '13', '32'],
  authority: ['Caesar Syria Civilian Protection Act of 2019'],
  program: ['SYRIA-CAESAR'],
  tag: ['caesar-act', 'gulf-states', 'embassies'],
  status: ['published', 'draft', 'all'],
  limit: ['1', '2', '50', '200'],
  bom: ['0', '1'],
  format: ['json', 'ndjson'],
  cursor: [],
};

/** A query string built from known and unknown names, plausible and hostile values, repeats included. */
export function queryString(knownParams: readonly string[]): fc.Arbitrary<string> {
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...knownParams) },
    { weight: 1, arbitrary: hostileString.filter((s) => s.length < 60).map((s) => encodeURIComponent(s.toWellFormed())) },
    { weight: 1, arbitrary: fc.constantFrom('', '__proto__', 'constructor', 'q[]', 'type[0]', 'q.x', '%00', '%FF') },
  );
  const pair = name.chain((n) => {
    const key = decodeURIComponentSafe(n);
    // Own keys only: `constructor` and `__proto__` are among the generated names.
    const plausible = Object.hasOwn(PLAUSIBLE_VALUES, key) ? PLAUSIBLE_VALUES[key]! : [];
    const value = plausible.length > 0 ? fc.oneof(fc.constantFrom(...plausible.map(encodeURIComponent)), rawQueryValue) : rawQueryValue;
    return value.map((v) => `${n}=${v}`);
  });
  const repeated = fc
    .tuple(fc.constantFrom(...knownParams), rawQueryValue.filter((v) => v.length < 200), fc.integer({ min: 2, max: 80 }))
    .map(([n, v, times]) => Array.from({ length: times }, () => `${n}=${v}`).join('&'));
  return fc
    .array(fc.oneof({ weight: 5, arbitrary: pair }, { weight: 1, arbitrary: repeated }, { weight: 1, arbitrary: fc.constantFrom('', '&', 'novalue', '=x', '&&&') }), { maxLength: 8 })
    .map((parts) => parts.join('&'));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Path segments for `/api/events/:id`: ids real and not, traversal, numbers at the edges. */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('1', '2', '16', '17', '999999', ...TRAVERSAL, ...NUMBERS, '1;DROP TABLE events', '1 OR 1=1', '%2F', '..', '.', 'events', '1/restore'),
  fc.integer().map(String),
  hostileString.filter((s) => s.length < 200),
);

/** Any JSON value at all, for bodies and fields that expect something specific. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, { __proto__: { admin: true } }, { constructor: { prototype: {} } }),
);
