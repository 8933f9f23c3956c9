/**
 * Better Auth's endpoints (`/api/auth/get-session`, `/api/auth/sign-in/email`, `/api/auth/sign-out`...),
 * for clients other than this app's pages. Sign-up is off; failed sign-ins are throttled here as in
 * the sign-in form. State-changing requests from another site are refused before Better Auth runs.
 */
import { toNextJsHandler } from 'better-auth/next-js';
import { NextResponse, type NextRequest } from 'next/server';
import { crossSiteRefusal } from '@/lib/auth/same-origin';
import { authFor } from '@/server/auth/instance';

export const dynamic = 'force-dynamic';

function handle(method: 'GET' | 'POST') {
  return (request: NextRequest) => {
    const refusal = crossSiteRefusal(request);
    if (refusal) return NextResponse.json({ error: refusal }, { status: 403 });
    return toNextJsHandler(authFor(request.headers))[method](request);
  };
}

export const GET = handle('GET');
export const POST = handle('POST');
