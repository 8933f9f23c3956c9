/**
 * The gate of a staff page: sends a person without a session to sign in (and back), and gives a
 * signed-in person without the permission the page that says what is missing. Server-only: it
 * reads the session.
 */
import 'server-only';
import type { ReactElement } from 'react';
import { PERMISSION_NEEDS, type Permission, type Viewer } from '@/lib/auth/roles';
import { staffForPage } from '@/server/auth/viewer';
import { Forbidden } from './forbidden';

/** `const { viewer, forbidden } = await staffPage(path, permission); if (forbidden) return forbidden;` */
export async function staffPage(path: string, permission: Permission): Promise<{ viewer: Viewer; forbidden: ReactElement | null }> {
  const { viewer, allowed } = await staffForPage(path, permission);
  return { viewer, forbidden: allowed ? null : <Forbidden viewer={viewer} needs={PERMISSION_NEEDS[permission]} /> };
}
