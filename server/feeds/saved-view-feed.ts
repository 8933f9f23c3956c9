/**
 * The private Atom feed of a saved view (issue 14, decision 0035): the same rendering as /feed.xml,
 * over the view's saved filters, published events only, for whoever holds the view's token (feed
 * readers have no session). A wrong, revoked or malformed token, or an id that does not exist,
 * all give null, which the route answers 404: a reader cannot learn which ids exist.
 */
import type { TrackerStore } from '@/db/store/store';
import { savedViewFilters } from '@/lib/alerts/saved-view-filters';
import { renderAtomFeed } from './atom';

export const SAVED_FEED_SIZE = 50;

export async function savedViewFeed(store: TrackerStore, id: number, token: string | null, origin: string, now?: Date): Promise<string | null> {
  const view = await store.savedViews.byFeedToken(id, token);
  if (!view) return null;
  const filters = { ...savedViewFilters(view.query), status: 'published' as const };
  const items = await store.exports.newest(filters, { includeDrafts: false }, SAVED_FEED_SIZE);
  return renderAtomFeed({
    selfUrl: `${origin}/saved/${view.id}/feed.xml`,
    viewUrl: `${origin}/${view.query ? `?${view.query}` : ''}`,
    origin,
    title: `Sanctions & Policy Tracker: ${view.name}`,
    subtitle: `The ${SAVED_FEED_SIZE} newest published events of the saved view "${view.name}", newest first.`,
    events: items,
    now,
  });
}
