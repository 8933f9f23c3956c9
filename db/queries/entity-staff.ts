/** Reads for the staff pages about actors: how much a merge would move. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';

/** Events (drafts and deleted included) in which the actor appears, in any role. */
export function entityEventCount(db: DbOrTx, entityId: number): number {
  return db.get<{ n: number }>(sql`SELECT count(DISTINCT event_id) AS n FROM event_entities WHERE entity_id = ${entityId}`).n;
}
