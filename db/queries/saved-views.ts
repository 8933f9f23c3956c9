/**
 * Reads of saved views (issue 14, decision 0035): a person's list with "N new since you last
 * opened it", and the lookup of a private feed by its token.
 */
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { savedViews, webhookDeliveries, webhookDestinations, webhookSubscriptions, type SavedViewRow, type WebhookDeliveryRow } from '@/db/schema';
import { hashFeedToken, looksLikeFeedToken } from '@/lib/alerts/feed-token';
import { savedViewFilters } from '@/lib/alerts/saved-view-filters';
import type { Visibility } from '@/lib/filters';
import { countRecordedSince } from './changes';

export interface SavedViewSubscription {
  destinationId: number;
  label: string;
  enabled: boolean;
}

export interface SavedViewListItem {
  id: number;
  name: string;
  query: string;
  createdAt: string;
  lastSeenAt: string;
  /** Events of the view recorded since the owner last opened it. */
  newCount: number;
  feedTokenPrefix: string | null;
  feedTokenCreatedAt: string | null;
  feedTokenRevokedAt: string | null;
  subscriptions: SavedViewSubscription[];
}

export function listSavedViews(db: DbOrTx, userId: string, visibility: Visibility): SavedViewListItem[] {
  const rows = db.select().from(savedViews).where(eq(savedViews.userId, userId)).orderBy(savedViews.name, savedViews.id).all();
  if (rows.length === 0) return [];
  const subs = db
    .select({ savedViewId: webhookSubscriptions.savedViewId, destinationId: webhookDestinations.id, label: webhookDestinations.label, enabled: webhookDestinations.enabled })
    .from(webhookSubscriptions)
    .innerJoin(webhookDestinations, eq(webhookDestinations.id, webhookSubscriptions.destinationId))
    .where(inArray(webhookSubscriptions.savedViewId, rows.map((r) => r.id)))
    .orderBy(webhookSubscriptions.id)
    .all();
  return rows.map((row) => savedViewListItem(row, countRecordedSince(db, row.lastSeenAt, savedViewFilters(row.query), visibility), subs));
}

/** One row of a person's list, on either engine: a revoked feed shows no prefix, only when it was revoked. */
export function savedViewListItem(row: SavedViewRow, newCount: number, subs: readonly (SavedViewSubscription & { savedViewId: number })[]): SavedViewListItem {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    newCount,
    feedTokenPrefix: row.feedTokenHash ? row.feedTokenPrefix : null,
    feedTokenCreatedAt: row.feedTokenHash ? row.feedTokenCreatedAt : null,
    feedTokenRevokedAt: row.feedTokenRevokedAt,
    subscriptions: subs.filter((s) => s.savedViewId === row.id).map(({ destinationId, label, enabled }) => ({ destinationId, label, enabled })),
  };
}

/** The filters of one of the person's saved views, or null when they have no such view. */
export function savedViewQuery(db: DbOrTx, userId: string, id: number): string | null {
  return db.select({ query: savedViews.query }).from(savedViews).where(and(eq(savedViews.id, id), eq(savedViews.userId, userId))).get()?.query ?? null;
}

/** The view behind a private feed URL, or null for a wrong, revoked or malformed token (the route answers 404). */
export function savedViewByFeedToken(db: DbOrTx, id: number, token: string | null): SavedViewRow | null {
  if (!looksLikeFeedToken(token)) return null;
  const row = db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.id, id), isNotNull(savedViews.feedTokenHash), eq(savedViews.feedTokenHash, hashFeedToken(token))))
    .get();
  return row ?? null;
}

export interface DeliveryLogItem extends Pick<WebhookDeliveryRow, 'id' | 'eventId' | 'trigger' | 'attempt' | 'statusCode' | 'error' | 'durationMs' | 'nextAttemptAt' | 'state' | 'createdAt' | 'updatedAt'> {
  viewName: string;
  destinationLabel: string;
}

const LOG_COLUMNS = {
  id: webhookDeliveries.id,
  eventId: webhookDeliveries.eventId,
  trigger: webhookDeliveries.trigger,
  attempt: webhookDeliveries.attempt,
  statusCode: webhookDeliveries.statusCode,
  error: webhookDeliveries.error,
  durationMs: webhookDeliveries.durationMs,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  state: webhookDeliveries.state,
  createdAt: webhookDeliveries.createdAt,
  updatedAt: webhookDeliveries.updatedAt,
  viewName: savedViews.name,
  destinationLabel: webhookDestinations.label,
};

function deliveryLog(db: DbOrTx, where: ReturnType<typeof eq>, limit: number): DeliveryLogItem[] {
  return db
    .select(LOG_COLUMNS)
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .innerJoin(savedViews, eq(savedViews.id, webhookSubscriptions.savedViewId))
    .innerJoin(webhookDestinations, eq(webhookDestinations.id, webhookSubscriptions.destinationId))
    .where(where)
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit)
    .all();
}

export const DELIVERY_LOG_SIZE = 50;

/** The latest deliveries to one destination (the admin page). */
export function deliveriesToDestination(db: DbOrTx, destinationId: number, limit = DELIVERY_LOG_SIZE): DeliveryLogItem[] {
  return deliveryLog(db, eq(webhookSubscriptions.destinationId, destinationId), limit);
}

/** The latest deliveries of one person's saved views (the /saved page). */
export function deliveriesOfOwner(db: DbOrTx, userId: string, limit = DELIVERY_LOG_SIZE): DeliveryLogItem[] {
  return deliveryLog(db, eq(savedViews.userId, userId), limit);
}

export function listWebhookDestinations(db: DbOrTx) {
  return db.select().from(webhookDestinations).orderBy(webhookDestinations.label, webhookDestinations.id).all();
}

export function enabledWebhookDestinations(db: DbOrTx) {
  return db.select({ id: webhookDestinations.id, label: webhookDestinations.label }).from(webhookDestinations).where(eq(webhookDestinations.enabled, true)).orderBy(webhookDestinations.label).all();
}
