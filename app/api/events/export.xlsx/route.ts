/**
 * GET /api/events/export.xlsx: the filtered view as a spreadsheet, with the CSV export's columns.
 * Same filter parameters as the timeline and the CSV export; every event of the view, newest first,
 * streamed; a bad parameter gets the CSV export's 400 with a plain-text reason, never a file.
 */
import type { NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import { requestSite } from '@/lib/http/request-site';
import { createEventXlsxStream } from '@/db/exports/xlsx';
import { todayIso } from '@/lib/dates';
import { XLSX_CONTENT_TYPE } from '@/lib/xlsx/writer';
import { cacheHeadersFor, readAccess } from '@/server/auth/read-access';
import { EXPORT_VISIBILITY, exportFileName, exportNameParts, issuesAsText, parseExportRequest } from '@/server/http/export-request';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const access = await readAccess('text');
  if (access.denied) return access.denied;
  const cache = cacheHeadersFor(request, access.viewer);
  const parsed = await parseExportRequest(getStore(), request.nextUrl.searchParams, []);
  if (!parsed.ok) {
    return new Response(issuesAsText(parsed.issues), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...cache } });
  }

  const name = exportFileName(exportNameParts(parsed.filters, parsed.lookups), todayIso(), 'xlsx');
  const stream = createEventXlsxStream(parsed.store.exports.rows(parsed.filters, EXPORT_VISIBILITY), { origin: requestSite(request.headers).origin });
  return new Response(stream, {
    headers: {
      'Content-Type': XLSX_CONTENT_TYPE,
      'Content-Disposition': `attachment; filename="${name}"`,
      ...cache,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
