/**
 * GET /changes.xml: what changed since `since` in a filtered view, as Atom (one entry per changed
 * event, newest first). A bad parameter is a 400 with a plain-text reason.
 */
import type { NextRequest } from 'next/server';
import { requestSite } from '@/lib/http/request-site';
import { formatEventDate } from '@/lib/dates';
import { describeFiltersText, isFiltered } from '@/lib/filters';
import { cacheHeadersFor, readAccess } from '@/server/auth/read-access';
import { xmlEscape } from '@/server/feeds/atom';
import { issuesAsText } from '@/server/http/export-request';
import { changesForRequest } from '@/server/views/changes';

export const dynamic = 'force-dynamic';

const KIND_WORDS = { created: 'Recorded', 'created-and-deleted': 'Recorded, then deleted', edited: 'Edited', deleted: 'Deleted', restored: 'Restored' } as const;

export async function GET(request: NextRequest) {
  const access = await readAccess('text');
  if (access.denied) return access.denied;
  const cache = cacheHeadersFor(request, access.viewer);
  const params = request.nextUrl.searchParams;
  const { filters, lookups, issues, view } = await changesForRequest(params, { includeDrafts: access.includeDrafts });
  if (issues.length > 0) {
    return new Response(issuesAsText(issues), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...cache } });
  }
  const origin = requestSite(request.headers).origin;
  const self = `${origin}/changes.xml?${params.toString()}`;
  const page = `${origin}/changes?${params.toString()}`;
  const title = `What changed${isFiltered(filters) ? `: ${describeFiltersText(filters, lookups)}` : ''}`;
  const entries = view.events.map((c) => {
    const fields = c.fields.map((f) => f.field).join(', ');
    const text = `${KIND_WORDS[c.kind]}: ${c.title} (${formatEventDate(c.date, c.datePrecision)})${fields ? `. Changed: ${fields}.` : '.'}`;
    const link = c.live ? `${origin}/events/${c.id}` : page;
    return `  <entry>
    <id>${xmlEscape(`${origin}/events/${c.id}#change-${c.at}`)}</id>
    <title>${xmlEscape(`${KIND_WORDS[c.kind]}: ${c.title}`)}</title>
    <updated>${xmlEscape(c.at)}</updated>
    <link rel="alternate" href="${xmlEscape(link)}"/>
    <summary type="text">${xmlEscape(text)}</summary>
  </entry>`;
  });
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xmlEscape(self)}</id>
  <title>${xmlEscape(`Sanctions & Policy Tracker: ${title}`)}</title>
  <subtitle>${xmlEscape(`Changes since ${view.since}.`)}</subtitle>
  <updated>${xmlEscape(view.events[0]?.at ?? view.until)}</updated>
  <author><name>Sanctions &amp; Policy Tracker</name></author>
  <link rel="self" href="${xmlEscape(self)}"/>
  <link rel="alternate" href="${xmlEscape(page)}"/>
${entries.join('\n')}
</feed>
`;
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', ...cache, 'X-Content-Type-Options': 'nosniff' } });
}
