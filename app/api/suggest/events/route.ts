/** GET /api/suggest/events?q=&exclude=: events to link to, by title or number. Staff only (drafts included). */
import { NextResponse } from 'next/server';
import { getStore } from '@/db/index';
import { parseId } from '@/db/queries/events';
import { withStaff } from '@/server/http/staff-route';
import { cacheHeadersFor } from '@/server/auth/read-access';

export const dynamic = 'force-dynamic';

export const GET = withStaff('drafts:read', async ({ request, viewer }) => {
  const params = request.nextUrl.searchParams;
  const exclude = parseId(params.get('exclude') ?? '');
  return NextResponse.json({ items: await getStore().suggest.events(params.get('q') ?? '', { exclude }) }, { headers: { ...cacheHeadersFor(request, viewer, { staffView: true }) } });
});
