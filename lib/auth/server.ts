/**
 * The server's Better Auth instances, created on first use (never at build time) on the app's
 * database. Cookie attributes are fixed per instance, so there are two: one for requests that
 * arrived over HTTPS (Secure cookies) and one for plain HTTP (a local production build on
 * http://127.0.0.1). With BETTER_AUTH_URL set, its scheme decides for every request.
 */
import 'server-only';
import { getDb } from '@/db/index';
import { env } from '@/lib/env';
import { createAuth, type Auth } from './config';
import { resolveAuthSecret } from './secret';

type Scheme = 'http' | 'https';

const globalForAuth = globalThis as unknown as { __trackerAuth?: Partial<Record<Scheme, Auth>> };

export function requestScheme(headers: Headers): Scheme {
  const configured = env().BETTER_AUTH_URL;
  if (configured) return configured.startsWith('https:') ? 'https' : 'http';
  // Next.js sets X-Forwarded-Proto from the connection unless a proxy in front already did.
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
}

export function getAuth(scheme: Scheme): Auth {
  const instances = (globalForAuth.__trackerAuth ??= {});
  const existing = instances[scheme];
  if (existing) return existing;
  const config = env();
  const db = getDb();
  const auth = createAuth({
    db,
    secret: resolveAuthSecret(db, config.BETTER_AUTH_SECRET).secret,
    baseURL: config.BETTER_AUTH_URL,
    secureCookies: scheme === 'https',
  });
  instances[scheme] = auth;
  return auth;
}

export function authFor(headers: Headers): Auth {
  return getAuth(requestScheme(headers));
}
