/**
 * Accounts' data on SQLite for the store: Better Auth's adapter on the app's file, the sign-in
 * failures (server/auth/sign-in-throttle.ts decides what they mean), settings such as the
 * session secret, and new accounts (db/mutations/users.ts).
 */
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '@/db/engine/client';
import { createUser, deleteUser, setUserPassword, setUserRole } from '@/db/mutations/users';
import { countAdmins, listUsers } from '@/db/queries/users';
import { account, appSettings, session, signInFailures, user, verification } from '@/db/schema';
import type { AuthStore, FailureMatch } from './store';

export function sqliteAuthStore(db: Db): AuthStore {
  return {
    adapter: () => drizzleAdapter(db, { provider: 'sqlite', schema: { user, session, account, verification } }),
    async failureTimes(match: FailureMatch, since: number) {
      return db
        .select({ at: signInFailures.at })
        .from(signInFailures)
        .where(and(gt(signInFailures.at, since), match.account === undefined ? undefined : eq(signInFailures.account, match.account), match.client === undefined ? undefined : eq(signInFailures.client, match.client)))
        .orderBy(asc(signInFailures.at))
        .all()
        .map((r) => r.at);
    },
    async recordFailure(failed, client, at, forgetBefore) {
      db.transaction((tx) => {
        tx.delete(signInFailures).where(lt(signInFailures.at, forgetBefore)).run();
        tx.insert(signInFailures).values({ account: failed, client, at }).run();
      });
    },
    async clearPairFailures(failed, client) {
      db.delete(signInFailures)
        .where(and(eq(signInFailures.account, failed), eq(signInFailures.client, client)))
        .run();
    },
    async setting(key) {
      return db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key)).get()?.value ?? null;
    },
    async settingOnce(key, value) {
      db.insert(appSettings).values({ key, value }).onConflictDoNothing().run();
      return db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key)).get()!.value;
    },
    createUser: (input, options) => createUser(db, input, options),
    listUsers: async () => listUsers(db),
    countAdmins: async () => countAdmins(db),
    setRole: async (id, role) => setUserRole(db, id, role),
    setPassword: (id, password, options) => setUserPassword(db, id, password, options),
    deleteUser: async (id, actingUserId) => deleteUser(db, id, actingUserId),
  };
}
