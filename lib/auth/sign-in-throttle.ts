/**
 * Failed sign-ins are limited per account and per client, and the count lives in the database so
 * a restart does not reset it. A Better Auth plugin applies it to `/sign-in/email` however that
 * endpoint is reached (the sign-in form's server action or `POST /api/auth/sign-in/email`).
 *
 * Only failures count; once an account has five in the window, the next attempt is refused before
 * the password is checked and is not itself a failure, so waiting out the window always works. A
 * success clears the account's failures.
 */
import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { signInFailures } from '@/db/schema';

export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60 * 1000,
  /** Failures for one e-mail address: guessing one person's password. */
  perAccount: 5,
  /** Failures from one address across accounts: trying many accounts. */
  perClient: 20,
};

export type SignInLimits = typeof SIGN_IN_LIMITS;

export function normaliseAccount(email: unknown): string {
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}

/**
 * The client's address as the nearest proxy reported it: the last entry of X-Forwarded-For. Next.js
 * sets the header from the socket when no proxy did; behind a reverse proxy, the proxy appends the
 * address it saw. A client that forges the header only changes its own per-client bucket; the
 * per-account limit does not depend on it.
 */
export function clientAddress(headers: Headers | null | undefined): string {
  const forwarded = headers?.get('x-forwarded-for');
  const last = forwarded?.split(',').pop()?.trim();
  return last ? last.slice(0, 64) : headers?.get('x-real-ip')?.trim().slice(0, 64) || 'unknown';
}

export interface SignInBlock {
  retryAfterMs: number;
  reason: 'account' | 'client';
}

function retryAfter(times: number[], limit: number, now: number, windowMs: number): number | null {
  if (times.length < limit) return null;
  // The block lifts when enough of the oldest failures leave the window to go below the limit.
  const freeingFailure = times[times.length - limit]!;
  return Math.max(freeingFailure + windowMs - now, 1000);
}

export function signInBlock(
  db: DbOrTx,
  account: string,
  client: string,
  now = Date.now(),
  limits: SignInLimits = SIGN_IN_LIMITS,
): SignInBlock | null {
  const since = now - limits.windowMs;
  const times = (column: typeof signInFailures.account | typeof signInFailures.client, value: string) =>
    db
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(eq(column, value), gt(signInFailures.at, since)))
      .orderBy(asc(signInFailures.at))
      .all()
      .map((r) => r.at);
  const byAccount = account ? retryAfter(times(signInFailures.account, account), limits.perAccount, now, limits.windowMs) : null;
  if (byAccount !== null) return { retryAfterMs: byAccount, reason: 'account' };
  const byClient = retryAfter(times(signInFailures.client, client), limits.perClient, now, limits.windowMs);
  if (byClient !== null) return { retryAfterMs: byClient, reason: 'client' };
  return null;
}

export function recordSignInFailure(db: DbOrTx, account: string, client: string, now = Date.now(), limits = SIGN_IN_LIMITS): void {
  db.transaction((tx) => {
    tx.delete(signInFailures).where(lt(signInFailures.at, now - limits.windowMs)).run();
    tx.insert(signInFailures).values({ account, client, at: now }).run();
  });
}

export function clearAccountFailures(db: DbOrTx, account: string): void {
  db.delete(signInFailures).where(eq(signInFailures.account, account)).run();
}

export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many failed sign-in attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

export const TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS';

function tooMany(block: SignInBlock): APIError {
  return new APIError(
    'TOO_MANY_REQUESTS',
    { message: tooManyAttemptsMessage(block.retryAfterMs), code: TOO_MANY_ATTEMPTS },
    { 'Retry-After': String(Math.ceil(block.retryAfterMs / 1000)) },
  );
}

const isEmailSignIn = (ctx: { path?: string }) => ctx.path === '/sign-in/email';

type HookContext = { body?: unknown; headers?: Headers; request?: Request };

function keys(ctx: HookContext) {
  const body = (ctx.body ?? {}) as { email?: unknown };
  return { account: normaliseAccount(body.email), client: clientAddress(ctx.headers ?? ctx.request?.headers) };
}

export function signInThrottle(db: DbOrTx, limits: SignInLimits = SIGN_IN_LIMITS): BetterAuthPlugin {
  return {
    id: 'sign-in-throttle',
    hooks: {
      before: [
        {
          matcher: isEmailSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const { account, client } = keys(ctx);
            const block = signInBlock(db, account, client, Date.now(), limits);
            if (block) throw tooMany(block);
          }),
        },
      ],
      after: [
        {
          matcher: isEmailSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const { account, client } = keys(ctx);
            const returned = ctx.context.returned;
            if (isAPIError(returned)) {
              // Wrong e-mail or password: count it. The next attempt meets the block above.
              if (returned.statusCode === 401) recordSignInFailure(db, account, client, Date.now(), limits);
              return;
            }
            if (account) clearAccountFailures(db, account);
          }),
        },
      ],
    },
  };
}
