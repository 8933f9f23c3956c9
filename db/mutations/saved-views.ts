/**
 * Writes to saved views (issue 14, decision 0035). Every write names the owner: a view of another
 * person reads as missing (404), so ids reveal nothing.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { savedViews, webhookDestinations, webhookSubscriptions } from '@/db/schema';
import { newFeedToken } from '@/lib/alerts/feed-token';
import { MutationError } from './errors';
import { nowIso } from './revisions';

export const SAVED_VIEW_NOT_FOUND = 'This saved view does not exist (it may have been deleted).';
/** More would be a list nobody reads; it also bounds what one account can store. */
export const MAX_SAVED_VIEWS = 200;

function owned(db: DbOrTx, userId: string, id: number) {
  return ownedOrRefused(db.select().from(savedViews).where(and(eq(savedViews.id, id), eq(savedViews.userId, userId))).get());
}

/** A view of another person reads as missing (404), on either engine. */
export function ownedOrRefused<R>(row: R | undefined): R {
  if (!row) throw new MutationError(SAVED_VIEW_NOT_FOUND, {}, 404);
  return row;
}

export const tooManyViews = () => new MutationError(`You have ${MAX_SAVED_VIEWS} saved views, the most one account can keep; delete some first.`, { name: 'Too many saved views.' });
export const DESTINATION_UNAVAILABLE = 'That webhook destination is not available; an admin may have switched it off.';

/** `name` is already checked (lib/validation/saved-view.ts); `query` is the canonical filter string. */
export function createSavedView(db: DbOrTx, userId: string, name: string, query: string): { id: number } {
  const count = db.select({ n: sql<number>`count(*)` }).from(savedViews).where(eq(savedViews.userId, userId)).get()?.n ?? 0;
  if (count >= MAX_SAVED_VIEWS) throw tooManyViews();
  const ts = nowIso();
  return db.insert(savedViews).values({ userId, name, query, createdAt: ts, updatedAt: ts, lastSeenAt: ts }).returning({ id: savedViews.id }).get();
}

export function renameSavedView(db: DbOrTx, userId: string, id: number, name: string): void {
  owned(db, userId, id);
  db.update(savedViews).set({ name, updatedAt: nowIso() }).where(eq(savedViews.id, id)).run();
}

export function deleteSavedView(db: DbOrTx, userId: string, id: number): { name: string } {
  const row = owned(db, userId, id);
  db.delete(savedViews).where(eq(savedViews.id, id)).run();
  return { name: row.name };
}

/** Opening the view: "N new" counts from now on. Returns the saved query. */
export function markSavedViewSeen(db: DbOrTx, userId: string, id: number, at: string = nowIso()): string {
  const row = owned(db, userId, id);
  db.update(savedViews).set({ lastSeenAt: at }).where(eq(savedViews.id, id)).run();
  return row.query;
}

/** A new private-feed token; the old one (if any) stops working at once. The token is returned once. */
export function regenerateFeedToken(db: DbOrTx, userId: string, id: number): string {
  owned(db, userId, id);
  const { token, hash, prefix } = newFeedToken();
  db.update(savedViews).set({ feedTokenHash: hash, feedTokenPrefix: prefix, feedTokenCreatedAt: nowIso(), feedTokenRevokedAt: null }).where(eq(savedViews.id, id)).run();
  return token;
}

/** The feed URL stops working; the hash is dropped (the revocation time is kept for the page). */
export function revokeFeedToken(db: DbOrTx, userId: string, id: number): void {
  const row = owned(db, userId, id);
  if (!row.feedTokenHash) return;
  db.update(savedViews).set({ feedTokenHash: null, feedTokenRevokedAt: nowIso() }).where(eq(savedViews.id, id)).run();
}

/** Subscribes the owner's view to an enabled destination; subscribing twice is one subscription. */
export function subscribeSavedView(db: DbOrTx, userId: string, id: number, destinationId: number): void {
  owned(db, userId, id);
  const destination = db.select({ enabled: webhookDestinations.enabled }).from(webhookDestinations).where(eq(webhookDestinations.id, destinationId)).get();
  if (!destination || !destination.enabled) {
    throw new MutationError(DESTINATION_UNAVAILABLE, { destinationId: 'Choose an available destination.' });
  }
  db.insert(webhookSubscriptions).values({ savedViewId: id, destinationId }).onConflictDoNothing().run();
}

export function unsubscribeSavedView(db: DbOrTx, userId: string, id: number, destinationId: number): void {
  owned(db, userId, id);
  db.delete(webhookSubscriptions).where(and(eq(webhookSubscriptions.savedViewId, id), eq(webhookSubscriptions.destinationId, destinationId))).run();
}
