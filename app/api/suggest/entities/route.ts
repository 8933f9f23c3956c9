/** GET /api/suggest/entities?q=: actors by name or alias, for the staff forms. Staff only. */
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db/index';
import { suggestEntities } from '@/db/queries/suggest';
import { authorizeRequest } from '@/server/http/staff-route';
import { cacheHeadersFor } from '@/server/auth/read-access';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const viewer = await authorizeRequest(request, 'drafts:read');
  if (viewer instanceof NextResponse) return viewer;
  const q = request.nextUrl.searchParams.get('q') ?? '';
  return NextResponse.json({ items: suggestEntities(getDb(), q) }, { headers: { ...cacheHeadersFor(request, viewer, { staffView: true }) } });
}
