/**
 * In-process harness for the hostile-input and authorisation tests: the real route handlers and
 * server actions on a real (in-memory, migrated, seeded) database, with only the session faked.
 * Next's request context does not exist in Vitest, so each test file mocks two modules with what
 * is exported here:
 *
 *   vi.mock('@/db/index', async () => (await import('@/testing/harness')).dbModule());
 *   vi.mock('@/server/auth/viewer', async () => (await import('@/testing/harness')).viewerModule());
 */
import { createHash } from 'node:crypto';
import { NextRequest } from 'next/server';
import type { Connection } from '@/db/engine/client';
import { seedDatabase } from '@/db/seed/seed';
import { createTestDb } from '@/db/testing/test-db';
import { AuthorizationError, authorize, canSeeDrafts, type Permission, type Role, type Viewer } from '@/lib/auth/roles';

export const harness = {
  conn: null as Connection | null,
  viewer: null as Viewer | null,
  readAccess: 'public' as 'public' | 'signed-in',
};

export function connection(): Connection {
  if (!harness.conn) throw new Error('Call freshDatabase() first.');
  return harness.conn;
}

/** A migrated in-memory database with the curated seed (16 events, 32 actors). */
export function freshDatabase({ seed = true } = {}): Connection {
  harness.conn?.sqlite.close();
  harness.conn = createTestDb();
  if (seed) seedDatabase(harness.conn.db);
  return harness.conn;
}

export function signInAs(role: Role | null): void {
  harness.viewer = role ? { id: `user-${role}`, email: `${role}@example.org`, name: role, role } : null;
}

export async function dbModule() {
  // Imported here, not at the top: the store reaches modules that tests mock with this harness
  // (lib/auth/password through the accounts), and a static import would wait on itself.
  const { sqliteStore } = await import('@/db/store/sqlite');
  return {
    getDb: () => connection().db,
    getConnection: () => connection(),
    getStore: () => sqliteStore(connection()),
    servingEngine: () => 'sqlite' as const,
    servingPostgres: () => null,
    openServingPostgres: async () => {
      throw new Error('The test harness serves from SQLite.');
    },
  };
}

export function viewerModule() {
  const requireReadAccess = async () => {
    if (!harness.viewer && harness.readAccess !== 'public') throw new AuthorizationError(401, 'Sign in to read the tracker.');
    return harness.viewer;
  };
  return {
    AuthorizationError,
    canSeeDrafts,
    getViewer: async () => harness.viewer,
    requirePermission: async (permission: Permission) => authorize(harness.viewer, permission),
    requireReadAccess,
    readAccessIsPublic: () => harness.readAccess === 'public',
  };
}

/**
 * A digest of everything in the database: the schema (sqlite_master) and every row of every table,
 * search-index internals included. Equal digests before and after a request mean it changed nothing.
 */
export function databaseChecksum(conn: Connection = connection()): string {
  const hash = createHash('sha256');
  const tables = conn.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  for (const row of conn.sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name').raw().iterate()) hash.update(JSON.stringify(row));
  for (const table of tables) {
    hash.update(`\n${table}\n`);
    for (const row of conn.sqlite.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

export const ORIGIN = 'http://127.0.0.1:3000';
export type Site = 'same-site' | 'cross-site' | 'no-origin';

const SITE_HEADERS: Record<Site, Record<string, string>> = {
  'same-site': { origin: ORIGIN, 'sec-fetch-site': 'same-origin' },
  'cross-site': { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  'no-origin': {},
};

/** A request as a browser on `site` (or a script that sends no Origin) would send it. */
export function apiRequest(
  method: string,
  pathAndQuery: string,
  { body, site = 'same-site', headers = {} }: { body?: string | object; site?: Site; headers?: Record<string, string> } = {},
): NextRequest {
  return new NextRequest(`${ORIGIN}${pathAndQuery}`, {
    method,
    headers: { host: '127.0.0.1:3000', 'content-type': 'application/json', ...SITE_HEADERS[site], ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const routeParams = (id: string) => ({ params: Promise.resolve({ id }) });

export interface Answer {
  status: number;
  body: string;
  /** The JSON body's `error`, or the text body, for 4xx answers. */
  message: string;
}

/** Reads a response to the end (exports stream; an error mid-stream must surface here). */
export async function readAnswer(res: Response): Promise<Answer> {
  const body = await res.text();
  let message = body.trim();
  if ((res.headers.get('content-type') ?? '').includes('json') && body) {
    try {
      const parsed = JSON.parse(body) as { error?: unknown };
      message = typeof parsed.error === 'string' ? parsed.error : '';
    } catch {
      message = '';
    }
  }
  return { status: res.status, body, message };
}

/** 2xx, or 4xx with a message a person can read; never 5xx, never a bare 4xx. */
export function isAcceptableAnswer(answer: Answer): boolean {
  if (answer.status >= 200 && answer.status < 300) return true;
  return answer.status >= 400 && answer.status < 500 && answer.message.length > 0;
}

/** What `redirect()` throws in these tests; an action that redirects has succeeded. */
export class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}

export function navigationModule() {
  return {
    redirect: (url: string) => {
      throw new Redirect(url);
    },
  };
}

export function cacheModule() {
  return { revalidatePath: () => {} };
}

/** Scrypt at the production cost takes a tenth of a second a call; these tests hash hundreds of times. */
export function passwordModule() {
  return {
    hashPassword: async (password: string) => `test$${password}`,
    verifyPassword: async (hash: string, password: string) => hash === `test$${password}`,
  };
}

/**
 * Runs a server action as Next.js would: a redirect is its success, returned as `{ redirect }`;
 * any other exception is what the browser would get as a 500, so it propagates and fails the test.
 */
export async function runAction<T>(call: () => Promise<T>): Promise<T | { redirect: string }> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Redirect) return { redirect: err.url };
    throw err;
  }
}
