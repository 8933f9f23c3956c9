/** The webhook outbox on SQLite for the store: the dispatcher's reads and writes (decision 0035). */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '@/db/engine/client';
import { setWebhookDestinationEnabled } from '@/db/mutations/webhooks';
import { webhookDeliveries, webhookDestinations, webhookSubscriptions } from '@/db/schema';
import type { OutboxStore } from './store';

const WAITING = ['pending', 'failed'] as const;

export function sqliteOutboxStore(db: Db): OutboxStore {
  return {
    async due(nowIso, batch) {
      return db
        .select({
          id: webhookDeliveries.id,
          attempt: webhookDeliveries.attempt,
          payload: webhookDeliveries.payload,
          nextAttemptAt: webhookDeliveries.nextAttemptAt,
          destinationId: webhookDestinations.id,
          url: webhookDestinations.url,
          secret: webhookDestinations.secret,
          enabled: webhookDestinations.enabled,
        })
        .from(webhookDeliveries)
        .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
        .innerJoin(webhookDestinations, eq(webhookDestinations.id, webhookSubscriptions.destinationId))
        .where(and(inArray(webhookDeliveries.state, WAITING), lte(webhookDeliveries.nextAttemptAt, nowIso)))
        .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
        .limit(batch)
        .all();
    },
    async lease(id, dueAt, until) {
      return db.update(webhookDeliveries).set({ nextAttemptAt: until }).where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.nextAttemptAt, dueAt))).run().changes === 1;
    },
    async record(id, outcome, nowIso) {
      db.update(webhookDeliveries).set({ ...outcome, updatedAt: nowIso }).where(eq(webhookDeliveries.id, id)).run();
    },
    async disableDestination(id, reason) {
      setWebhookDestinationEnabled(db, id, false, reason);
    },
    async nextDueAt() {
      const row = db
        .select({ at: webhookDeliveries.nextAttemptAt })
        .from(webhookDeliveries)
        .where(inArray(webhookDeliveries.state, WAITING))
        .orderBy(asc(webhookDeliveries.nextAttemptAt))
        .limit(1)
        .get();
      return row?.at ? Date.parse(row.at) : null;
    },
  };
}
