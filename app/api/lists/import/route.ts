/**
 * POST /api/lists/import (editors): one version of an official sanctions list as multipart form
 * data: `source` (ofac-sdn, un-sc, eu-fsf, uk-fcdo, opensanctions), `file`, optional `published`
 * (YYYY-MM-DD, for files that state no date) and `dryRun=1`. Answers `{ result }` (db/lists/import
 * ListImportResult: the version, its counts and proposals; status 'unchanged' for a file imported
 * before). A file that cannot be read gets a 400 naming the file and line, 413 over the size limit,
 * 409 for a version older than the one already imported; nothing is written then.
 */
import { NextResponse } from 'next/server';
import { getStore } from '@/db/index';
import { ListImportError } from '@/db/lists/import';
import { changeActor } from '@/lib/auth/roles';
import { readBodyLimited } from '@/lib/http/read-limited';
import { LIST_SOURCES, type ListSource } from '@/lib/lists';
import { LIST_UPLOAD_MAX_BYTES } from '@/lib/lists/upload';
import { RouteError, withStaff } from '@/server/http/staff-route';

export const dynamic = 'force-dynamic';

const LIMIT_TEXT = `${LIST_UPLOAD_MAX_BYTES / 1024 / 1024} MB`;
const STATUS: Record<string, number> = { 'too-large': 413, 'older-version': 409 };

async function readForm(request: Request): Promise<FormData> {
  const body = await readBodyLimited(request, LIST_UPLOAD_MAX_BYTES + 64 * 1024);
  if (!body.ok) throw new RouteError(413, `The file is larger than the ${LIST_UPLOAD_MAX_BYTES / 1024 / 1024} MB the page takes. Import it with npm run lists:import instead.`);
  try {
    return await new Response(body.bytes, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw new RouteError(400, 'Send the list as a form upload (multipart/form-data) with "source" and "file".');
  }
}

export const POST = withStaff('records:write', async ({ request, viewer }) => {
  const form = await readForm(request);
  const source = form.get('source');
  if (typeof source !== 'string' || !(LIST_SOURCES as readonly string[]).includes(source)) throw new RouteError(400, 'Choose which list the file is.');
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) throw new RouteError(400, 'Choose the list file to import.');
  if (file.size > LIST_UPLOAD_MAX_BYTES) throw new RouteError(413, `The file is larger than the ${LIMIT_TEXT} the page takes. Import it with npm run lists:import instead.`);
  const published = form.get('published');
  const fileName = (file.name || 'list-file').replace(/[\u0000-\u001f\u007f/\\]/g, '').slice(0, 200);
  try {
    const result = await getStore().lists.import({
      source: source as ListSource,
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName,
      importedBy: changeActor(viewer),
      dryRun: form.get('dryRun') === '1',
      publishedAt: typeof published === 'string' && published.trim() ? published : null,
    });
    return NextResponse.json({ result }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    if (err instanceof ListImportError) throw new RouteError(STATUS[err.code] ?? 400, `${err.message} Nothing was imported.`);
    throw err;
  }
});
