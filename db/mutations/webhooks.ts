/**
 * Webhook destinations and the outbox (issue 14, decision 0035). An admin allows destinations; a
 * write that records or publishes an event calls `enqueueAlerts` inside its own transaction, which
 * inserts one `pending` delivery per subscription whose saved view matches the event. Nothing is
 * sent here: the dispatcher (server/alerts/dispatcher.ts) sends after commit, so a slow or failing
 * receiver can never slow down or undo an editor's save, and a rolled-back save sends nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/engine/client';
import { timelineWhere } from '@/db/queries/filter-conditions';
import { events, savedViews, webhookDeliveries, webhookDestinations, webhookSubscriptions } from '@/db/schema';
import { savedViewFilters } from '@/lib/alerts/saved-view-filters';
import { alertPayload, type AlertTrigger } from '@/lib/alerts/payload';
import type { WebhookDestinationInput } from '@/lib/validation/saved-view';
import { MutationError } from './errors';
import { nowIso } from './revisions';

/** A new destination with a generated secret (32 random bytes, hex), which the admin page shows. */
export function createWebhookDestination(db: DbOrTx, input: WebhookDestinationInput, createdBy: string): { id: number; secret: string } {
  const secret = `whsec_${randomBytes(32).toString('hex')}`;
  const row = db.insert(webhookDestinations).values({ url: input.url, label: input.label, secret, createdBy }).returning({ id: webhookDestinations.id }).get();
  return { id: row.id, secret };
}

export function setWebhookDestinationEnabled(db: DbOrTx, id: number, enabled: boolean, reason: string | null = null): void {
  const done = db.update(webhookDestinations).set({ enabled, disabledReason: enabled ? null : reason }).where(eq(webhookDestinations.id, id)).run();
  if (done.changes === 0) throw new MutationError('This webhook destination does not exist.', {}, 404);
}

/**
 * Inside the write's transaction, after the event and its search index are written: a delivery for
 * every subscription (to an enabled destination) whose saved view shows this published event.
 * Returns how many were queued.
 */
export function enqueueAlerts(tx: Tx, eventId: number, trigger: AlertTrigger): number {
  const event = tx
    .select({ id: events.id, title: events.title, date: events.date, datePrecision: events.datePrecision, type: events.type, status: events.status, deletedAt: events.deletedAt })
    .from(events)
    .where(eq(events.id, eventId))
    .get();
  if (!event || event.status !== 'published' || event.deletedAt) return 0;
  const subscriptions = tx
    .select({ id: webhookSubscriptions.id, viewId: savedViews.id, name: savedViews.name, query: savedViews.query })
    .from(webhookSubscriptions)
    .innerJoin(savedViews, eq(savedViews.id, webhookSubscriptions.savedViewId))
    .innerJoin(webhookDestinations, eq(webhookDestinations.id, webhookSubscriptions.destinationId))
    .where(eq(webhookDestinations.enabled, true))
    .all();
  if (subscriptions.length === 0) return 0;
  const matches = new Map<number, boolean>();
  const ts = nowIso();
  let queued = 0;
  for (const sub of subscriptions) {
    let match = matches.get(sub.viewId);
    if (match === undefined) {
      const where = and(eq(events.id, eventId), timelineWhere(savedViewFilters(sub.query), { includeDrafts: false }));
      match = tx.select({ id: events.id }).from(events).where(where).get() !== undefined;
      matches.set(sub.viewId, match);
    }
    if (!match) continue;
    tx.insert(webhookDeliveries).values(pendingDelivery(trigger, event, sub, ts)).run();
    queued++;
  }
  return queued;
}

/** The outbox row of one alert: its payload (and that payload's hash), pending from `ts`. */
export function pendingDelivery(
  trigger: AlertTrigger,
  event: Parameters<typeof alertPayload>[1],
  subscription: { id: number; viewId: number; name: string; query: string },
  ts: string,
) {
  const payload = JSON.stringify(alertPayload(trigger, event, { id: subscription.viewId, name: subscription.name, query: subscription.query }));
  const payloadHash = createHash('sha256').update(payload).digest('hex');
  return { subscriptionId: subscription.id, eventId: event.id, trigger, payload, payloadHash, state: 'pending' as const, nextAttemptAt: ts, createdAt: ts, updatedAt: ts };
}
