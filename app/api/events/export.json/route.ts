/**
 * GET /api/events/export.json: every event of the filtered view as JSON, newest first, each as
 * `GET /api/events` shows it (dates at their precision) plus its permalink. `format=ndjson` gives one object per line.
 * Same filter parameters as the timeline; a bad one gets a 400 with the JSON error body.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import { requestSite } from '@/lib/http/request-site';
import type { ApiError } from '@/db/api-types';
import { eventDatesToJson, todayIso } from '@/lib/dates';
import { EXPORT_VISIBILITY, exportFileName, exportNameParts, parseExportRequest } from '@/server/http/export-request';
import { cacheHeadersFor, readAccess } from '@/server/auth/read-access';
import { createJsonStream, type JsonStreamFormat } from '@/lib/json-stream';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const access = await readAccess('json');
  if (access.denied) return access.denied;
  const cache = cacheHeadersFor(request, access.viewer);
  const params = request.nextUrl.searchParams;
  const parsed = await parseExportRequest(getStore(), params, ['format']);
  const issues = parsed.ok ? [] : [...parsed.issues];
  const formats = params.getAll('format');
  const format = (formats[0] ?? 'json') as JsonStreamFormat;
  if (formats.length > 1 || !['json', 'ndjson'].includes(format)) {
    issues.push({ param: 'format', message: 'Use format=json (the default) or format=ndjson.' });
  }
  if (!parsed.ok || issues.length > 0) {
    return NextResponse.json<ApiError>({ error: 'Invalid query parameters.', issues }, { status: 400, headers: { ...cache } });
  }

  const origin = requestSite(request.headers).origin;
  const stream = createJsonStream(parsed.store.exports.summaries(parsed.filters, EXPORT_VISIBILITY), format, (event) => ({
    permalink: `${origin}/events/${event.id}`,
    ...eventDatesToJson(event),
  }));
  const name = exportFileName(exportNameParts(parsed.filters, parsed.lookups), todayIso(), format === 'ndjson' ? 'ndjson' : 'json');
  return new Response(stream, {
    headers: {
      'Content-Type': format === 'ndjson' ? 'application/x-ndjson; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `inline; filename="${name}"`,
      ...cache,
    },
  });
}
