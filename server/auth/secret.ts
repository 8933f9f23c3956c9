/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET when set; otherwise one generated on
 * first start and kept in the database, so a fresh clone needs no configuration and sessions
 * survive restarts. Anyone who can read the database file can read this secret; they could read
 * the sessions table too, so it adds no new exposure. Set the variable to keep it elsewhere.
 */
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '@/db/engine/client';
import type { AuthStore } from '@/db/store/store';
import { appSettings } from '@/db/schema';

const KEY = 'auth_secret';

const newSecret = () => randomBytes(32).toString('base64url');

export function resolveAuthSecret(db: DbOrTx, configured: string | undefined): { secret: string; source: 'environment' | 'database' | 'generated' } {
  if (configured) return { secret: configured, source: 'environment' };
  const existing = existingAuthSecret(db, undefined);
  if (existing !== null) return { secret: existing, source: 'database' };
  // Two processes starting at once both try; the first insert wins and both read it back.
  db.insert(appSettings).values({ key: KEY, value: newSecret() }).onConflictDoNothing().run();
  const row = db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, KEY)).get();
  return { secret: row!.value, source: 'generated' };
}

/** The secret if there is one yet, without making one (a read only): null when none was ever made. */
export function existingAuthSecret(db: DbOrTx, configured: string | undefined): string | null {
  if (configured) return configured;
  return db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, KEY)).get()?.value ?? null;
}

/**
 * `resolveAuthSecret` through the data-access interface (db/store), on whichever engine the app
 * runs: the same key and the same rule (the environment's, else the stored one, else a new one,
 * the first of two starting processes winning).
 */
export async function resolveAuthSecretIn(store: AuthStore, configured: string | undefined): Promise<{ secret: string; source: 'environment' | 'database' | 'generated' }> {
  if (configured) return { secret: configured, source: 'environment' };
  const existing = await store.setting(KEY);
  if (existing !== null) return { secret: existing, source: 'database' };
  return { secret: await store.settingOnce(KEY, newSecret()), source: 'generated' };
}

const remembered = globalThis as unknown as { __trackerAuthSecret?: string };

/** Keeps the secret resolved at start (instrumentation-node.ts) for every bundle of the process. */
export function rememberAuthSecret(secret: string): void {
  remembered.__trackerAuthSecret = secret;
}

/** The secret resolved at start, if the server resolved one in this process. */
export function rememberedAuthSecret(): string | undefined {
  return remembered.__trackerAuthSecret;
}
