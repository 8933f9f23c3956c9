/**
 * Saved views, their private feeds, webhook destinations and subscriptions, and the delivery logs
 * on PostgreSQL: the twins of db/mutations/saved-views.ts, db/mutations/webhooks.ts's destination
 * writes and db/queries/saved-views.ts, with the same rules (shared where they need no database)
 * and the same order (names byte by byte, as SQLite sorts them).
 */
import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, gt, inArray, isNotNull, sql, type Column, type SQL } from 'drizzle-orm';
import { MutationError } from '@/db/mutations/errors';
import { nowIso } from '@/db/mutations/revisions';
import { DESTINATION_UNAVAILABLE, MAX_SAVED_VIEWS, ownedOrRefused, tooManyViews } from '@/db/mutations/saved-views';
import { savedViewListItem, type DeliveryLogItem, type SavedViewListItem } from '@/db/queries/saved-views';
import type { SavedViewRow } from '@/db/schema';
import { hashFeedToken, looksLikeFeedToken, newFeedToken } from '@/lib/alerts/feed-token';
import { savedViewFilters } from '@/lib/alerts/saved-view-filters';
import type { TimelineFilters, Visibility } from '@/lib/filters';
import type { WebhookDestinationInput } from '@/lib/validation/saved-view';
import type { PgDb } from './connect';
import { pgTimelineWhere } from './filters';
import { events, savedViews, webhookDeliveries, webhookDestinations, webhookSubscriptions } from './schema';

const byteOrder = (column: SQL | Column) => sql`${column} COLLATE "C"`;

async function owned(db: PgDb, userId: string, id: number): Promise<SavedViewRow> {
  const [row] = await db.select().from(savedViews).where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)));
  return ownedOrRefused(row);
}

/** `countRecordedSince`'s twin: events of the view recorded after `since`. */
export async function pgCountRecordedSince(db: PgDb, since: string, filters: TimelineFilters, visibility: Visibility): Promise<number> {
  const [row] = await db.select({ n: count() }).from(events).where(and(gt(events.createdAt, since), pgTimelineWhere(filters, visibility)));
  return row?.n ?? 0;
}

export async function pgCreateSavedView(db: PgDb, userId: string, name: string, query: string): Promise<{ id: number }> {
  const [{ n }] = (await db.select({ n: count() }).from(savedViews).where(eq(savedViews.userId, userId))) as [{ n: number }];
  if (n >= MAX_SAVED_VIEWS) throw tooManyViews();
  const ts = nowIso();
  const [row] = await db.insert(savedViews).values({ userId, name, query, createdAt: ts, updatedAt: ts, lastSeenAt: ts }).returning({ id: savedViews.id });
  return row!;
}

export async function pgRenameSavedView(db: PgDb, userId: string, id: number, name: string): Promise<void> {
  await owned(db, userId, id);
  await db.update(savedViews).set({ name, updatedAt: nowIso() }).where(eq(savedViews.id, id));
}

export async function pgDeleteSavedView(db: PgDb, userId: string, id: number): Promise<{ name: string }> {
  const row = await owned(db, userId, id);
  await db.delete(savedViews).where(eq(savedViews.id, id));
  return { name: row.name };
}

export async function pgMarkSavedViewSeen(db: PgDb, userId: string, id: number, at: string = nowIso()): Promise<string> {
  const row = await owned(db, userId, id);
  await db.update(savedViews).set({ lastSeenAt: at }).where(eq(savedViews.id, id));
  return row.query;
}

export async function pgRegenerateFeedToken(db: PgDb, userId: string, id: number): Promise<string> {
  await owned(db, userId, id);
  const { token, hash, prefix } = newFeedToken();
  await db.update(savedViews).set({ feedTokenHash: hash, feedTokenPrefix: prefix, feedTokenCreatedAt: nowIso(), feedTokenRevokedAt: null }).where(eq(savedViews.id, id));
  return token;
}

export async function pgRevokeFeedToken(db: PgDb, userId: string, id: number): Promise<void> {
  const row = await owned(db, userId, id);
  if (!row.feedTokenHash) return;
  await db.update(savedViews).set({ feedTokenHash: null, feedTokenRevokedAt: nowIso() }).where(eq(savedViews.id, id));
}

export async function pgSubscribeSavedView(db: PgDb, userId: string, id: number, destinationId: number): Promise<void> {
  await owned(db, userId, id);
  const [destination] = await db.select({ enabled: webhookDestinations.enabled }).from(webhookDestinations).where(eq(webhookDestinations.id, destinationId));
  if (!destination || !destination.enabled) throw new MutationError(DESTINATION_UNAVAILABLE, { destinationId: 'Choose an available destination.' });
  await db.insert(webhookSubscriptions).values({ savedViewId: id, destinationId }).onConflictDoNothing();
}

export async function pgUnsubscribeSavedView(db: PgDb, userId: string, id: number, destinationId: number): Promise<void> {
  await owned(db, userId, id);
  await db.delete(webhookSubscriptions).where(and(eq(webhookSubscriptions.savedViewId, id), eq(webhookSubscriptions.destinationId, destinationId)));
}

export async function pgListSavedViews(db: PgDb, userId: string, visibility: Visibility): Promise<SavedViewListItem[]> {
  const rows = await db.select().from(savedViews).where(eq(savedViews.userId, userId)).orderBy(byteOrder(savedViews.name), savedViews.id);
  if (rows.length === 0) return [];
  const subs = await db
    .select({ savedViewId: webhookSubscriptions.savedViewId, destinationId: webhookDestinations.id, label: webhookDestinations.label, enabled: webhookDestinations.enabled })
    .from(webhookSubscriptions)
    .innerJoin(webhookDestinations, eq(webhookDestinations.id, webhookSubscriptions.destinationId))
    .where(inArray(webhookSubscriptions.savedViewId, rows.map((r) => r.id)))
    .orderBy(webhookSubscriptions.id);
  const counts = await Promise.all(rows.map((row) => pgCountRecordedSince(db, row.lastSeenAt, savedViewFilters(row.query), visibility)));
  return rows.map((row, i) => savedViewListItem(row, counts[i]!, subs));
}

export async function pgSavedViewQuery(db: PgDb, userId: string, id: number): Promise<string | null> {
  const [row] = await db.select({ query: savedViews.query }).from(savedViews).where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)));
  return row?.query ?? null;
}

export async function pgSavedViewByFeedToken(db: PgDb, id: number, token: string | null): Promise<SavedViewRow | null> {
  if (!looksLikeFeedToken(token)) return null;
  const [row] = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.id, id), isNotNull(savedViews.feedTokenHash), eq(savedViews.feedTokenHash, hashFeedToken(token))));
  return row ?? null;
}

async function deliveryLog(db: PgDb, where: SQL, limit: number): Promise<DeliveryLogItem[]> {
  const d = webhookDeliveries;
  return db
    .select({
      id: d.id,
      eventId: d.eventId,
      trigger: d.trigger,
      attempt: d.attempt,
      statusCode: d.statusCode,
      error: d.error,
      durationMs: d.durationMs,
      nextAttemptAt: d.nextAttemptAt,
      state: d.state,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      viewName: savedViews.name,
      destinationLabel: webhookDestinations.label,
    })
    .from(d)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, d.subscriptionId))
    .innerJoin(savedViews, eq(savedViews.id, webhookSubscriptions.savedViewId))
    .innerJoin(webhookDestinations, eq(webhookDestinations.id, webhookSubscriptions.destinationId))
    .where(where)
    .orderBy(desc(d.id))
    .limit(limit);
}

export const pgDeliveriesToDestination = (db: PgDb, destinationId: number, limit: number) => deliveryLog(db, eq(webhookSubscriptions.destinationId, destinationId), limit);
export const pgDeliveriesOfOwner = (db: PgDb, userId: string, limit: number) => deliveryLog(db, eq(savedViews.userId, userId), limit);

export function pgListWebhookDestinations(db: PgDb) {
  return db.select().from(webhookDestinations).orderBy(byteOrder(webhookDestinations.label), webhookDestinations.id);
}

export function pgEnabledWebhookDestinations(db: PgDb) {
  return db.select({ id: webhookDestinations.id, label: webhookDestinations.label }).from(webhookDestinations).where(eq(webhookDestinations.enabled, true)).orderBy(byteOrder(webhookDestinations.label));
}

/** `createWebhookDestination`'s twin: a new destination with a generated secret (shown once). */
export async function pgCreateWebhookDestination(db: PgDb, input: WebhookDestinationInput, createdBy: string): Promise<{ id: number; secret: string }> {
  const secret = `whsec_${randomBytes(32).toString('hex')}`;
  const [row] = await db.insert(webhookDestinations).values({ url: input.url, label: input.label, secret, createdBy }).returning({ id: webhookDestinations.id });
  return { id: row!.id, secret };
}

/** `setWebhookDestinationEnabled`'s twin. */
export async function pgSetWebhookDestinationEnabled(db: PgDb, id: number, enabled: boolean, reason: string | null = null): Promise<void> {
  const done = await db.update(webhookDestinations).set({ enabled, disabledReason: enabled ? null : reason }).where(eq(webhookDestinations.id, id)).returning({ id: webhookDestinations.id });
  if (done.length === 0) throw new MutationError('This webhook destination does not exist.', {}, 404);
}
