/** Saved views and webhook destinations on SQLite for the store: db/mutations/saved-views.ts, webhooks.ts and db/queries/saved-views.ts behind promises. */
import type { Db } from '@/db/engine/client';
import { createSavedView, deleteSavedView, markSavedViewSeen, regenerateFeedToken, renameSavedView, revokeFeedToken, subscribeSavedView, unsubscribeSavedView } from '@/db/mutations/saved-views';
import { createWebhookDestination, setWebhookDestinationEnabled } from '@/db/mutations/webhooks';
import { deliveriesOfOwner, deliveriesToDestination, enabledWebhookDestinations, listSavedViews, listWebhookDestinations, savedViewByFeedToken, savedViewQuery } from '@/db/queries/saved-views';
import { settle } from './settle';
import type { SavedViewStore, WebhookStore } from './store';

export function sqliteSavedViewStore(db: Db): SavedViewStore {
  return {
    create: (userId, name, query) => settle(() => createSavedView(db, userId, name, query)),
    rename: (userId, id, name) => settle(() => renameSavedView(db, userId, id, name)),
    delete: (userId, id) => settle(() => deleteSavedView(db, userId, id)),
    markSeen: (userId, id, at) => settle(() => markSavedViewSeen(db, userId, id, at)),
    regenerateFeedToken: (userId, id) => settle(() => regenerateFeedToken(db, userId, id)),
    revokeFeedToken: (userId, id) => settle(() => revokeFeedToken(db, userId, id)),
    subscribe: (userId, id, destinationId) => settle(() => subscribeSavedView(db, userId, id, destinationId)),
    unsubscribe: (userId, id, destinationId) => settle(() => unsubscribeSavedView(db, userId, id, destinationId)),
    list: (userId, visibility) => settle(() => listSavedViews(db, userId, visibility)),
    query: (userId, id) => settle(() => savedViewQuery(db, userId, id)),
    byFeedToken: (id, token) => settle(() => savedViewByFeedToken(db, id, token)),
    deliveriesOfOwner: (userId, limit) => settle(() => deliveriesOfOwner(db, userId, limit)),
  };
}

export function sqliteWebhookStore(db: Db): WebhookStore {
  return {
    destinations: () => settle(() => listWebhookDestinations(db)),
    enabledDestinations: () => settle(() => enabledWebhookDestinations(db)),
    createDestination: (input, createdBy) => settle(() => createWebhookDestination(db, input, createdBy)),
    setDestinationEnabled: (id, enabled, reason) => settle(() => setWebhookDestinationEnabled(db, id, enabled, reason ?? null)),
    deliveriesTo: (destinationId, limit) => settle(() => deliveriesToDestination(db, destinationId, limit)),
  };
}
