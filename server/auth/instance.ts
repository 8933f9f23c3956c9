/**
 * The server's Better Auth instances, created on first use (never at build time) on the app's
 * database, one per site origin: Better Auth's base URL, the origin it trusts and whether cookies
 * are Secure are fixed per instance, and the origin is what lib/http/request-site.ts decides for the
 * request (BETTER_AUTH_URL when set: then there is exactly one). Without it a server reached both as
 * http://127.0.0.1:3000 and http://localhost:3000 keeps one instance for each.
 */
import 'server-only';
import { getDb, getStore, servingEngine } from '@/db';
import { env } from '@/lib/env';
import { requestSite } from '@/lib/http/request-site';
import { createAuth, type Auth } from './config';
import { rememberedAuthSecret, resolveAuthSecret } from './secret';

/** Origins come from a short list (the configured one, the server's addresses, localhost); a bound all the same. */
const MAX_INSTANCES = 8;

const globalForAuth = globalThis as unknown as { __trackerAuth?: Map<string, Auth> };

export function getAuth(origin: string): Auth {
  const instances = (globalForAuth.__trackerAuth ??= new Map());
  const existing = instances.get(origin);
  if (existing) return existing;
  const auth = createAuth({ store: getStore().auth, secret: sessionSecret(), baseURL: origin });
  if (instances.size >= MAX_INSTANCES) instances.delete(instances.keys().next().value!);
  instances.set(origin, auth);
  return auth;
}

/** The secret resolved at start; on SQLite, outside a server (tests, scripts), read or made in the file. */
function sessionSecret(): string {
  const secret = rememberedAuthSecret();
  if (secret) return secret;
  if (servingEngine() === 'postgres') throw new Error('The session secret is resolved when the server starts (instrumentation-node.ts).');
  return resolveAuthSecret(getDb(), env().BETTER_AUTH_SECRET).secret;
}

export function authFor(headers: Headers): Auth {
  return getAuth(requestSite(headers).origin);
}
