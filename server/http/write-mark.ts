/**
 * After a write on PostgreSQL: the position it left in the primary's log goes into the person's
 * cookie (lib/http/write-mark-cookie.ts), so that their next request reads it on any server
 * (decision 0046). Server actions (server/actions/guard.ts) and staff routes
 * (server/http/staff-route.ts) call it; on SQLite it does nothing.
 */
import 'server-only';
import { cookies } from 'next/headers';
import { getStore } from '@/db';
import { WRITE_MARK_COOKIE, WRITE_MARK_MAX_AGE } from '@/lib/http/write-mark-cookie';

export async function rememberWrite(): Promise<void> {
  const store = getStore();
  if (store.engine !== 'postgres') return;
  const mark = (store as { lastWrite?: { lsn: string } }).lastWrite;
  if (!mark) return;
  (await cookies()).set(WRITE_MARK_COOKIE, mark.lsn, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: WRITE_MARK_MAX_AGE });
}
