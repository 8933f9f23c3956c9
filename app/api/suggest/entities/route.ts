/**
 * GET /api/suggest/entities?q=: actors by name or alias for staff, drafts' actors included. Staff
 * only. The same search and answer as `/api/entities` gives a signed-in staff member (one rule,
 * db/queries/entity-search.ts); kept for API clients that use this address.
 */
import { NextResponse } from 'next/server';
import { getStore } from '@/db/index';
import type { EntitySearchResponse } from '@/db/api-types';
import { withStaff } from '@/server/http/staff-route';
import { cacheHeadersFor } from '@/server/auth/read-access';

export const dynamic = 'force-dynamic';

export const GET = withStaff('drafts:read', async ({ request, viewer }) => {
  const items = await getStore().suggest.entities(request.nextUrl.searchParams.get('q') ?? '', 10, { includeDrafts: true });
  return NextResponse.json<EntitySearchResponse>({ items }, { headers: { ...cacheHeadersFor(request, viewer, { staffView: true }) } });
});
