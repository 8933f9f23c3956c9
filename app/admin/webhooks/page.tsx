import type { Metadata } from 'next';
import { WebhookDestinationForm } from '@/components/admin/webhook-destination-form';
import { staffPage } from '@/components/auth/staff-page';
import { SmallActionForm } from '@/components/forms/small-action-form';
import { PageFrame } from '@/components/layout/page-frame';
import { DeliveryLog } from '@/components/saved-views/delivery-log';
import { getStore } from '@/db/index';
import { DELIVERY_LOG_SIZE } from '@/db/queries/saved-views';
import { MAX_ATTEMPTS } from '@/lib/alerts/retry';
import { SIGNATURE_HEADER } from '@/lib/alerts/webhook-signing';
import { formatTimestamp } from '@/lib/dates';
import { setDestinationEnabledAction } from '@/server/actions/saved-views';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const { forbidden } = await staffPage('/admin/webhooks', 'users:manage');
  if (forbidden) return forbidden;
  const { webhooks } = getStore();
  const destinations = await webhooks.destinations();
  const logs = new Map(await Promise.all(destinations.map(async (d) => [d.id, await webhooks.deliveriesTo(d.id, DELIVERY_LOG_SIZE)] as const)));
  const intro = (
    <p className="text-sm text-zinc-700 dark:text-zinc-300">
      Saved views send webhooks only to the URLs allowed here. Each is a POST of JSON signed in the <code>{SIGNATURE_HEADER}</code> header (
      <code>t=&lt;unix time&gt;,v1=&lt;HMAC-SHA256 of “t.body”&gt;</code>) with the destination’s secret; failures are retried with backoff, {MAX_ATTEMPTS}{' '}
      attempts at most. See docs/analyst-cores.md.
    </p>
  );

  return (
    <PageFrame width="5xl" roomy title="Webhooks" intro={intro}>
      <section aria-labelledby="destinations-title" className="space-y-4">
        <h2 id="destinations-title" className="text-lg font-semibold">
          {destinations.length === 0 ? 'No destinations yet' : destinations.length === 1 ? '1 destination' : `${destinations.length} destinations`}
        </h2>
        {destinations.map((d) => (
          <article key={d.id} aria-labelledby={`destination-${d.id}`} className="space-y-3 rounded border border-zinc-200 p-4 dark:border-zinc-800" data-testid="webhook-destination">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 id={`destination-${d.id}`} className="font-semibold">
                {d.label} <span className="font-normal text-zinc-600 dark:text-zinc-400">{d.enabled ? '(on)' : '(off)'}</span>
              </h3>
              <SmallActionForm action={setDestinationEnabledAction} fields={{ id: d.id, enabled: d.enabled ? 'false' : 'true' }} label={d.enabled ? 'Switch off' : 'Switch on'} pendingLabel="Saving…" />
            </div>
            <p className="text-sm break-all">
              <code>{d.url}</code>
            </p>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Added by {d.createdBy} on {formatTimestamp(d.createdAt)}.{d.disabledReason ? ` Switched off: ${d.disabledReason}` : ''}
            </p>
            <details className="text-sm">
              <summary className="cursor-pointer">Signing secret</summary>
              <code className="mt-1 block break-all">{d.secret}</code>
            </details>
            <details className="text-sm">
              <summary className="cursor-pointer">Latest deliveries (up to {DELIVERY_LOG_SIZE})</summary>
              <div className="mt-2">
                <DeliveryLog deliveries={logs.get(d.id)!} caption={`The latest deliveries to ${d.label}`} show="destination" />
              </div>
            </details>
          </article>
        ))}
      </section>
      <section aria-labelledby="new-destination-title" className="space-y-3 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <h2 id="new-destination-title" className="text-lg font-semibold">
          Add a destination
        </h2>
        <WebhookDestinationForm />
      </section>
    </PageFrame>
  );
}
