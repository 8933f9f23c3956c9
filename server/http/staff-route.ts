/**
 * Shared steps for route handlers that read staff data or write: the cross-site check for writes,
 * the session and role check, a bounded JSON body, and one mapping from refusals to status codes
 * with a message a person can act on. Nothing is read or written before these pass.
 */
import 'server-only';
import { NextResponse } from 'next/server';
import { MutationError, VersionConflictError } from '@/db/mutations/errors';
import { AuthorizationError, type Permission, type Viewer } from '@/lib/auth/roles';
import { crossSiteRefusal } from '@/lib/auth/same-origin';
import { requirePermission } from '@/server/auth/viewer';
import type { ApiError } from '@/db/api-types';
import { NEVER_STORED } from '@/lib/http/cache-policy';

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json<ApiError & Record<string, unknown>>({ error, ...extra }, { status, headers: { ...NEVER_STORED } });
}

/** The viewer, or the response that refuses the request (403 cross-site, 401, 403). */
export async function authorizeRequest(request: Request, permission: Permission): Promise<Viewer | NextResponse> {
  const refusal = crossSiteRefusal(request);
  if (refusal) return jsonError(403, refusal);
  try {
    return await requirePermission(permission);
  } catch (err) {
    if (err instanceof AuthorizationError) return jsonError(err.status, err.message);
    throw err;
  }
}

const MAX_BODY = 1_000_000;

export async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: NextResponse }> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY) return { ok: false, response: jsonError(413, 'The request body is larger than 1 MB.') };
  const text = await request.text();
  if (text.length > MAX_BODY) return { ok: false, response: jsonError(413, 'The request body is larger than 1 MB.') };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, response: jsonError(400, 'The request body must be JSON.') };
  }
}

/** A refused write as JSON: conflicts say which version is current, field errors say which field. */
export function mutationErrorResponse(err: unknown): NextResponse | null {
  if (err instanceof VersionConflictError) {
    return jsonError(409, err.message, { currentVersion: err.currentVersion, deleted: err.deleted });
  }
  if (err instanceof MutationError) {
    const issues = Object.entries(err.fieldErrors).map(([param, message]) => ({ param, message }));
    return jsonError(err.status, err.message, issues.length > 0 ? { issues } : {});
  }
  if (err instanceof AuthorizationError) return jsonError(err.status, err.message);
  return null;
}
