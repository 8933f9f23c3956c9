/**
 * GET /api/health: 200 when the database answers; used by tests, load balancers and monitors.
 * `integrity` is the full check of the file that runs in the background (decision 0037):
 * `pending` until the first one finishes, `ok` with when and how long, `failed` with SQLite's
 * message (then `status` is `degraded` and `writes` is `refused`: reads still work, so the answer
 * stays 200 and a load balancer keeps the server), or `error` when the check could not run.
 * `facetIndex` is the in-memory index the timeline's views are answered from (decision 0039):
 * `building` (the SQL answers meanwhile), `ready` with its events and build time, `failed`, `off`.
 * `engine` is the database the app serves from: `sqlite` in this version (PostgreSQL holds copies
 * and backups only, decision 0043).
 */
import { NextResponse } from 'next/server';
import { getConnection } from '@/db/index';
import { INTEGRITY_CHECK, integrityStatus } from '@/db/engine/integrity';
import { facetIndexStatus } from '@/db/derived/facet-index';
import { NEVER_STORED } from '@/lib/http/cache-policy';

export const dynamic = 'force-dynamic';

export function GET() {
  let connection;
  try {
    connection = getConnection();
    connection.sqlite.prepare('SELECT 1').get();
  } catch {
    return NextResponse.json({ status: 'unavailable' }, { status: 503, headers: { ...NEVER_STORED } });
  }
  const integrity = integrityStatus();
  const failed = integrity.state === 'failed';
  return NextResponse.json(
    {
      status: failed ? 'degraded' : 'ok',
      engine: 'sqlite',
      writes: failed ? 'refused' : 'allowed',
      integrity: { check: INTEGRITY_CHECK, ...integrity },
      facetIndex: facetIndexStatus(connection.db),
    },
    { headers: { ...NEVER_STORED } },
  );
}
