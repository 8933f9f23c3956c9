/**
 * Whether a request asks for a fresh answer rather than one from the app's read caches (which are
 * never stale: they hold answers for the current state of the database only; db/derived/read-cache.ts).
 * Browsers send `Cache-Control: no-cache` on a hard reload; the benchmark sends it to measure the
 * computing. A plain reload's `max-age=0` is not a request for fresh data.
 */
export function wantsFresh(cacheControl: string | null | undefined): boolean {
  return /\bno-cache\b|\bno-store\b/i.test(cacheControl ?? '');
}
