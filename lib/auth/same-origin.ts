/**
 * CSRF defence for state-changing route handlers (server actions have Next.js's own check). A
 * browser marks every request with `Sec-Fetch-Site` and, on POST, PUT, PATCH and DELETE, `Origin`;
 * a request another site makes carries that site's origin. Clients that send neither (curl, a
 * script with its own token) are not browsers acting for someone else, and pass.
 *
 * The Origin must be this site's origin exactly (scheme, host and port) as lib/http/request-site.ts
 * decides it, never as the request's own Host or X-Forwarded-* headers claim it: with those, a page
 * on evil.test that DNS rebinding points at this server, or an https:// page writing to a plain-HTTP
 * server, would pass.
 */
import { requestSite } from '@/lib/http/request-site';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CROSS_SITE = 'Refused: this request came from another site.';

function originOf(value: string): string | null {
  if (value === 'null') return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** Why the request must be refused, or null when it may proceed. */
export function crossSiteRefusal(request: Request): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return CROSS_SITE;
  const origin = request.headers.get('origin');
  if (origin === null) return null;
  const theirs = originOf(origin);
  const ours = requestSite(request.headers);
  if (theirs === ours.origin) return null;
  // The browser used a name this server was not told is its own (no BETTER_AUTH_URL): say how to
  // fix it rather than blame another site.
  if (theirs && ours.unrecognisedHost && new URL(theirs).host === ours.unrecognisedHost.toLowerCase()) {
    return `Refused: this server does not know ${theirs} as its own address. If it is, set BETTER_AUTH_URL=${theirs} (or TRUST_PROXY=1 behind a reverse proxy); see the README's Configuration.`;
  }
  return CROSS_SITE;
}
