import type { Metadata } from 'next';
import Link from 'next/link';
import { staffPage } from '@/components/auth/staff-page';
import { Notice } from '@/components/forms/field';
import { SmallActionForm } from '@/components/forms/small-action-form';
import { PageFrame } from '@/components/layout/page-frame';
import { DeliveryLog } from '@/components/saved-views/delivery-log';
import { FeedTokenForm, RenameViewForm, SubscribeForm } from '@/components/saved-views/saved-view-forms';
import { getStore } from '@/db/index';
import { DELIVERY_LOG_SIZE } from '@/db/queries/saved-views';
import { savedViewFilters } from '@/lib/alerts/saved-view-filters';
import { canSeeDrafts } from '@/lib/auth/roles';
import { formatTimestamp } from '@/lib/dates';
import { describeFiltersText, isFiltered } from '@/lib/filters';
import { deleteViewAction, revokeFeedAction, unsubscribeViewAction } from '@/server/actions/saved-views';

export const metadata: Metadata = { title: 'Saved views' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function flash(params: Record<string, string | string[] | undefined>): string | null {
  if (typeof params.deleted === 'string') return `Deleted the saved view "${params.deleted}".`;
  if (params.revoked) return 'The private feed URL was revoked: feed readers using it now get "not found".';
  if (params.subscribed) return 'Subscribed: matching events recorded or published from now on are sent as webhooks.';
  if (params.unsubscribed) return 'Unsubscribed: no more webhooks for that view and destination.';
  return null;
}

export default async function SavedViewsPage({ searchParams }: { searchParams: SearchParams }) {
  const { viewer, forbidden } = await staffPage('/saved', 'drafts:read');
  if (forbidden) return forbidden;
  const store = getStore();
  const visibility = { includeDrafts: canSeeDrafts(viewer) };
  const [views, destinations, deliveries] = await Promise.all([
    store.savedViews.list(viewer.id, visibility),
    store.webhooks.enabledDestinations(),
    store.savedViews.deliveriesOfOwner(viewer.id, DELIVERY_LOG_SIZE),
  ]);
  // The names behind each view's actor and tag chips.
  const lookups = await Promise.all(views.map(async (v) => (await store.timeline.resolve({ filters: savedViewFilters(v.query), issues: [] }, visibility)).lookups));
  const message = flash(await searchParams);

  return (
    <PageFrame width="5xl" roomy title="Saved views" intro="Your named filters of the timeline. Open one to see it; the count says how many of its events were recorded since you last opened it.">
      {message ? <Notice tone="success">{message}</Notice> : null}
      {views.length === 0 ? (
        <div className="rounded border border-dashed border-zinc-300 py-12 text-center dark:border-zinc-700" data-testid="empty-state">
          <p className="text-lg font-medium">No saved views yet.</p>
          <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
            Filter the <Link href="/">timeline</Link>, then use “Save this view” above the results.
          </p>
        </div>
      ) : (
        <ul className="space-y-6" aria-label="Your saved views">
          {views.map((v, i) => {
            const filters = savedViewFilters(v.query);
            const viewLookups = lookups[i]!;
            const available = destinations.filter((d) => !v.subscriptions.some((s) => s.destinationId === d.id));
            return (
              <li key={v.id} className="space-y-3 rounded border border-zinc-200 p-4 dark:border-zinc-800" data-testid="saved-view">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="text-lg font-semibold">
                    {/* A plain link: opening marks the view seen, which a prefetch must not do. */}
                    <a href={`/saved/${v.id}`}>{v.name}</a>
                  </h2>
                  <p className={v.newCount > 0 ? 'font-medium' : 'text-zinc-600 dark:text-zinc-400'} data-testid="new-count">
                    {v.newCount === 0 ? 'Nothing new' : `${v.newCount.toLocaleString('en')} new`} since you last opened it ({formatTimestamp(v.lastSeenAt)})
                  </p>
                </div>
                <p className="text-sm text-zinc-700 dark:text-zinc-300">{isFiltered(filters) ? describeFiltersText(filters, viewLookups) : 'All events'}</p>
                <RenameViewForm id={v.id} name={v.name} />
                <details className="text-sm">
                  <summary className="cursor-pointer font-medium">Subscribe</summary>
                  <div className="mt-3 space-y-4">
                    <section aria-label={`Private feed of ${v.name}`} className="space-y-2">
                      <h3 className="font-medium">Private Atom feed</h3>
                      <p className="text-zinc-600 dark:text-zinc-400">
                        {v.feedTokenPrefix
                          ? `A feed URL starting with token ${v.feedTokenPrefix}… works since ${formatTimestamp(v.feedTokenCreatedAt!)}. Only a fingerprint of it is kept, so it cannot be shown again; replace it to get a new one.`
                          : v.feedTokenRevokedAt
                            ? `The last feed URL was revoked on ${formatTimestamp(v.feedTokenRevokedAt)}.`
                            : 'A secret URL for feed readers, which have no sign-in: published events of this view, newest first.'}
                      </p>
                      <FeedTokenForm id={v.id} hasToken={!!v.feedTokenPrefix} />
                      {v.feedTokenPrefix ? <SmallActionForm action={revokeFeedAction} fields={{ id: v.id }} label="Revoke the feed URL" pendingLabel="Revoking…" confirm="Feed readers using it will stop getting updates." danger /> : null}
                    </section>
                    <section aria-label={`Webhooks of ${v.name}`} className="space-y-2">
                      <h3 className="font-medium">Webhooks</h3>
                      {v.subscriptions.length > 0 ? (
                        <ul className="space-y-1">
                          {v.subscriptions.map((s) => (
                            <li key={s.destinationId} className="flex flex-wrap items-center gap-2">
                              <span>
                                {s.label}
                                {s.enabled ? '' : ' (switched off by an admin)'}
                              </span>
                              <SmallActionForm action={unsubscribeViewAction} fields={{ id: v.id, destinationId: s.destinationId }} label="Unsubscribe" pendingLabel="Unsubscribing…" />
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      {available.length > 0 ? (
                        <SubscribeForm id={v.id} destinations={available} />
                      ) : (
                        <p className="text-zinc-600 dark:text-zinc-400">{destinations.length === 0 ? 'No webhook destinations yet: an admin adds them on the Webhooks page.' : 'Subscribed to every available destination.'}</p>
                      )}
                    </section>
                  </div>
                </details>
                <SmallActionForm action={deleteViewAction} fields={{ id: v.id }} label="Delete" pendingLabel="Deleting…" confirm={`Delete the saved view "${v.name}"?`} danger />
              </li>
            );
          })}
        </ul>
      )}
      {views.some((v) => v.subscriptions.length > 0) || deliveries.length > 0 ? (
        <section aria-labelledby="deliveries-title" className="space-y-3 border-t border-zinc-200 pt-6 dark:border-zinc-800">
          <h2 id="deliveries-title" className="text-lg font-semibold">
            Webhook deliveries
          </h2>
          <DeliveryLog deliveries={deliveries} caption="The latest webhook deliveries of your saved views" show="view" />
        </section>
      ) : null}
    </PageFrame>
  );
}
