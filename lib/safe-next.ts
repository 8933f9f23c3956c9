/**
 * Where to go after signing in: a page of this site, never another site. The value comes from the
 * URL (`/sign-in?next=…`), so anyone can write it; a browser resolves it against our origin, and
 * strings such as `/.//evil.test/x` or `/%2e%2e//evil.test` resolve to another host once the dot
 * segments are removed. So the value is resolved the same way here (WHATWG URL, as the browser
 * does), and kept only when it stays on our origin and names one of our sections; what is returned
 * is the resolved form, which no second reading can change.
 */

/** The sections a person can be sent back to (`/` itself is the timeline). */
export const RETURN_PATH_PREFIXES = ['/events', '/entities', '/countries', '/relations', '/changes', '/lists', '/saved', '/admin', '/import'] as const;

/** A placeholder origin: only whether the value leaves it matters, never its name. */
const OURS = 'http://tracker.invalid';

export function safeNextPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/')) return fallback;
  // Browsers drop tabs and line breaks from URLs and read a backslash as a slash; none has a place
  // in a path we wrote ourselves.
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, OURS);
  } catch {
    return fallback;
  }
  if (url.origin !== OURS) return fallback;
  const path = url.pathname;
  const ours = path === '/' || RETURN_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  return ours ? `${path}${url.search}` : fallback;
}
