/**
 * Accounts on PostgreSQL: the twins of db/mutations/users.ts's `createUser`, and of what the
 * sign-in throttle and the session secret read and write (db/store/auth-postgres.ts). Accounts are
 * stored as Better Auth stores an e-mail and password sign-up, as on SQLite.
 */
import { eq } from 'drizzle-orm';
import { MutationError } from '@/db/mutations/errors';
import { newAuthId, type CreateUserOptions } from '@/db/mutations/users';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/roles';
import type { NewUserInput } from '@/lib/validation/user';
import type { PgDb } from './connect';
import { account, user } from './auth-schema';

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
