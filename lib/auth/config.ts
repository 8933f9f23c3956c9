/**
 * The Better Auth instance: e-mail and password only, public sign-up off, users and sessions in
 * our SQLite file through the Drizzle adapter, passwords hashed with scrypt at OWASP cost, failed
 * sign-ins throttled per account and per client. A factory, so tests build one on a temporary
 * database; the server caches its own in lib/auth/server.ts.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import { hashPassword, verifyPassword } from './password';
import { SIGN_IN_LIMITS, signInThrottle, type SignInLimits } from './sign-in-throttle';
import { PASSWORD_MAX } from '@/lib/validation/user';

export interface AuthConfig {
  db: Db;
  secret: string;
  /** A fixed public address (BETTER_AUTH_URL); without one, each request's own address is used. */
  baseURL?: string;
  /** Secure cookies: true over HTTPS. Ignored when baseURL is set (its scheme decides). */
  secureCookies: boolean;
  /** Tests lower the cost; production never sets these. */
  password?: { hash: (password: string) => Promise<string>; verify: (data: { hash: string; password: string }) => Promise<boolean> };
  limits?: SignInLimits;
}

export const SESSION_DAYS = 7;

/** The origin a request was addressed to, from its Host (or the proxy's X-Forwarded-Host). */
export function requestOrigin(headers: Headers): string | null {
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (!host) return null;
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

// Without a configured base URL Better Auth warns once that it will use the request's address:
// that is the design here (see docs/decisions/0006-auth-and-roles.md), so the warning is noise.
const QUIET = /Base URL is not set/;

export function createAuth(config: AuthConfig) {
  return betterAuth({
    appName: 'Sanctions & Policy Tracker',
    secret: config.secret,
    baseURL: config.baseURL,
    database: drizzleAdapter(config.db, {
      provider: 'sqlite',
      schema: { user: schema.user, session: schema.session, account: schema.account, verification: schema.verification },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: PASSWORD_MAX,
      password: {
        hash: config.password?.hash ?? ((password) => hashPassword(password)),
        verify: config.password?.verify ?? (({ hash, password }) => verifyPassword(hash, password)),
      },
    },
    user: {
      additionalFields: {
        // Never settable through Better Auth's endpoints; admins change it in db/mutations/users.ts.
        role: { type: 'string', required: false, defaultValue: 'viewer', input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * SESSION_DAYS,
      updateAge: 60 * 60 * 24,
      // No cookie cache: every request reads the session row, so a role change or a removed
      // account takes effect on the next request.
      cookieCache: { enabled: false },
    },
    advanced: {
      useSecureCookies: config.baseURL ? config.baseURL.startsWith('https://') : config.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
      cookiePrefix: 'tracker',
    },
    // Without a fixed base URL, a request is trusted when its Origin is the host it was sent to:
    // the same rule Next.js applies to server actions (lib/auth/same-origin.ts).
    trustedOrigins: (request) => {
      const origin = request ? requestOrigin(request.headers) : null;
      return origin ? [origin] : [];
    },
    telemetry: { enabled: false },
    logger: {
      log: (level, message, ...args) => {
        if (QUIET.test(message)) return;
        (level === 'error' ? console.error : level === 'warn' ? console.warn : console.log)(`[auth] ${message}`, ...args);
      },
    },
    // nextCookies must come last: it copies the cookies other hooks set onto the Next.js response.
    plugins: [signInThrottle(config.db, config.limits ?? SIGN_IN_LIMITS), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
