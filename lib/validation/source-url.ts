/**
 * The one rule for a source's web address, shared by the validation (forms, JSON API, import) and
 * the database's CHECK on `sources.url` (db/schema.ts builds it from `SOURCE_URL_CHECK`), so that
 * nothing the validation accepts can be refused by the database (issue 10, item 6).
 *
 * A value is parsed as a browser would (WHATWG URL) and stored as the browser would serialise it:
 * `https:evil.test`, `https:/evil.test` and `http:/\evil.test` are all `https://evil.test/`-style
 * addresses to a browser, so they are stored as such, and the stored text is the link that runs.
 * Only http(s) with a host; no user name or password, which would make
 * `https://state.gov@evil.test/` read as state.gov while it leads to evil.test.
 */

export const SOURCE_URL_MAX = 2000;

/** The schemes a stored address may start with, exactly as WHATWG serialises them. */
export const SOURCE_URL_PREFIXES = ['http://', 'https://'] as const;

/** The database's CHECK on `sources.url`, in SQL (LIKE: ASCII letters in any case). */
export const SOURCE_URL_CHECK = `url IS NULL OR ${SOURCE_URL_PREFIXES.map((p) => `url LIKE '${p}%'`).join(' OR ')}`;

/** The CHECK above, in JavaScript: what the database accepts. */
export function databaseAcceptsSourceUrl(url: string | null): boolean {
  if (url === null) return true;
  const head = url.slice(0, 8).replace(/[A-Z]/g, (c) => c.toLowerCase());
  return SOURCE_URL_PREFIXES.some((p) => head.startsWith(p));
}

export const SOURCE_URL_MESSAGE = 'URL must start with http:// or https:// and be a complete web address.';
export const SOURCE_URL_CREDENTIALS_MESSAGE =
  'URL must not hold a user name or password before an “@”: the link would lead to the address after the “@”, whatever the part before it says. Remove that part.';

export type SourceUrlResult = { ok: true; url: string } | { ok: false; message: string };

/** The address as it will be stored and linked, or why it cannot be. `text` is trimmed, one line. */
export function normaliseSourceUrl(text: string): SourceUrlResult {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { ok: false, message: SOURCE_URL_MESSAGE };
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    return { ok: false, message: SOURCE_URL_MESSAGE };
  }
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, message: SOURCE_URL_CREDENTIALS_MESSAGE };
  const url = parsed.href;
  if (url.length > SOURCE_URL_MAX) return { ok: false, message: `URL must be at most ${SOURCE_URL_MAX} characters (written out in full).` };
  // Never the case for a parsed http(s) address; checked so that the two rules cannot drift apart.
  if (!databaseAcceptsSourceUrl(url)) return { ok: false, message: SOURCE_URL_MESSAGE };
  return { ok: true, url };
}
