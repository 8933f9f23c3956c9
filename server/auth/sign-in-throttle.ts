/**
 * Failed sign-ins slow further attempts down; they never lock an account. The failures live in the
 * database (a restart does not reset them) and a Better Auth plugin applies the rules to
 * `/sign-in/email` however that endpoint is reached (the sign-in form's server action or
 * `POST /api/auth/sign-in/email`).
 *
 * Each attempt is judged by who makes it: the account (the e-mail as typed) and the client's
 * address (lib/http/request-site.ts; an IPv6 address by its /64, as Better Auth's own limit keys
 * it). Three rules, each a wait that doubles with every further failure, up to a cap:
 * - one account from one address (guessing one person's password): from the 5th failure;
 * - one address across accounts (trying many accounts): from the 20th failure;
 * - one account from many addresses (a distributed guess): once it has 10 failures, an address
 *   that has failed at all waits, the longer the more the account has had.
 * An address with no failures is never made to wait, so whatever others do, the person with the
 * right password signs in from their own machine. A refused attempt is not a failure, so waiting
 * always works. A success forgets that address's failures for that account.
 * See docs/decisions/0006-auth-and-roles.md (addendum, issue 10).
 */
import type { BetterAuthOptions, BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware, getIP, isAPIError } from 'better-auth/api';
import type { AuthStore } from '@/db/store/store';
import { CLIENT_ADDRESS_HEADER, requestSite } from '@/lib/http/request-site';

export const SIGN_IN_LIMITS = {
  /** Failures older than this are forgotten. */
  windowMs: 60 * 60 * 1000,
  /** Failures for one account from one address at which attempts from there start to wait. */
  perPair: 5,
  /** Failures from one address, whatever the accounts, at which its attempts start to wait. */
  perClient: 20,
  /** Failures for one account, from anywhere, at which every address that has failed waits. */
  perAccount: 10,
  /** The first wait; each further failure doubles it. */
  firstDelayMs: 15 * 1000,
  maxDelayMs: 15 * 60 * 1000,
};

export type SignInLimits = typeof SIGN_IN_LIMITS;

export function normaliseAccount(email: unknown): string {
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}

const KEY_OPTIONS = { advanced: { ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } } } as BetterAuthOptions;

/**
 * The client's address as the limits key it, from the one function that decides it. Better Auth's
 * normalisation, so that both limits see the same client: an IPv6 address stands for its /64 (one
 * subscriber's network, whose other addresses would otherwise each start afresh).
 */
export function clientKey(headers: Headers | null | undefined): string {
  const address = headers ? requestSite(headers).clientAddress : 'unknown';
  if (address === 'unknown') return address;
  return getIP(new Headers({ [CLIENT_ADDRESS_HEADER]: address }), KEY_OPTIONS) ?? address;
}

/** Failure times (milliseconds, oldest first) inside the window. */
export interface FailureHistory {
  /** This account from this address. */
  pair: number[];
  /** This address, any account. */
  client: number[];
  /** This account, any address. */
  account: number[];
}

export interface SignInBlock {
  retryAfterMs: number;
  reason: 'pair' | 'client' | 'account';
}

const delayFor = (excess: number, limits: SignInLimits) => Math.min(limits.firstDelayMs * 2 ** excess, limits.maxDelayMs);

/** How long this attempt must wait under the three rules, or null when it may go ahead now. */
export function signInWait(history: FailureHistory, now: number, limits: SignInLimits = SIGN_IN_LIMITS): SignInBlock | null {
  const waits: SignInBlock[] = [];
  const after = (times: number[], delay: number, reason: SignInBlock['reason']) => waits.push({ retryAfterMs: times[times.length - 1]! + delay - now, reason });
  if (history.pair.length >= limits.perPair) after(history.pair, delayFor(history.pair.length - limits.perPair, limits), 'pair');
  if (history.client.length >= limits.perClient) after(history.client, delayFor(history.client.length - limits.perClient, limits), 'client');
  // Under a distributed guess only addresses with no failures go straight through; the others wait
  // after their own last failure, longer as the account's failures mount.
  if (history.account.length >= limits.perAccount && history.client.length > 0) {
    after(history.client, delayFor(history.account.length - limits.perAccount, limits), 'account');
  }
  const longest = waits.reduce<SignInBlock | null>((a, b) => (a && a.retryAfterMs >= b.retryAfterMs ? a : b), null);
  if (!longest || longest.retryAfterMs <= 0) return null;
  return { ...longest, retryAfterMs: Math.max(longest.retryAfterMs, 1000) };
}

export async function failureHistory(store: AuthStore, account: string, client: string, now = Date.now(), limits: SignInLimits = SIGN_IN_LIMITS): Promise<FailureHistory> {
  const since = now - limits.windowMs;
  const [pair, byClient, byAccount] = await Promise.all([
    account ? store.failureTimes({ account, client }, since) : [],
    store.failureTimes({ client }, since),
    account ? store.failureTimes({ account }, since) : [],
  ]);
  return { pair, client: byClient, account: byAccount };
}

export async function signInBlock(store: AuthStore, account: string, client: string, now = Date.now(), limits: SignInLimits = SIGN_IN_LIMITS): Promise<SignInBlock | null> {
  return signInWait(await failureHistory(store, account, client, now, limits), now, limits);
}

export function recordSignInFailure(store: AuthStore, account: string, client: string, now = Date.now(), limits = SIGN_IN_LIMITS): Promise<void> {
  return store.recordFailure(account, client, now, now - limits.windowMs);
}

/** After a success: this address's failures for this account are forgotten; others' stay. */
export function clearPairFailures(store: AuthStore, account: string, client: string): Promise<void> {
  return store.clearPairFailures(account, client);
}

export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  if (seconds < 60) return `Too many failed sign-in attempts. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
  const minutes = Math.ceil(seconds / 60);
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
  return { account: normaliseAccount(body.email), client: clientKey(ctx.headers ?? ctx.request?.headers) };
}

export function signInThrottle(store: AuthStore, limits: SignInLimits = SIGN_IN_LIMITS): BetterAuthPlugin {
  return {
    id: 'sign-in-throttle',
    hooks: {
      before: [
        {
          matcher: isEmailSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const { account, client } = keys(ctx);
            const block = await signInBlock(store, account, client, Date.now(), limits);
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
              // Wrong e-mail or password: count it. The next attempt meets the rules above.
              if (returned.statusCode === 401) await recordSignInFailure(store, account, client, Date.now(), limits);
              return;
            }
            if (account) await clearPairFailures(store, account, client);
          }),
        },
      ],
    },
  };
}
