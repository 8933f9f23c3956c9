/**
 * Runs before every route. Early redirects only: a request for a staff page without a session
 * cookie goes to the sign-in page, and with READ_ACCESS=signed-in so does every page (API calls get
 * 401). A cookie's presence is not proof of anything: pages, server actions and route handlers
 * check the session and role themselves (lib/auth/viewer.ts), so this file is never the only check.
 *
 * Kept as small steps, each returning a response or nothing, so later steps (security headers, a
 * Content-Security-Policy nonce) can be added without reshaping it.
 */
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';

const STAFF_PAGES = [
  /^\/events\/new$/,
  /^\/events\/deleted$/,
  /^\/events\/drafts$/,
  /^\/events\/\d+\/edit$/,
  /^\/entities\/new$/,
  /^\/entities\/\d+\/(edit|merge|history)$/,
  /^\/admin(\/.*)?$/,
  /^\/import$/,
];

/** Reachable without a session even when reading requires one. */
const ALWAYS_OPEN = [/^\/sign-in$/, /^\/api\/auth\//, /^\/api\/health$/];

function hasSessionCookie(request: NextRequest): boolean {
  return getSessionCookie(request, { cookiePrefix: 'tracker' }) !== null;
}

/**
 * The address the browser used. Not request.url: Next.js rewrites 127.0.0.1 to localhost there,
 * and a redirect to another host name would leave the session cookie behind.
 */
function browserOrigin(request: NextRequest): string {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? request.nextUrl.host;
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? request.nextUrl.protocol.replace(':', '');
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

function toSignIn(request: NextRequest): NextResponse {
  const url = new URL('/sign-in', browserOrigin(request));
  url.searchParams.set('next', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(url);
}

function requireSessionForStaffPages(request: NextRequest): NextResponse | null {
  const path = request.nextUrl.pathname;
  if (!STAFF_PAGES.some((p) => p.test(path)) || hasSessionCookie(request)) return null;
  return toSignIn(request);
}

function requireSessionToRead(request: NextRequest): NextResponse | null {
  if (process.env.READ_ACCESS !== 'signed-in') return null;
  const path = request.nextUrl.pathname;
  if (ALWAYS_OPEN.some((p) => p.test(path)) || hasSessionCookie(request)) return null;
  if (path.startsWith('/api/')) {
    return NextResponse.json({ error: 'Sign in to use the API (READ_ACCESS=signed-in).' }, { status: 401 });
  }
  return toSignIn(request);
}

const STEPS = [requireSessionToRead, requireSessionForStaffPages];

export function proxy(request: NextRequest) {
  for (const step of STEPS) {
    const response = step(request);
    if (response) return response;
  }
  return NextResponse.next();
}

export const config = {
  // Everything but build assets and the icon.
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico).*)'],
};
