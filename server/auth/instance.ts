/**
 * The server's Better Auth instances, created on first use (never at build time) on the app's
 * database, one per site origin: Better Auth's base URL, the origin it trusts and whether cookies
 * are Secure are fixed per instance, and the origin is what lib/http/request-site.ts decides for the
 * request (BETTER_AUTH_URL when set: then there is exactly one). Without it a server reached both as
 * http://127.0.0.1:3000 and http://localhost:3000 keeps one instance for each.
 */
import 'server-only';
import { getDb, getStore } from '@/db';
import { env } from '@/lib/env';
import { requestSite } from '@/lib/http/request-site';
import { createAuth, type Auth } from './config';
import { resolveAuthSecret } from './secret';

/** Origins come from a short list (the configured one, the server's addresses, localhost); a bound all the same. */
const MAX_INSTANCES = 8;

const globalForAuth = globalThis as unknown as { __trackerAuth?: Map<string, Auth> };

export function getAuth(origin: string): Auth {
  const instances = (globalForAuth.__trackerAuth ??= new Map());
  const existing = instances.get(origin);
  if (existing) return existing;
  const db = getDb();
  const auth = createAuth({ store: getStore().auth, secret: resolveAuthSecret(db, env().BETTER_AUTH_SECRET).secret, baseURL: origin });
  if (instances.size >= MAX_INSTANCES) instances.delete(instances.keys().next().value!);
  instances.set(origin, auth);
  return auth;
}

export function authFor(headers: Headers): Auth {
  return getAuth(requestSite(headers).origin);
}
