/**
 * GET /api/health: 200 when the database answers; used by tests, load balancers and monitors.
 * `integrity` is the full check of the file that runs in the background (decision 0037):
 * `pending` until the first one finishes, `ok` with when and how long, `failed` with SQLite's
 * message (then `status` is `degraded` and `writes` is `refused`: reads still work, so the answer
 * stays 200 and a load balancer keeps the server), or `error` when the check could not run.
 * `facetIndex` is the in-memory index the timeline's views are answered from (decision 0039):
 * `building` (the SQL answers meanwhile), `ready` with its events and build time, `failed`, `off`.
 * `engine` is the database the app serves from: `sqlite`, or `postgres` (DATABASE_URL, decision 0046),
 * which reports its primary and each replica's state and lag (bytes of WAL not replayed, seconds since
 * the last replayed transaction) instead of the file's checks: 503 when the primary does not answer.
 */
import { NextResponse } from 'next/server';
import { getConnection, servingEngine, servingPostgres } from '@/db/index';
import { INTEGRITY_CHECK, integrityStatus } from '@/db/engine/integrity';
import { facetIndexStatus } from '@/db/derived/facet-index';
import { NEVER_STORED } from '@/lib/http/cache-policy';

export const dynamic = 'force-dynamic';

export async function GET() {
  if (servingEngine() === 'postgres') return postgresHealth();
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

async function postgresHealth() {
  const set = servingPostgres();
  try {
    if (!set) throw new Error('not open');
    await set.primary.pool.query('SELECT 1');
  } catch {
    return NextResponse.json({ status: 'unavailable', engine: 'postgres' }, { status: 503, headers: { ...NEVER_STORED } });
  }
  const replicas = await set.status();
  const degraded = replicas.some((r) => r.state !== 'streaming');
  return NextResponse.json(
    {
      status: degraded ? 'degraded' : 'ok',
      engine: 'postgres',
      writes: 'allowed',
      primary: set.primary.label,
      // Reads go to the primary when no replica can answer: a replica down degrades, never stops, the service.
      replicas: replicas.map(({ label, state, lagBytes, lagSeconds, reads, error }) => ({ label, state, lagBytes, lagSeconds, reads, ...(error ? { error } : {}) })),
    },
    { headers: { ...NEVER_STORED } },
  );
}
