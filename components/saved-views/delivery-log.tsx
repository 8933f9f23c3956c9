/** A table of webhook deliveries, newest first: on /saved for the owner, on /admin/webhooks per destination. */
import type { DeliveryLogItem } from '@/db/queries/saved-views';
import { formatTimestamp } from '@/lib/dates';

const STATE_LABELS: Record<DeliveryLogItem['state'], string> = {
  pending: 'Waiting to send',
  delivered: 'Delivered',
  failed: 'Failed, will retry',
  gave_up: 'Gave up',
};

function outcome(d: DeliveryLogItem): string {
  const parts = [d.statusCode !== null ? `HTTP ${d.statusCode}` : null, d.error, d.durationMs !== null ? `${d.durationMs} ms` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'Not sent yet';
}

export function DeliveryLog({ deliveries, caption, show }: { deliveries: DeliveryLogItem[]; caption: string; show: 'view' | 'destination' }) {
  if (deliveries.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No deliveries yet: one is sent when an event matching a subscribed view is recorded or published.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="delivery-log">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-zinc-300 dark:border-zinc-700">
            <th scope="col" className="py-2 pr-3">Queued</th>
            <th scope="col" className="py-2 pr-3">Event</th>
            <th scope="col" className="py-2 pr-3">{show === 'view' ? 'Destination' : 'Saved view'}</th>
            <th scope="col" className="py-2 pr-3">State</th>
            <th scope="col" className="py-2 pr-3">Attempts</th>
            <th scope="col" className="py-2">Last answer</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} className="border-b border-zinc-200 align-top dark:border-zinc-800">
              <td className="py-2 pr-3 whitespace-nowrap">{formatTimestamp(d.createdAt)}</td>
              <td className="py-2 pr-3">
                <a href={`/events/${d.eventId}`}>Event {d.eventId}</a> ({d.trigger})
              </td>
              <td className="py-2 pr-3">{show === 'view' ? d.destinationLabel : d.viewName}</td>
              <td className="py-2 pr-3">
                {STATE_LABELS[d.state]}
                {d.state === 'failed' && d.nextAttemptAt ? <span className="block text-xs text-zinc-600 dark:text-zinc-400">next try {formatTimestamp(d.nextAttemptAt)}</span> : null}
              </td>
              <td className="py-2 pr-3">{d.attempt}</td>
              <td className="py-2 break-words">{outcome(d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
