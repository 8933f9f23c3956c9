/**
 * Accounts' data on PostgreSQL for the store: Better Auth's Drizzle adapter with the pg provider
 * and db/pg/auth-schema.ts, the sign-in failures, settings and new accounts, on the primary: what
 * decides whether someone may sign in must never be read from a replica that is behind.
 */
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { PgDb } from '@/db/pg/connect';
import { account, appSettings, session, signInFailures, user, verification } from '@/db/pg/auth-schema';
import { pgCountAdmins, pgCreateUser, pgDeleteUser, pgListUsers, pgSetUserPassword, pgSetUserRole } from '@/db/pg/users';
import type { AuthStore, FailureMatch } from './store';

export function postgresAuthStore(db: PgDb): AuthStore {
  return {
    adapter: () => drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
    async failureTimes(match: FailureMatch, since: number) {
      const rows = await db
        .select({ at: signInFailures.at })
        .from(signInFailures)
        .where(and(gt(signInFailures.at, since), match.account === undefined ? undefined : eq(signInFailures.account, match.account), match.client === undefined ? undefined : eq(signInFailures.client, match.client)))
        .orderBy(asc(signInFailures.at));
      return rows.map((r) => r.at);
    },
    async recordFailure(failed, client, at, forgetBefore) {
      await db.transaction(async (tx) => {
        await tx.delete(signInFailures).where(lt(signInFailures.at, forgetBefore));
        await tx.insert(signInFailures).values({ account: failed, client, at });
      });
    },
    async clearPairFailures(failed, client) {
      await db.delete(signInFailures).where(and(eq(signInFailures.account, failed), eq(signInFailures.client, client)));
    },
    async setting(key) {
      const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
      return row?.value ?? null;
    },
    async settingOnce(key, value) {
      await db.insert(appSettings).values({ key, value }).onConflictDoNothing();
      const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
      return row!.value;
    },
    createUser: (input, options) => pgCreateUser(db, input, options),
    listUsers: () => pgListUsers(db),
    countAdmins: () => pgCountAdmins(db),
    setRole: (id, role) => pgSetUserRole(db, id, role),
    setPassword: (id, password, options) => pgSetUserPassword(db, id, password, options),
    deleteUser: (id, actingUserId) => pgDeleteUser(db, id, actingUserId),
  };
}
