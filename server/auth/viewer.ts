/**
 * Who is asking, and may they? The server-side checks every page, server action and route handler
 * that reads drafts or writes calls before touching data. proxy.ts redirects early as a courtesy;
 * these are the checks that count.
 */
import 'server-only';
import { getSessionCookie } from 'better-auth/cookies';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { env } from '@/lib/env';
import { AuthorizationError, authorize, canSeeDrafts, isRole, type Permission, type Role, type Viewer } from '@/lib/auth/roles';
import { authFor } from './instance';

export { AuthorizationError, canSeeDrafts, type Viewer };

/** The signed-in person for this request, or null. Read once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const requestHeaders = await headers();
  // No session cookie, no session: most readers are anonymous, and asking Better Auth costs more
  // than the rest of a cached API answer. Same test as proxy.ts (prefix from lib/auth/config.ts).
  if (getSessionCookie(requestHeaders, { cookiePrefix: 'tracker' }) === null) return null;
  const result = await authFor(requestHeaders).api.getSession({ headers: requestHeaders });
  if (!result) return null;
  const { id, email, name, role } = result.user as typeof result.user & { role?: unknown };
  return { id, email, name, role: isRole(role) ? role : 'viewer' };
});

/** Throws AuthorizationError (401 without a session, 403 without the permission). */
export async function requirePermission(permission: Permission): Promise<Viewer> {
  return authorize(await getViewer(), permission);
}

const ROLE_PERMISSION: Record<Role, Permission> = {
  viewer: 'drafts:read',
  editor: 'records:write',
  admin: 'users:manage',
};

/** `requireRole('editor')`: the viewer holds at least this role. */
export async function requireRole(role: Role): Promise<Viewer> {
  return requirePermission(ROLE_PERMISSION[role]);
}

export function readAccessIsPublic(): boolean {
  return env().READ_ACCESS === 'public';
}

/**
 * For reading published content: with READ_ACCESS=signed-in, throws 401 without a session.
 * Returns the viewer (or null when reading is public and nobody is signed in).
 */
export async function requireReadAccess(): Promise<Viewer | null> {
  const viewer = await getViewer();
  if (!viewer && !readAccessIsPublic()) throw new AuthorizationError(401, 'Sign in to read the tracker.');
  return viewer;
}

export function signInPath(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

/** For pages: like requireReadAccess, but sends a person without a session to the sign-in page. */
export async function readerForPage(path: string): Promise<Viewer | null> {
  const viewer = await getViewer();
  if (!viewer && !readAccessIsPublic()) redirect(signInPath(path));
  return viewer;
}

/** For staff pages: sign in first, then a page that says what role is missing. */
export async function staffForPage(path: string, permission: Permission): Promise<{ viewer: Viewer; allowed: boolean }> {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(path));
  try {
    authorize(viewer, permission);
    return { viewer, allowed: true };
  } catch {
    return { viewer, allowed: false };
  }
}
