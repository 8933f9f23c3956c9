/**
 * GET /api/events: the timeline as JSON, newest first, with keyset pagination.
 * Same visibility rules as the page: published, not deleted.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { countEvents, decodeCursor, listEvents } from '@/db/queries/events';
import { getDb } from '@/db/index';
import type { ApiError, EventsPageResponse } from '@/lib/api-types';

export const dynamic = 'force-dynamic';

const MAX_LIMIT = 200;

export function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const issues: NonNullable<ApiError['issues']> = [];

  const cursorParam = params.get('cursor');
  const cursor = cursorParam ? decodeCursor(cursorParam) : null;
  if (cursorParam && !cursor) issues.push({ param: 'cursor', message: 'Not a cursor this API returned.' });

  const limitParam = params.get('limit');
  const limit = limitParam === null ? 50 : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    issues.push({ param: 'limit', message: `Must be a whole number from 1 to ${MAX_LIMIT}.` });
  }

  if (issues.length > 0) {
    return NextResponse.json<ApiError>({ error: 'Invalid query parameters.', issues }, { status: 400 });
  }

  const db = getDb();
  const page = listEvents(db, { cursor, limit });
  return NextResponse.json<EventsPageResponse>({ ...page, total: countEvents(db) });
}
