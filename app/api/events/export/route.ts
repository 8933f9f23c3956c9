/**
 * GET /api/events/export: the filtered view as CSV. Same filter parameters as the timeline and
 * `GET /api/events` (lib/filters.ts), plus `bom=0` to leave out the byte-order mark. Every event of
 * the view, newest first, streamed in batches; a bad parameter gets a 400 with a plain-text reason,
 * never a file.
 */
import type { NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import { requestSite } from '@/lib/http/request-site';
import { createEventCsvStream } from '@/db/exports/csv';
import { todayIso } from '@/lib/dates';
import { cacheHeadersFor, readAccess } from '@/server/auth/read-access';
import { EXPORT_VISIBILITY, exportFileName, exportNameParts, issuesAsText, parseExportRequest, readFlag } from '@/server/http/export-request';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const access = await readAccess('text');
  if (access.denied) return access.denied;
  const cache = cacheHeadersFor(request, access.viewer);
  const plain = (body: string, status: number) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...cache } });
  const params = request.nextUrl.searchParams;
  const parsed = await parseExportRequest(getStore(), params, ['bom']);
  const issues = parsed.ok ? [] : parsed.issues;
  const bom = readFlag(params, 'bom', true, issues);
  if (!parsed.ok || issues.length > 0) return plain(issuesAsText(issues), 400);

  const name = exportFileName(exportNameParts(parsed.filters, parsed.lookups), todayIso());
  const stream = createEventCsvStream(parsed.store.exports.rows(parsed.filters, EXPORT_VISIBILITY), { bom, origin: requestSite(request.headers).origin });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      ...cache,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
