/**
 * Runs before every route. Small steps, each returning a response or nothing:
 * - an address whose path is not valid percent-encoded UTF-8 gets a 400 (Next.js's router would
 *   answer it with a bare 500);
 * - a write (POST, PUT, PATCH, DELETE: forms, server actions, the JSON API, sign-in) that a browser
 *   sent from another site is refused with 403 before any route sees it;
 * - early redirects: a request for a staff page without a session cookie goes to the sign-in page,
 *   and with READ_ACCESS=signed-in so does every page (API calls get 401).
 * Whatever the answer (the route's own, a redirect, a refusal, an error, a 404), it leaves with the
 * security headers and a Content-Security-Policy carrying a nonce made for this request alone
 * (lib/http/security-headers.ts); Next.js reads the nonce from the request header set here and
 * puts it on its own scripts.
 *
 * A cookie's presence is not proof of anything: pages, server actions and route handlers check the
 * session and role themselves (lib/auth/viewer.ts), so this file is never the only check.
 */
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { crossSiteRefusal } from '@/lib/auth/same-origin';
import { NEVER_STORED } from '@/lib/http/cache-policy';
import { CLIENT_ADDRESS_HEADER, requestSite, type RequestSite } from '@/lib/http/request-site';
import { applySecurityHeaders, contentSecurityPolicy, newNonce } from '@/lib/http/security-headers';

const STAFF_PAGES = [
  /^\/events\/new$/,
  /^\/events\/deleted$/,
  /^\/events\/drafts$/,
  /^\/events\/\d+\/edit$/,
  /^\/entities\/new$/,
  /^\/entities\/\d+\/(edit|merge|history)$/,
  /^\/admin(\/.*)?$/,
  /^\/import$/,
  /^\/saved(\/\d+)?$/,
];

/** Reachable without a session even when reading requires one. */
const ALWAYS_OPEN = [
  /^\/sign-in$/,
  /^\/api\/auth\//,
  /^\/api\/health$/,
  // A saved view's private feed: its token is the credential (feed readers have no session).
  /^\/saved\/\d+\/feed\.xml$/,
];

function hasSessionCookie(request: NextRequest): boolean {
  return getSessionCookie(request, { cookiePrefix: 'tracker' }) !== null;
}

/**
 * To the sign-in page on this site's origin (lib/http/request-site.ts), never on a host the request
 * named. Not request.url either: Next.js rewrites 127.0.0.1 to localhost there, and a redirect to
 * another host name would leave the session cookie behind.
 */
function toSignIn(request: NextRequest, site: RequestSite): NextResponse {
  const url = new URL('/sign-in', site.origin);
  url.searchParams.set('next', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(url);
}

function requireSessionForStaffPages(request: NextRequest, site: RequestSite): NextResponse | null {
  const path = request.nextUrl.pathname;
  if (!STAFF_PAGES.some((p) => p.test(path)) || hasSessionCookie(request)) return null;
  return toSignIn(request, site);
}

function requireSessionToRead(request: NextRequest, site: RequestSite): NextResponse | null {
  if (process.env.READ_ACCESS !== 'signed-in') return null;
  const path = request.nextUrl.pathname;
  if (ALWAYS_OPEN.some((p) => p.test(path)) || hasSessionCookie(request)) return null;
  if (path.startsWith('/api/')) {
    return NextResponse.json({ error: 'Sign in to use the API (READ_ACCESS=signed-in).' }, { status: 401 });
  }
  return toSignIn(request, site);
}

/**
 * Next.js checks the Origin of server actions itself, but answers a foreign one with a 500; route
 * handlers check with lib/auth/same-origin.ts too. Refusing here first gives every write the same
 * clear 403, Better Auth's endpoints included, before any of them runs.
 */
function refuseCrossSiteWrites(request: NextRequest): NextResponse | null {
  const refusal = crossSiteRefusal(request);
  if (!refusal) return null;
  if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.json({ error: refusal }, { status: 403 });
  return new NextResponse(`${refusal}\n`, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Next.js's router decodes each path segment to match dynamic routes (`/events/[id]`) after this
 * proxy has run, and answers one that is not valid percent-encoded UTF-8 (`/events/%E0%A4%A`) with a
 * bare 500 that has lost the headers set here. Every path segment is checked here first, with the
 * same decoding, so such an address gets a 400 that says why, with the usual headers.
 */
function refuseUndecodablePaths(request: NextRequest): NextResponse | null {
  try {
    for (const segment of request.nextUrl.pathname.split('/')) decodeURIComponent(segment);
    return null;
  } catch {
    const message = 'This is not a valid address: it contains a broken percent-encoding (a % not followed by the code of a UTF-8 character).';
    if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.json({ error: message }, { status: 400 });
    return new NextResponse(`${message}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}

type Step = (request: NextRequest, site: RequestSite) => NextResponse | null;

const STEPS: Step[] = [refuseUndecodablePaths, refuseCrossSiteWrites, requireSessionToRead, requireSessionForStaffPages];

export function proxy(request: NextRequest) {
  const site = requestSite(request.headers);
  const nonce = newNonce();
  const https = site.https;
  const csp = contentSecurityPolicy({ nonce, https, development: process.env.NODE_ENV === 'development' });

  let response: NextResponse | null = null;
  for (const step of STEPS) {
    response = step(request, site);
    if (response) break;
  }
  if (response) {
    // Refusals and redirects of our own depend on the cookie and the method: never kept by a cache.
    for (const [name, value] of Object.entries(NEVER_STORED)) response.headers.set(name, value);
  } else {
    // Whatever the client sent under these names is replaced: the nonce and the address are ours.
    const forwarded = new Headers(request.headers);
    forwarded.set('x-nonce', nonce);
    forwarded.set('Content-Security-Policy', csp);
    forwarded.set(CLIENT_ADDRESS_HEADER, site.clientAddress);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  applySecurityHeaders(response.headers, { csp, https });
  return response;
}

export const config = {
  // Everything but build assets and the icon (next.config.ts gives those their headers).
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico).*)'],
};
