/** Reads of user accounts, for the admin page and the first-start check. */
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { user } from '../schema';
import type { Role } from '@/lib/auth/roles';

export interface UserListItem {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
  /** When the person last signed in or used a session, if ever. */
  lastSeenAt: Date | null;
}

export function listUsers(db: DbOrTx): UserListItem[] {
  return db
    .select({
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      createdAt: user.createdAt,
      // Qualified by hand: drizzle writes a column here as a bare "id", which would mean session.id.
      lastSeenMs: sql<number | null>`(SELECT max(s.updated_at) FROM session s WHERE s.user_id = "user"."id")`,
    })
    .from(user)
    .orderBy(asc(user.email))
    .all()
    .map(({ lastSeenMs, ...u }) => ({ ...u, lastSeenAt: lastSeenMs === null ? null : new Date(lastSeenMs) }));
}

export function countAdmins(db: DbOrTx): number {
  return db.select({ n: sql<number>`count(*)` }).from(user).where(eq(user.role, 'admin')).get()?.n ?? 0;
}
