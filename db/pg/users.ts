/**
 * Accounts on PostgreSQL: the twins of db/mutations/users.ts and db/queries/users.ts (used through
 * db/store/auth-postgres.ts). Accounts are stored as Better Auth stores an e-mail and password
 * sign-up, as on SQLite. "Never without an admin" must hold with writers side by side: a change
 * that could take away the last admin first locks every admin's row (`FOR UPDATE`), so two admins
 * demoting each other at once are taken one after the other, and the second is refused.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { MutationError } from '@/db/mutations/errors';
import { cannotRemoveSelf, existingAccount, lastAdminCannotBeRemoved, lastAdminCannotLoseRole, newAuthId, type CreateUserOptions } from '@/db/mutations/users';
import type { UserListItem } from '@/db/queries/users';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/roles';
import type { NewUserInput } from '@/lib/validation/user';
import type { PgDb } from './connect';
import { account, session, signInFailures, user } from './auth-schema';
import type { PgTx } from './replicas';

const TAKEN = 'An account with this e-mail already exists.';

/** `createUser`'s twin: one `user` row and its `credential` account, in one transaction. */
export async function pgCreateUser(db: PgDb, input: NewUserInput, options: CreateUserOptions = {}): Promise<{ id: string; email: string; role: Role }> {
  const email = input.email.toLowerCase();
  const [exists] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  if (exists) throw new MutationError(TAKEN, { email: TAKEN }, 409);
  const passwordHash = await (options.hash ?? hashPassword)(input.password);
  const id = newAuthId();
  const now = new Date();
  try {
    await db.transaction(async (tx) => {
      await tx.insert(user).values({ id, email, name: input.name || email.split('@')[0]!, role: input.role, emailVerified: true, createdAt: now, updatedAt: now });
      await tx.insert(account).values({ id: newAuthId(), accountId: id, providerId: 'credential', userId: id, password: passwordHash, createdAt: now, updatedAt: now });
    });
  } catch (err) {
    // Another request created the same address between the check and the insert (unique_violation).
    if (isUniqueViolation(err)) throw new MutationError(TAKEN, { email: TAKEN }, 409);
    throw err;
  }
  return { id, email, role: input.role };
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** Locks every admin's row for the rest of the transaction and says who they are. */
async function lockAdmins(tx: PgTx): Promise<{ id: string }[]> {
  return tx.select({ id: user.id }).from(user).where(eq(user.role, 'admin')).for('update');
}

async function requireUser(tx: PgTx, id: string) {
  const [row] = await tx.select().from(user).where(eq(user.id, id));
  return existingAccount(row);
}

/** `setUserRole`'s twin: refuses to leave the tracker without an admin. */
export async function pgSetUserRole(db: PgDb, id: string, role: Role): Promise<void> {
  await db.transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const target = await requireUser(tx, id);
    if (target.role === role) return;
    if (target.role === 'admin' && admins.length <= 1) throw lastAdminCannotLoseRole();
    await tx.update(user).set({ role, updatedAt: new Date() }).where(eq(user.id, id));
  });
}

/** `setUserPassword`'s twin: a new password, signed out everywhere, the sign-in wait lifted. */
export async function pgSetUserPassword(db: PgDb, id: string, password: string, options: CreateUserOptions = {}): Promise<void> {
  const [found] = await db.select().from(user).where(eq(user.id, id));
  const target = existingAccount(found);
  const passwordHash = await (options.hash ?? hashPassword)(password);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(account)
      .set({ password: passwordHash, updatedAt: new Date() })
      .where(and(eq(account.userId, id), eq(account.providerId, 'credential')))
      .returning({ id: account.id });
    if (updated.length === 0) await tx.insert(account).values({ id: newAuthId(), accountId: id, providerId: 'credential', userId: id, password: passwordHash });
    await tx.delete(session).where(eq(session.userId, id));
    await tx.delete(signInFailures).where(eq(signInFailures.account, target.email));
  });
}

/** `deleteUser`'s twin: never one's own account, never the last admin. */
export async function pgDeleteUser(db: PgDb, id: string, actingUserId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const target = await requireUser(tx, id);
    if (id === actingUserId) throw cannotRemoveSelf();
    if (target.role === 'admin' && admins.filter((a) => a.id !== id).length === 0) throw lastAdminCannotBeRemoved();
    await tx.delete(user).where(eq(user.id, id));
  });
}

/** `listUsers`' twin: by e-mail, each with when they last used a session. */
export async function pgListUsers(db: PgDb): Promise<UserListItem[]> {
  return db
    .select({
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      createdAt: user.createdAt,
      lastSeenAt: sql<Date | null>`(SELECT max(s.updated_at) FROM session s WHERE s.user_id = "user"."id")`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v))),
    })
    .from(user)
    .orderBy(asc(sql`${user.email} COLLATE "C"`));
}

export async function pgCountAdmins(db: PgDb): Promise<number> {
  const [row] = await db.select({ n: count() }).from(user).where(eq(user.role, 'admin'));
  return row?.n ?? 0;
}
