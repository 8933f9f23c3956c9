/**
 * The webhook outbox on PostgreSQL: the twin of db/store/outbox-sqlite.ts, on the primary. Several
 * application servers may run the dispatcher against one database: `lease` is one conditional
 * UPDATE, so of two servers that read the same due delivery exactly one takes it and sends it.
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { MutationError } from '@/db/mutations/errors';
import type { OutboxStore } from '@/db/store/store';
import type { PgDb } from './connect';
import { webhookDeliveries, webhookDestinations, webhookSubscriptions } from './schema';

const WAITING = ['pending', 'failed'] as const;

export function pgOutbox(db: PgDb): OutboxStore {
  return {
    due: (nowIso, batch) =>
      db
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
        .limit(batch),
    async lease(id, dueAt, until) {
      const taken = await db
        .update(webhookDeliveries)
        .set({ nextAttemptAt: until })
        .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.nextAttemptAt, dueAt)))
        .returning({ id: webhookDeliveries.id });
      return taken.length === 1;
    },
    async record(id, outcome, nowIso) {
      await db.update(webhookDeliveries).set({ ...outcome, updatedAt: nowIso }).where(eq(webhookDeliveries.id, id));
    },
    async disableDestination(id, reason) {
      const done = await db.update(webhookDestinations).set({ enabled: false, disabledReason: reason }).where(eq(webhookDestinations.id, id)).returning({ id: webhookDestinations.id });
      if (done.length === 0) throw new MutationError('This webhook destination does not exist.', {}, 404);
    },
    async nextDueAt() {
      const [row] = await db
        .select({ at: webhookDeliveries.nextAttemptAt })
        .from(webhookDeliveries)
        .where(inArray(webhookDeliveries.state, WAITING))
        .orderBy(asc(webhookDeliveries.nextAttemptAt))
        .limit(1);
      return row?.at ? Date.parse(row.at) : null;
    },
  };
}
