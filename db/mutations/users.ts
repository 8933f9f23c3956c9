/**
 * Writes to user accounts. Accounts are stored the way Better Auth stores an e-mail and password
 * sign-up (a `user` row and a `credential` account holding the password hash), so Better Auth signs
 * these people in; creating them here instead of through its sign-up endpoint is what lets public
 * sign-up stay off.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '@/db/engine/client';
import { MutationError } from './errors';
import { account, session, signInFailures, user } from '../schema';
import { countAdmins } from '../queries/users';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/roles';
import type { NewUserInput } from '@/lib/validation/user';

export function newAuthId(): string {
  return randomBytes(18).toString('base64url');
}

export interface CreateUserOptions {
  /** Tests pass a cheaper hash; everything else uses the OWASP cost. */
  hash?: (password: string) => Promise<string>;
}

export async function createUser(
  db: DbOrTx,
  input: NewUserInput,
  options: CreateUserOptions = {},
): Promise<{ id: string; email: string; role: Role }> {
  const email = input.email.toLowerCase();
  const exists = db.select({ id: user.id }).from(user).where(eq(user.email, email)).get();
  if (exists) throw new MutationError('An account with this e-mail already exists.', { email: 'An account with this e-mail already exists.' }, 409);
  const passwordHash = await (options.hash ?? hashPassword)(input.password);
  const id = newAuthId();
  const now = new Date();
  try {
    db.transaction((tx) => {
      tx.insert(user)
        .values({ id, email, name: input.name || email.split('@')[0]!, role: input.role, emailVerified: true, createdAt: now, updatedAt: now })
        .run();
      tx.insert(account)
        .values({ id: newAuthId(), accountId: id, providerId: 'credential', userId: id, password: passwordHash, createdAt: now, updatedAt: now })
        .run();
    });
  } catch (err) {
    // Another request created the same address between the check and the insert.
    if (err instanceof Error && /UNIQUE constraint failed: user\.email/.test(err.message)) {
      throw new MutationError('An account with this e-mail already exists.', { email: 'An account with this e-mail already exists.' }, 409);
    }
    throw err;
  }
  return { id, email, role: input.role };
}

function requireUser(db: DbOrTx, id: string) {
  return existingAccount(db.select().from(user).where(eq(user.id, id)).get());
}

/** The rules both engines apply to accounts, with what was read. */
export function existingAccount<R>(row: R | undefined): R {
  if (!row) throw new MutationError('That account no longer exists.', {}, 404);
  return row;
}

export const lastAdminCannotLoseRole = () => new MutationError('This is the only admin: make someone else an admin first.', { role: 'The only admin cannot lose the role.' }, 409);
export const cannotRemoveSelf = () => new MutationError('You cannot remove your own account.', {}, 409);
export const lastAdminCannotBeRemoved = () => new MutationError('This is the only admin and cannot be removed.', {}, 409);

/** Changes a role; refuses to leave the tracker without an admin. */
export function setUserRole(db: DbOrTx, id: string, role: Role): void {
  db.transaction((tx) => {
    const target = requireUser(tx, id);
    if (target.role === role) return;
    if (target.role === 'admin' && countAdmins(tx) <= 1) throw lastAdminCannotLoseRole();
    tx.update(user).set({ role, updatedAt: new Date() }).where(eq(user.id, id)).run();
  });
}

/** Sets a new password, signs the person out everywhere, and lifts a sign-in lockout. */
export async function setUserPassword(db: DbOrTx, id: string, password: string, options: CreateUserOptions = {}): Promise<void> {
  const target = requireUser(db, id);
  const passwordHash = await (options.hash ?? hashPassword)(password);
  db.transaction((tx) => {
    const updated = tx
      .update(account)
      .set({ password: passwordHash, updatedAt: new Date() })
      .where(and(eq(account.userId, id), eq(account.providerId, 'credential')))
      .run();
    if (updated.changes === 0) {
      tx.insert(account).values({ id: newAuthId(), accountId: id, providerId: 'credential', userId: id, password: passwordHash }).run();
    }
    tx.delete(session).where(eq(session.userId, id)).run();
    tx.delete(signInFailures).where(eq(signInFailures.account, target.email)).run();
  });
}

/** Removes an account (its sessions go with it; the history keeps the e-mail it recorded). */
export function deleteUser(db: DbOrTx, id: string, actingUserId: string): void {
  db.transaction((tx) => {
    const target = requireUser(tx, id);
    if (id === actingUserId) throw cannotRemoveSelf();
    if (target.role === 'admin') {
      const others = tx
        .select({ n: sql<number>`count(*)` })
        .from(user)
        .where(and(eq(user.role, 'admin'), ne(user.id, id)))
        .get()?.n ?? 0;
      if (others === 0) throw lastAdminCannotBeRemoved();
    }
    tx.delete(user).where(eq(user.id, id)).run();
  });
}
