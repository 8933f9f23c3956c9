/**
 * GET /api/entities?q=…: actors whose name or alias matches, for the actor filter's search box.
 * `limit` is 1-20 (default 10). Each match says how many events the viewer can see for it.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import type { ApiError, EntitySearchResponse } from '@/db/api-types';
import { cacheHeadersFor, readAccess } from '@/server/auth/read-access';

export const dynamic = 'force-dynamic';

const MAX_QUERY = 200;

export async function GET(request: NextRequest) {
  const access = await readAccess('json');
  if (access.denied) return access.denied;
  const cache = cacheHeadersFor(request, access.viewer);
  const params = request.nextUrl.searchParams;
  const issues: NonNullable<ApiError['issues']> = [];
  const q = params.get('q') ?? '';
  if (q.length > MAX_QUERY) issues.push({ param: 'q', message: `At most ${MAX_QUERY} characters.` });
  const limitParam = params.get('limit');
  const limit = limitParam === null ? 10 : /^\d{1,2}$/.test(limitParam) ? Number(limitParam) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > 20) issues.push({ param: 'limit', message: 'Must be a whole number from 1 to 20.' });
  if (issues.length > 0) return NextResponse.json<ApiError>({ error: 'Invalid query parameters.', issues }, { status: 400, headers: { ...cache } });

  const items = await getStore().suggest.entities(q, limit, { includeDrafts: access.includeDrafts });
  return NextResponse.json<EntitySearchResponse>({ items }, { headers: { ...cache } });
}
