/**
 * The standing changes that cite an event as evidence, for the event's page. Deleted changes are
 * left out; a reader sees only changes with published evidence (listStandingChanges' rule).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import type { StandingChange } from '@/lib/relations/change';
import { listStandingChanges } from './relations';

export function standingChangesCiting(db: DbOrTx, eventId: number, { includeDrafts }: { includeDrafts: boolean }): StandingChange[] {
  const ids = db
    .all<{ change_id: number }>(sql`SELECT change_id FROM standing_change_evidence WHERE event_id = ${eventId} ORDER BY change_id`)
    .map((r) => r.change_id);
  if (ids.length === 0) return [];
  return listStandingChanges(db, { ids, includeDrafts });
}
