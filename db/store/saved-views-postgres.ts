/**
 * Saved views and webhook destinations on PostgreSQL for the store (db/pg/saved-views.ts), all on
 * the primary: a person who just saved, renamed or subscribed sees it on the next page, and these
 * are small reads.
 */
import type { PgDb } from '@/db/pg/connect';
import * as pg from '@/db/pg/saved-views';
import type { SavedViewStore, WebhookStore } from './store';

export function postgresSavedViewStore(db: PgDb): SavedViewStore {
  return {
    create: (userId, name, query) => pg.pgCreateSavedView(db, userId, name, query),
    rename: (userId, id, name) => pg.pgRenameSavedView(db, userId, id, name),
    delete: (userId, id) => pg.pgDeleteSavedView(db, userId, id),
    markSeen: (userId, id, at) => pg.pgMarkSavedViewSeen(db, userId, id, at),
    regenerateFeedToken: (userId, id) => pg.pgRegenerateFeedToken(db, userId, id),
    revokeFeedToken: (userId, id) => pg.pgRevokeFeedToken(db, userId, id),
    subscribe: (userId, id, destinationId) => pg.pgSubscribeSavedView(db, userId, id, destinationId),
    unsubscribe: (userId, id, destinationId) => pg.pgUnsubscribeSavedView(db, userId, id, destinationId),
    list: (userId, visibility) => pg.pgListSavedViews(db, userId, visibility),
    query: (userId, id) => pg.pgSavedViewQuery(db, userId, id),
    byFeedToken: (id, token) => pg.pgSavedViewByFeedToken(db, id, token),
    deliveriesOfOwner: (userId, limit) => pg.pgDeliveriesOfOwner(db, userId, limit),
  };
}

export function postgresWebhookStore(db: PgDb): WebhookStore {
  return {
    destinations: () => pg.pgListWebhookDestinations(db),
    enabledDestinations: () => pg.pgEnabledWebhookDestinations(db),
    createDestination: (input, createdBy) => pg.pgCreateWebhookDestination(db, input, createdBy),
    setDestinationEnabled: (id, enabled, reason) => pg.pgSetWebhookDestinationEnabled(db, id, enabled, reason ?? null),
    deliveriesTo: (destinationId, limit) => pg.pgDeliveriesToDestination(db, destinationId, limit),
  };
}
