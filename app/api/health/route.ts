/** GET /api/health: 200 when the database answers; used by tests, load balancers and monitors. */
import { NextResponse } from 'next/server';
import { getConnection } from '@/db/index';

export const dynamic = 'force-dynamic';

export function GET() {
  try {
    getConnection().sqlite.prepare('SELECT 1').get();
    return NextResponse.json({ status: 'ok' });
  } catch {
    return NextResponse.json({ status: 'unavailable' }, { status: 503 });
  }
}
