/**
 * POST /api/import (editors): a CSV upload as multipart form data with `file`, and `mode`:
 * - `check`: the dry run, `{ plan }`; nothing is written.
 * - `commit` with the dry run's `digest`: writes every row in one transaction, `{ result, plan }`;
 *   409 with a new dry run if the data changed since the dry run or that dry run was imported
 *   already, 422 if any row has a problem.
 * A file that cannot be read (size, encoding, quoting, columns) gets a 400 or 413 with the reason.
 * Planning runs in chunks that let other requests in (db/import/import.ts), so reads keep answering.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import { ImportRefusedError } from '@/db/import/import';
import { changeActor } from '@/lib/auth/roles';
import { IMPORT_MAX_BYTES, readCsvUpload } from '@/lib/csv/import';
import { readBodyLimited } from '@/lib/http/read-limited';
import { authorizeRequest, jsonError } from '@/server/http/staff-route';
import { rememberWrite } from '@/server/http/write-mark';

export const dynamic = 'force-dynamic';

// Room for the multipart envelope and the other fields around a file at the limit.
const BODY_LIMIT = IMPORT_MAX_BYTES + 64 * 1024;
const MAX_NAME = 200;

export async function POST(request: NextRequest) {
  const viewer = await authorizeRequest(request, 'records:write');
  if (viewer instanceof NextResponse) return viewer;

  const body = await readBodyLimited(request, BODY_LIMIT);
  if (!body.ok) {
    return jsonError(413, `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`);
  }
  let form: FormData;
  try {
    form = await new Response(body.bytes, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    return jsonError(400, 'Send the file as a form upload (multipart/form-data) with a "file" field.');
  }
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return jsonError(400, 'Choose a CSV file to import.');
  const mode = form.get('mode');
  if (mode !== 'check' && mode !== 'commit') return jsonError(400, 'Say what to do: mode=check (a dry run) or mode=commit.');

  const bytes = new Uint8Array(await file.arrayBuffer());
  // Reading a large file is a stretch of its own: let the requests waiting meanwhile in first.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const read = readCsvUpload(bytes);
  if (!read.ok) return jsonError(400, read.error);
  const fileName = (file.name || 'upload.csv').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, MAX_NAME);

  const store = getStore();
  if (mode === 'check') {
    return NextResponse.json({ plan: await store.imports.plan(read.rows, fileName, read.ignoredColumns) }, { headers: { 'Cache-Control': 'no-store' } });
  }
  const digest = form.get('digest');
  if (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest)) {
    return jsonError(400, 'Run the dry run first: the commit needs the digest it returned.');
  }
  try {
    const committed = await store.imports.commit(read.rows, fileName, digest, changeActor(viewer), read.ignoredColumns);
    await rememberWrite();
    return NextResponse.json(committed);
  } catch (err) {
    if (!(err instanceof ImportRefusedError)) throw err;
    if (err.reason === 'problems') return jsonError(422, err.message, { plan: err.plan });
    // A dry run of the database as it is now, for the editor to check and confirm again.
    return jsonError(409, err.message, { plan: await store.imports.plan(read.rows, fileName, read.ignoredColumns) });
  }
}
