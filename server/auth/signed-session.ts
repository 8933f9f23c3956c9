/**
 * Whether a request carries a session cookie this server signed: the same HMAC-SHA256 check Better
 * Auth makes (better-call's `getSignedCookie`), done synchronously with node:crypto. Better Auth's
 * own check goes through Web Crypto, which answers on a later turn of the event loop; under a crowd
 * of readers each such turn is long. A staff write that passes this check goes ahead of readers
 * from its session lookup on (server/http/write-first.ts); one that does not (no account, a forged
 * or tampered cookie) is checked the usual way and never holds readers back.
 *
 * This is not the authorisation: the session may have expired or been revoked and the role may not
 * allow the write. `requirePermission` still decides, on every request.
 */
import 'server-only';
import { getSessionCookie } from 'better-auth/cookies';
import { headers } from 'next/headers';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getDb, servingEngine } from '@/db';
import { env } from '@/lib/env';
import { existingAuthSecret, rememberedAuthSecret } from './secret';

/** Better Auth's signature: base64 of a 32-byte HMAC-SHA256, 44 characters ending in "=". */
const SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;

/** Whether `cookieValue` (`token.signature`, as Better Auth sets it) is signed with `secret`. */
export function isSignedWith(cookieValue: string, secret: string): boolean {
  const dot = cookieValue.lastIndexOf('.');
  if (dot < 1) return false;
  const signature = cookieValue.slice(dot + 1);
  if (!SIGNATURE.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(cookieValue.slice(0, dot)).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether the request's session cookie is one this server signed (see above). */
export function carriesSignedSession(headers: Headers): boolean {
  const value = getSessionCookie(headers, { cookiePrefix: 'tracker' });
  if (!value) return false;
  // No secret yet: no session was ever signed (and a refused request must write nothing).
  const secret = rememberedAuthSecret() ?? (servingEngine() === 'postgres' ? null : existingAuthSecret(getDb(), env().BETTER_AUTH_SECRET));
  return secret !== null && isSignedWith(value, secret);
}

/** The same for the request a server action answers; false outside a request (a script, a test), where no reader waits. */
export async function actionCarriesSignedSession(): Promise<boolean> {
  let requestHeaders: Headers;
  try {
    requestHeaders = await headers();
  } catch {
    return false;
  }
  return carriesSignedSession(requestHeaders);
}
