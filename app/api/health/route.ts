/** GET /api/health: 200 when the database answers; used by tests, load balancers and monitors. */
import { NextResponse } from 'next/server';
import { getConnection } from '@/db/index';
import { NEVER_STORED } from '@/lib/http/cache-policy';

export const dynamic = 'force-dynamic';

export function GET() {
  try {
    getConnection().sqlite.prepare('SELECT 1').get();
    return NextResponse.json({ status: 'ok' }, { headers: { ...NEVER_STORED } });
  } catch {
    return NextResponse.json({ status: 'unavailable' }, { status: 503, headers: { ...NEVER_STORED } });
  }
}
