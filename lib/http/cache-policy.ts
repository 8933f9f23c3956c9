/**
 * Cache headers for every answer of every read route (feed, exports, the JSON API, the import
 * template, health), decided here and nowhere else. A shared cache in front of the tracker (a CDN,
 * a company proxy) may keep an answer only when it is the same for everybody: reading is public,
 * the request carries no session, and the route's content is public and allows it (the Atom feed,
 * for five minutes). Anything a session can change (READ_ACCESS=signed-in, a signed-in person,
 * staff views with drafts or `status=all`) is `private, no-store`; and every answer says
 * `Vary: Cookie`, so no cache hands the answer to one request's cookie to another.
 * Pages are Next.js's: dynamic pages already get `private, no-cache, no-store`.
 */

export interface ReadAnswer {
  /** READ_ACCESS=public. */
  readIsPublic: boolean;
  /** The request carries a session cookie or a signed-in person. */
  session: boolean;
  /** The answer holds staff-only content (drafts, history, `status=all`). */
  staffView?: boolean;
  /** Seconds a shared cache may keep the answer when it is the same for everybody; none when absent. */
  sharedMaxAge?: number;
}

export interface CacheHeaders {
  'Cache-Control': string;
  Vary: string;
}

/** For answers no cache may keep: errors, refusals, staff data, anything a session changes. */
export const NEVER_STORED: Readonly<CacheHeaders> = { 'Cache-Control': 'private, no-store', Vary: 'Cookie' };

export function readCacheHeaders({ readIsPublic, session, staffView = false, sharedMaxAge }: ReadAnswer): CacheHeaders {
  if (!readIsPublic || session || staffView) return { ...NEVER_STORED };
  if (sharedMaxAge && sharedMaxAge > 0) return { 'Cache-Control': `public, max-age=${Math.floor(sharedMaxAge)}`, Vary: 'Cookie' };
  return { 'Cache-Control': 'no-store', Vary: 'Cookie' };
}
