/**
 * What a printed page says about itself, shown on paper only: where it comes from (the permalink,
 * so a reader of the printout can open it), when it was printed, and for a list what it shows, in
 * words ("Sanctions designations · Syria as target: 7 events").
 */
import { headers } from 'next/headers';
import { formatEventDate, todayIso } from '@/lib/dates';
import { requestSite } from '@/lib/http/request-site';

export async function PrintHeader({ path, showing }: { path: string; showing?: string }) {
  const permalink = `${requestSite(await headers()).origin}${path}`;
  return (
    <div className="hidden border-b border-zinc-400 pb-2 text-sm print:block" data-testid="print-header">
      <p className="font-serif font-semibold">Sanctions &amp; Policy Tracker</p>
      {showing ? <p data-testid="print-summary">Showing: {showing}</p> : null}
      <p>
        Permalink: <span className="break-all">{permalink}</span>
      </p>
      <p>Printed {formatEventDate(todayIso(), 'day')}</p>
    </div>
  );
}
