/**
 * The private Atom feed of a saved view (issue 14, decision 0035): the same rendering as /feed.xml,
 * over the view's saved filters, published events only, for whoever holds the view's token (feed
 * readers have no session). A wrong, revoked or malformed token, or an id that does not exist,
 * all give null, which the route answers 404: a reader cannot learn which ids exist.
 */
import type { DbOrTx } from '@/db/engine/client';
import { savedViewByFeedToken } from '@/db/queries/saved-views';
import { listTimeline } from '@/db/queries/timeline';
import { savedViewFilters } from '@/lib/alerts/saved-view-filters';
import { renderAtomFeed } from './atom';

export const SAVED_FEED_SIZE = 50;

export function savedViewFeed(db: DbOrTx, id: number, token: string | null, origin: string, now?: Date): string | null {
  const view = savedViewByFeedToken(db, id, token);
  if (!view) return null;
  const filters = { ...savedViewFilters(view.query), sort: 'date' as const, status: 'published' as const };
  const { items } = listTimeline(db, filters, { includeDrafts: false, limit: SAVED_FEED_SIZE });
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
