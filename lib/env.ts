/**
 * Configuration from the environment, validated in one place. Read lazily so that `next build`
 * (which imports route modules) never needs a runtime environment.
 */
import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** An empty variable (`FOO=`) counts as unset. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('data/tracker.db'),
  /**
   * A PostgreSQL address (postgres://user:password@host:5432/database). For now the operations
   * scripts use it (db:backup, db:restore: pg_dump and pg_restore); the server refuses to start with
   * it set, since it serves from SQLite only (decision 0043).
   */
  DATABASE_URL: unsetIfEmpty(z.string().regex(/^postgres(ql)?:\/\//i, 'must be a PostgreSQL address, postgres://user:password@host:5432/database')),
  /**
   * Streaming replicas of DATABASE_URL's server, separated by commas: reads go to them, writes to
   * the primary (db/pg/replicas.ts, decision 0044). Only with DATABASE_URL.
   */
  DATABASE_REPLICA_URLS: unsetIfEmpty(
    z
      .string()
      .refine(
        (v) => v.split(/[\s,]+/).filter(Boolean).every((u) => /^postgres(ql)?:\/\//i.test(u)),
        'must be PostgreSQL addresses separated by commas, postgres://user:password@replica-host:5432/database,...',
      ),
  ),
  /** Load the curated seed events when the database holds no events (first start). */
  SEED_ON_EMPTY: booleanFlag.default(true),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * Signs session cookies. When unset, one is generated on first start and kept in the database
   * (table app_settings), so a fresh clone runs with no configuration.
   */
  BETTER_AUTH_SECRET: unsetIfEmpty(
    z.string().min(32, 'must be at least 32 characters (e.g. the output of `openssl rand -base64 32`)'),
  ),
  /**
   * The public address, e.g. https://tracker.example.org. When unset, each request's own address
   * is used, and cookies are Secure exactly when the request came over HTTPS.
   */
  BETTER_AUTH_URL: unsetIfEmpty(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })),
  /**
   * Exactly one reverse proxy stands in front and is the only way in: believe its last
   * X-Forwarded-For entry (the client's address), X-Forwarded-Proto and X-Forwarded-Host. Off by
   * default: the address is the socket's peer, and the origin is BETTER_AUTH_URL or the address the
   * server was reached on (lib/http/request-site.ts).
   */
  TRUST_PROXY: booleanFlag.default(false),
  /** `public`: anyone reads the published timeline. `signed-in`: every page and API needs an account. */
  READ_ACCESS: z.enum(['public', 'signed-in']).default('public'),
  /** On first start with no admin, create this one (both must be set). */
  ADMIN_EMAIL: unsetIfEmpty(z.email('must be an e-mail address')),
  ADMIN_PASSWORD: unsetIfEmpty(z.string()),
  /**
   * Send `Server-Timing` (the handler's database time) on `GET /api/events`, for `npm run bench`.
   * Off by default: a time near zero tells a reader the answer came from the read cache, that is,
   * that someone else opened the same view since the last write.
   */
  SERVER_TIMING: booleanFlag.default(false),
  /**
   * How often the server repeats the full integrity check of the database file (`PRAGMA
   * quick_check` in a worker thread, decision 0037), in hours; the first runs a few seconds after
   * start. 0: only that first one. At most 576 (24 days, the longest timer Node.js keeps).
   */
  INTEGRITY_CHECK_HOURS: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), z.number().min(0).max(576).default(24)),
}).refine((e) => !e.DATABASE_REPLICA_URLS || e.DATABASE_URL, {
  path: ['DATABASE_REPLICA_URLS'],
  message: 'is set without DATABASE_URL: replicas follow a PostgreSQL primary, so set DATABASE_URL to the primary too (or unset both for SQLite)',
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
