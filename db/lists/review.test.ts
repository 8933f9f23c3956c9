import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { eventSnapshot } from '@/db/mutations/revisions';
import { entities, listMatches, listProposals, revisions } from '@/db/schema';
import { createTestDb, makeEntity, TEST_ACTOR } from '@/db/testing/test-db';
import type { ListSource } from '@/lib/lists';
import { importListVersion } from './import';
import { createActorForEntry, listEntriesOfActor, suggestActors, undoMatch, confirmMatch, activeMatch } from './matching';
import { acceptAllOfVersion, acceptProposal, proposalEntry, rejectProposal } from './review';

const fixture = (name: string) => join(import.meta.dirname, '..', '..', 'lib', 'lists', 'fixtures', name);

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});

async function twoVersions(source: ListSource, v1: string, v2: string) {
  await importListVersion(conn.db, { source, path: fixture(v1), importedBy: TEST_ACTOR });
  const second = await importListVersion(conn.db, { source, path: fixture(v2), importedBy: TEST_ACTOR });
  const proposals = conn.db.select().from(listProposals).where(eq(listProposals.versionId, second.versionId!)).orderBy(listProposals.id).all();
  const byKind = (kind: string) => proposals.find((p) => p.kind === kind)!;
  return { versionId: second.versionId!, proposals, byKind };
}

const historyNotes = (entityId: number) =>
  conn.db.select({ note: revisions.note }).from(revisions).where(and(eq(revisions.recordType, 'entity'), eq(revisions.recordId, entityId))).orderBy(revisions.id).all().map((r) => r.note);

describe('matching a listed party to an actor', () => {
  it('by identifier: an actor with the OFAC UID is the certain first suggestion', async () => {
    const bank = makeEntity(conn.db, { kind: 'company', name: 'Bank of Testing', ofacUid: '90002' });
    makeEntity(conn.db, { kind: 'company', name: 'Test Bank Two Holdings' });
    const { byKind } = await twoVersions('ofac-sdn', 'ofac-sdn-v1.xml', 'ofac-sdn-v2.xml');
    const [first] = suggestActors(conn.db, proposalEntry(byKind('amendment')));
    expect(first).toMatchObject({ candidateId: String(bank.id), certain: true, score: 1, basis: { method: 'identifier', scheme: 'ofac-uid', value: '90002' } });
  });

  it('by alias: an actor whose alias is the listed name is suggested with its score, and matched only once confirmed', async () => {
    const person = makeEntity(conn.db, { name: 'Somebody Else', aliases: ['Test Qaddour Two'] });
    const { byKind } = await twoVersions('un-sc', 'un-sc-v1.xml', 'un-sc-v2.xml');
    const entry = proposalEntry(byKind('amendment'));
    const [first] = suggestActors(conn.db, entry);
    expect(first).toMatchObject({ candidateId: String(person.id), certain: false, score: 1, basis: { method: 'name', candidateName: 'Test Qaddour Two' } });
    expect(activeMatch(conn.db, 'un-sc', entry.key)).toBeNull();
    // Not matched yet: accepting is refused until someone confirms.
    expect(() => acceptProposal(conn.db, byKind('amendment').id, TEST_ACTOR, { status: 'published' })).toThrow(/Match the listed party to an actor first/);
    confirmMatch(conn.db, { source: 'un-sc', entry, entityId: person.id, method: 'name', score: first!.score, basis: 'alias' }, TEST_ACTOR);
    expect(activeMatch(conn.db, 'un-sc', entry.key)?.entityId).toBe(person.id);
    expect(historyNotes(person.id).at(-1)).toBe('Matched to UN Security Council consolidated list entry 9900002 (TEST QADDOUR TWO), by name (alias).');
  });

  it('a match can be undone: the history says so and the entry is free to match again', async () => {
    const person = makeEntity(conn.db, { name: 'Test Qaddour Two' });
    const { byKind } = await twoVersions('un-sc', 'un-sc-v1.xml', 'un-sc-v2.xml');
    const entry = proposalEntry(byKind('amendment'));
    const id = confirmMatch(conn.db, { source: 'un-sc', entry, entityId: person.id, method: 'name', score: 1 }, TEST_ACTOR);
    expect(listEntriesOfActor(conn.db, person.id).map((e) => [e.entryKey, e.versions.map((v) => v.name)])).toEqual([['9900002', ['TEST QADOUR TWO', 'TEST QADDOUR TWO']]]);
    undoMatch(conn.db, id, TEST_ACTOR);
    expect(activeMatch(conn.db, 'un-sc', entry.key)).toBeNull();
    expect(listEntriesOfActor(conn.db, person.id)).toEqual([]);
    expect(historyNotes(person.id).at(-1)).toBe('Match to UN Security Council consolidated list entry 9900002 undone.');
    expect(conn.db.select().from(listMatches).all()).toHaveLength(1);
  });

  it('a new actor made from an entry carries its name, aliases and OFAC UID, and is matched to it', async () => {
    const { byKind } = await twoVersions('ofac-sdn', 'ofac-sdn-v1.xml', 'ofac-sdn-v2.xml');
    const entry = proposalEntry(byKind('designation'));
    const id = createActorForEntry(conn.db, 'ofac-sdn', entry, TEST_ACTOR);
    const actor = conn.db.select().from(entities).where(eq(entities.id, id)).get()!;
    expect(actor).toMatchObject({ name: entry.name, ofacUid: '90005' });
    expect(activeMatch(conn.db, 'ofac-sdn', '90005')).toMatchObject({ entityId: id, method: 'created' });
  });
});

describe('reviewing proposals', () => {
  it('accepting publishes an event on the timeline that cites the list version, with the party, program and dates', async () => {
    const bank = makeEntity(conn.db, { kind: 'company', name: 'Bank of Testing', ofacUid: '90002' });
    const { byKind } = await twoVersions('ofac-sdn', 'ofac-sdn-v1.xml', 'ofac-sdn-v2.xml');
    const eventId = acceptProposal(conn.db, byKind('amendment').id, TEST_ACTOR, { status: 'published' });
    const event = eventSnapshot(conn.db, eventId);
    expect(event).toMatchObject({ type: 'designation', status: 'published', date: '2026-11-01', datePrecision: 'month', program: 'RUSSIA-EO14024', tags: ['List amendment'] });
    expect(event.title).toBe('TEST BANK TWO: listing amended on the OFAC SDN list');
    expect(event.actors).toEqual([{ entityId: bank.id, name: 'Bank of Testing', role: 'target' }]);
    expect(event.sources).toMatchObject([{ title: 'OFAC SDN list, version published 2026-11-10', publishedDate: '2026-11-10' }]);
    expect(event.summary).toContain('First seen in the version published 10 November 2026');
    // Accepting confirmed the identifier match, in the actor's history.
    expect(activeMatch(conn.db, 'ofac-sdn', '90002')).toMatchObject({ entityId: bank.id, method: 'identifier' });
    expect(conn.db.select().from(listProposals).where(eq(listProposals.id, byKind('amendment').id)).get()).toMatchObject({ status: 'accepted', eventId, decidedBy: TEST_ACTOR.label });
    expect(() => acceptProposal(conn.db, byKind('amendment').id, TEST_ACTOR, { status: 'published' })).toThrow(/accepted already/);
  });

  it("a UN designation carries the list's own listing date; a removal is a removal event", async () => {
    const { byKind } = await twoVersions('un-sc', 'un-sc-v1.xml', 'un-sc-v2.xml');
    for (const kind of ['designation', 'removal']) createActorForEntry(conn.db, 'un-sc', proposalEntry(byKind(kind)), TEST_ACTOR);
    const designated = eventSnapshot(conn.db, acceptProposal(conn.db, byKind('designation').id, TEST_ACTOR, { status: 'published' }));
    expect(designated).toMatchObject({ type: 'designation', date: '2026-11-06', datePrecision: 'day' });
    const removed = eventSnapshot(conn.db, acceptProposal(conn.db, byKind('removal').id, TEST_ACTOR, { status: 'draft' }));
    expect(removed).toMatchObject({ type: 'removal', status: 'draft', date: '2026-11-01', datePrecision: 'month' });
  });

  it('a change the list does not date needs a date from staff', async () => {
    const csv = (v: 1 | 2) => ({ sdn: fixture(`ofac-sdn-v${v}.csv`), add: fixture(`ofac-add-v${v}.csv`), alt: fixture(`ofac-alt-v${v}.csv`) });
    await importListVersion(conn.db, { source: 'ofac-sdn', path: csv(1), importedBy: TEST_ACTOR });
    const v2 = await importListVersion(conn.db, { source: 'ofac-sdn', path: csv(2), importedBy: TEST_ACTOR });
    const removal = conn.db.select().from(listProposals).where(and(eq(listProposals.versionId, v2.versionId!), eq(listProposals.kind, 'removal'))).get()!;
    createActorForEntry(conn.db, 'ofac-sdn', proposalEntry(removal), TEST_ACTOR);
    expect(() => acceptProposal(conn.db, removal.id, TEST_ACTOR, { status: 'published' })).toThrow('The list does not date this change: give the date from another source.');
    const event = eventSnapshot(conn.db, acceptProposal(conn.db, removal.id, TEST_ACTOR, { status: 'published', date: '2026-11-08' }));
    expect(event).toMatchObject({ date: '2026-11-08', datePrecision: 'day' });
  });

  it('rejecting is remembered and cannot be accepted afterwards', async () => {
    const { byKind } = await twoVersions('ofac-sdn', 'ofac-sdn-v1.xml', 'ofac-sdn-v2.xml');
    rejectProposal(conn.db, byKind('removal').id, TEST_ACTOR);
    expect(() => rejectProposal(conn.db, byKind('removal').id, TEST_ACTOR)).toThrow(/rejected already/);
    expect(() => acceptProposal(conn.db, byKind('removal').id, TEST_ACTOR, { status: 'published' })).toThrow(/rejected already/);
  });

  it('accept all: matched and unmatched parties are accepted, a party with a name suggestion is left for a person', async () => {
    makeEntity(conn.db, { kind: 'company', name: 'Bank of Testing', ofacUid: '90002' });
    makeEntity(conn.db, { name: 'Test Person Five' });
    const { versionId, byKind } = await twoVersions('ofac-sdn', 'ofac-sdn-v1.xml', 'ofac-sdn-v2.xml');
    const result = acceptAllOfVersion(conn.db, versionId, TEST_ACTOR);
    expect(result).toEqual({ accepted: 2, actorsCreated: 1, left: [{ id: byKind('designation').id, name: proposalEntry(byKind('designation')).name, reason: 'a suggested actor needs confirming' }] });
  });
});
