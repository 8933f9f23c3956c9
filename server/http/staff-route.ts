/**
 * Shared steps for route handlers that read staff data or write: the cross-site check for writes,
 * the session and role check, a bounded JSON body, and one mapping from refusals to status codes
 * with a message a person can act on. Nothing is read or written before these pass.
 *
 * `withStaff(permission, handler)` is the route's gate (after dub's `withWorkspace`): the handler
 * runs only for a viewer with the permission, and a refusal it throws (`RouteError`, a refused
 * write) becomes the JSON answer, so the handler reads as the steps of the request and nothing else.
 */
import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { writeRefusal } from '@/db/engine/integrity';
import { MutationError, VersionConflictError } from '@/db/mutations/errors';
import { parseId } from '@/db/queries/events';
import { AuthorizationError, type Permission, type Viewer } from '@/lib/auth/roles';
import { crossSiteRefusal } from '@/lib/auth/same-origin';
import { carriesSignedSession } from '@/server/auth/signed-session';
import { requirePermission } from '@/server/auth/viewer';
import { asWrite } from './write-first';
import type { ApiError } from '@/db/api-types';
import { NEVER_STORED } from '@/lib/http/cache-policy';
import { rememberWrite } from './write-mark';

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json<ApiError & Record<string, unknown>>({ error, ...extra }, { status, headers: { ...NEVER_STORED } });
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The viewer, or the response that refuses the request (403 cross-site, 401, 403, and 503 for a
 * write while the database file is known to be damaged: db/engine/integrity.ts).
 */
export async function authorizeRequest(request: Request, permission: Permission): Promise<Viewer | NextResponse> {
  const refusal = crossSiteRefusal(request);
  if (refusal) return jsonError(403, refusal);
  try {
    const viewer = await requirePermission(permission);
    const paused = READS.has(request.method) ? null : writeRefusal();
    return paused ? jsonError(503, paused) : viewer;
  } catch (err) {
    if (err instanceof AuthorizationError) return jsonError(err.status, err.message);
    throw err;
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

/** A refusal a handler throws: its status, message and extra JSON fields (e.g. `issues`). */
export class RouteError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RouteError';
  }
}

export interface StaffRequest<Params> {
  request: NextRequest;
  viewer: Viewer;
  params: Params;
}

/** The route's gate: cross-site check, session and permission, then the handler; refusals as JSON. */
export function withStaff<Params extends Record<string, string> = Record<string, never>>(
  permission: Permission,
  handler: (staff: StaffRequest<Params>) => Response | Promise<Response>,
): (request: NextRequest, context?: { params: Promise<Params> }) => Promise<Response> {
  const run = async (request: NextRequest, viewer: Viewer, context?: { params: Promise<Params> }): Promise<Response> => {
    try {
      const response = await handler({ request, viewer, params: context ? await context.params : ({} as Params) });
      if (!READS.has(request.method)) await rememberWrite();
      return response;
    } catch (err) {
      if (err instanceof RouteError) return jsonError(err.status, err.message, err.extra);
      const response = mutationErrorResponse(err);
      if (response) return response;
      throw err;
    }
  };
  const authorized = async (request: NextRequest, context?: { params: Promise<Params> }): Promise<Response> => {
    const viewer = await authorizeRequest(request, permission);
    return viewer instanceof NextResponse ? viewer : run(request, viewer, context);
  };
  return (request, context) => (mayGoFirst(request) ? asWrite(() => authorized(request, context)) : authorized(request, context));
}

/**
 * Whether a request is a write that goes ahead of the readers waiting for the event loop
 * (server/http/write-first.ts) from its session lookup on: a same-site write with a session cookie
 * this server signed. Any other request (a read, another site, no account, a forged cookie) is
 * checked outside the gate and never holds readers back; the session and role are still checked
 * on every request.
 */
function mayGoFirst(request: Request): boolean {
  return !READS.has(request.method) && crossSiteRefusal(request) === null && carriesSignedSession(request.headers);
}

/** The event a `[id]` route names; a 404 when it cannot be one. */
export function eventIdParam(id: string): number {
  const parsed = parseId(id);
  if (parsed === null) throw new RouteError(404, 'No event with this id.');
  return parsed;
}

const MAX_BODY = 1_000_000;

/** The request's JSON body (at most 1 MB); a 413 or 400 when it is not that. */
export async function jsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY) throw new RouteError(413, 'The request body is larger than 1 MB.');
  const text = await request.text();
  if (text.length > MAX_BODY) throw new RouteError(413, 'The request body is larger than 1 MB.');
  try {
    return JSON.parse(text);
  } catch {
    throw new RouteError(400, 'The request body must be JSON.');
  }
}
