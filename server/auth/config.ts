/**
 * The Better Auth instance: e-mail and password only, public sign-up off, users and sessions in
 * the app's database through the Drizzle adapter (db/store: SQLite or PostgreSQL), passwords hashed with scrypt at OWASP cost, failed
 * sign-ins throttled per account and per client. A factory, so tests build one on a temporary
 * database; the server caches its own in lib/auth/server.ts.
 */
import { betterAuth } from 'better-auth';
import { nextCookies } from 'better-auth/next-js';
import type { AuthStore } from '@/db/store/store';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { SIGN_IN_LIMITS, signInThrottle, type SignInLimits } from './sign-in-throttle';
import { PASSWORD_MAX } from '@/lib/validation/user';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/request-site';

export interface AuthConfig {
  /** The accounts' data on the app's engine (db/store): Better Auth's adapter and the throttle's failures. */
  store: AuthStore;
  secret: string;
  /**
   * This site's origin, as lib/http/request-site.ts decides it for the request (BETTER_AUTH_URL,
   * or the address the server was reached on). Better Auth then trusts exactly this origin and
   * never derives one from the request's Host. Cookies are Secure exactly when it is https://.
   */
  baseURL: string;
  /** Tests lower the cost; production never sets these. */
  password?: { hash: (password: string) => Promise<string>; verify: (data: { hash: string; password: string }) => Promise<boolean> };
  limits?: SignInLimits;
}

export const SESSION_DAYS = 7;

export function createAuth(config: AuthConfig) {
  return betterAuth({
    appName: 'Sanctions & Policy Tracker',
    secret: config.secret,
    baseURL: config.baseURL,
    database: config.store.adapter(),
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
      useSecureCookies: config.baseURL.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
      cookiePrefix: 'tracker',
      // Better Auth's own limit (3 sign-in attempts per 10 s per address) reads the address that
      // proxy.ts wrote from requestSite(), never X-Forwarded-For, which any client sets.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    // Its limit is on in production only by default; on everywhere, so tests see what runs.
    rateLimit: { enabled: true, storage: 'memory' },
    telemetry: { enabled: false },
    logger: {
      log: (level, message, ...args) => {
        (level === 'error' ? console.error : level === 'warn' ? console.warn : console.log)(`[auth] ${message}`, ...args);
      },
    },
    // nextCookies must come last: it copies the cookies other hooks set onto the Next.js response.
    plugins: [signInThrottle(config.store, config.limits ?? SIGN_IN_LIMITS), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
