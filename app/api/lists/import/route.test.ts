/** POST /api/lists/import and the review actions, in process: the real route and actions on an in-memory database. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listProposals, listVersions } from '@/db/schema';
import { eventSnapshot } from '@/db/mutations/revisions';
import { apiRequest, connection, databaseChecksum, freshDatabase, readAnswer, runAction, signInAs } from '@/testing/harness';

vi.mock('@/db/index', async () => (await import('@/testing/harness')).dbModule());
vi.mock('@/server/auth/viewer', async () => (await import('@/testing/harness')).viewerModule());
vi.mock('next/navigation', async () => (await import('@/testing/harness')).navigationModule());
vi.mock('next/cache', async () => (await import('@/testing/harness')).cacheModule());

const route = await import('./route');
const actions = await import('@/server/actions/lists');

const fixture = (name: string) => join(import.meta.dirname, '..', '..', '..', '..', 'lib', 'lists', 'fixtures', name);

async function upload(fields: Record<string, string>, file?: { name: string; text: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new File([file.text], file.name));
  const base = apiRequest('POST', '/api/lists/import');
  const headers = new Headers(base.headers);
  headers.delete('content-type');
  const res = await route.POST(new NextRequest(base.url, { method: 'POST', headers, body: form }));
  const answer = await readAnswer(res);
  return { ...answer, json: answer.body ? (JSON.parse(answer.body) as { result?: { status: string; versionId: number; designations: number } }) : {} };
}

const sdn = async (v: 1 | 2) => ({ name: 'sdn.xml', text: await readFile(fixture(`ofac-sdn-v${v}.xml`), 'utf8') });

const form = (fields: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, String(v));
  return f;
};

beforeEach(() => {
  freshDatabase({ seed: false });
  signInAs('editor');
});

describe('POST /api/lists/import', () => {
  it('refuses a viewer, and writes nothing', async () => {
    signInAs('viewer');
    const before = databaseChecksum();
    const answer = await upload({ source: 'ofac-sdn' }, await sdn(1));
    expect(answer.status).toBe(403);
    expect(databaseChecksum()).toBe(before);
  });

  it('imports two versions, then says the same file again changes nothing', async () => {
    expect((await upload({ source: 'ofac-sdn' }, await sdn(1))).json.result).toMatchObject({ status: 'imported', designations: 0 });
    expect((await upload({ source: 'ofac-sdn' }, await sdn(2))).json.result).toMatchObject({ status: 'imported', designations: 1 });
    expect((await upload({ source: 'ofac-sdn' }, await sdn(2))).json.result).toMatchObject({ status: 'unchanged', versionId: 2 });
  });

  it('answers bad input with a 4xx naming the problem, and writes nothing', async () => {
    const before = databaseChecksum();
    const truncated = (await sdn(1)).text.slice(0, 2500);
    expect(await upload({ source: 'ofac-sdn' }, { name: 'sdn.xml', text: truncated })).toMatchObject({ status: 400, message: expect.stringMatching(/^sdn\.xml, line \d+: the XML is not well formed .* Nothing was imported\.$/) });
    expect(await upload({ source: 'un-sc' }, await sdn(1))).toMatchObject({ status: 400, message: expect.stringContaining('sdn.xml: this is not a un-sc list file') });
    expect(await upload({ source: 'nonsense' }, await sdn(1))).toMatchObject({ status: 400, message: 'Choose which list the file is.' });
    expect(await upload({ source: 'ofac-sdn' })).toMatchObject({ status: 400, message: 'Choose the list file to import.' });
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<sdnList xmlns="http://tempuri.org/sdnList.xsd">&b;</sdnList>';
    expect(await upload({ source: 'ofac-sdn' }, { name: 'bomb.xml', text: bomb })).toMatchObject({ status: 400, message: expect.stringContaining('bomb.xml, line 2: the file declares a DOCTYPE') });
    expect(await upload({ source: 'opensanctions' }, { name: 'entities.ftm.json', text: '{"id":"a","schema":"Person","properties":{"name":["A"]}}\n{oops\n' })).toMatchObject({ status: 400, message: expect.stringContaining('entities.ftm.json, line 2') });
    expect(databaseChecksum()).toBe(before);
  });
});

describe('review actions', () => {
  async function twoVersions() {
    await upload({ source: 'ofac-sdn' }, await sdn(1));
    const { versionId } = (await upload({ source: 'ofac-sdn' }, await sdn(2))).json.result!;
    const proposals = connection().db.select().from(listProposals).where(eq(listProposals.versionId, versionId)).orderBy(listProposals.id).all();
    return { versionId, byKind: (k: string) => proposals.find((p) => p.kind === k)! };
  }

  it('create an actor, accept: back to the version, the event published and citing the version', async () => {
    const { versionId, byKind } = await twoVersions();
    const id = byKind('designation').id;
    expect(await runAction(() => actions.createActorAction({ error: null, attempt: 0 }, form({ proposalId: id })))).toEqual({ redirect: `/lists/versions/${versionId}#proposal-${id}` });
    expect(await runAction(() => actions.acceptProposalAction({ error: null, attempt: 0 }, form({ proposalId: id })))).toEqual({ redirect: `/lists/versions/${versionId}#proposal-${id}` });
    const eventId = connection().db.select().from(listProposals).where(eq(listProposals.id, id)).get()!.eventId!;
    expect(eventSnapshot(connection().db, eventId).sources[0]!.title).toBe('OFAC SDN list, version published 2026-11-10');
  });

  it('edit then accept opens the draft in the event form; accepting an unmatched party is refused in words', async () => {
    const { byKind } = await twoVersions();
    const id = byKind('removal').id;
    expect(await runAction(() => actions.acceptProposalAction({ error: null, attempt: 0 }, form({ proposalId: id })))).toEqual({
      error: 'Match the listed party to an actor first: confirm a suggestion, pick an actor, or create a new one.',
      attempt: 1,
    });
    await runAction(() => actions.createActorAction({ error: null, attempt: 0 }, form({ proposalId: id })));
    const answer = (await runAction(() => actions.acceptProposalAction({ error: null, attempt: 0 }, form({ proposalId: id, edit: '1' })))) as { redirect: string };
    expect(answer.redirect).toMatch(/^\/events\/\d+\/edit$/);
    expect(eventSnapshot(connection().db, Number(answer.redirect.split('/')[2])).status).toBe('draft');
  });

  it('a viewer cannot reject', async () => {
    const { byKind } = await twoVersions();
    signInAs('viewer');
    const answer = (await runAction(() => actions.rejectProposalAction({ error: null, attempt: 0 }, form({ proposalId: byKind('removal').id })))) as { error: string };
    expect(answer.error).toBeTruthy();
    expect(connection().db.select().from(listVersions).all()).toHaveLength(2);
    expect(connection().db.select().from(listProposals).where(eq(listProposals.status, 'rejected')).all()).toHaveLength(0);
  });
});
