import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { MutationError, VersionConflictError } from './errors';
import { getEntity } from '../queries/entities';
import { getEvent, listRevisions } from '../queries/events';
import { listMergesOf } from '../queries/revisions';
import { eventEntities } from '../schema';
import { TEST_ACTOR, createTestDb, makeEntity, makeEvent } from '@/db/testing/test-db';
import { createEntity, mergeEntities, undoMerge, updateEntity } from './entities';
import { entityInputSchema, type EntityInputRaw } from '@/lib/validation/entity';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

const entity = (raw: Partial<EntityInputRaw>) => entityInputSchema.parse({ kind: 'person', name: 'Someone', ...raw });
const search = (term: string) =>
  (conn.sqlite.prepare(`SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid`).all(term) as { rowid: number }[]).map((r) => r.rowid);
const links = () =>
  conn.db
    .select()
    .from(eventEntities)
    .orderBy(asc(eventEntities.eventId), asc(eventEntities.entityId), asc(eventEntities.role))
    .all();

describe('editing an actor', () => {
  it('renames with a version check and makes its events findable by the new name and aliases', () => {
    const actor = makeEntity(conn.db, { name: 'Khalid Qaddour' });
    const { id: eventId } = makeEvent(conn.db, { actors: [{ entityId: actor.id, role: 'target' }] });
    const result = updateEntity(conn.db, actor.id, entity({ name: 'Khaled Kaddour', aliases: ['Abu Ali'], ofacUid: '36270' }), 1, TEST_ACTOR);
    expect(result).toEqual({ id: actor.id, version: 2, changed: true });
    expect(getEntity(conn.db, actor.id)).toMatchObject({ name: 'Khaled Kaddour', aliases: ['Abu Ali'], ofacUid: '36270', version: 2 });
    expect(search('kaddour')).toEqual([eventId]);
    expect(search('abu')).toEqual([eventId]);
    expect(search('qaddour')).toEqual([]);
    expect(listRevisions(conn.db, 'entity', actor.id).map((r) => r.action)).toEqual(['update', 'create']);
  });

  it('refuses a stale save, and records nothing for a save that changes nothing', () => {
    const actor = makeEntity(conn.db, { name: 'Khalid Qaddour' });
    updateEntity(conn.db, actor.id, entity({ name: 'Khalid Qaddour', description: 'Businessman' }), 1, TEST_ACTOR);
    expect(() => updateEntity(conn.db, actor.id, entity({ name: 'Other' }), 1, TEST_ACTOR)).toThrow(VersionConflictError);
    expect(updateEntity(conn.db, actor.id, entity({ name: 'Khalid Qaddour', description: 'Businessman' }), 2, TEST_ACTOR).changed).toBe(false);
    expect(listRevisions(conn.db, 'entity', actor.id)).toHaveLength(2);
  });
});

describe('merging two actors', () => {
  function setup() {
    const survivor = makeEntity(conn.db, { name: 'Khalid Qaddour', aliases: ['Khaled Qaddour'] });
    const duplicate = makeEntity(conn.db, { name: 'Khaled Kaddour', aliases: ['Abu Ali', 'khaled qaddour'], ofacUid: '36270', countryCode: 'SY' });
    const onlyDuplicate = makeEvent(conn.db, { title: 'Only the duplicate', actors: [{ entityId: duplicate.id, role: 'target' }] });
    const both = makeEvent(conn.db, {
      title: 'Both, same role',
      actors: [
        { entityId: survivor.id, role: 'target' },
        { entityId: duplicate.id, role: 'target' },
        { entityId: duplicate.id, role: 'subject' },
      ],
    });
    const onlySurvivor = makeEvent(conn.db, { title: 'Only the survivor', actors: [{ entityId: survivor.id, role: 'target' }] });
    return { survivor, duplicate, onlyDuplicate, both, onlySurvivor };
  }

  it('moves the events to the survivor and records the merge', () => {
    const { survivor, duplicate, onlyDuplicate, both, onlySurvivor } = setup();
    const { mergeId, eventIds } = mergeEntities(conn.db, { survivorId: survivor.id, survivorVersion: 1, mergedId: duplicate.id, mergedVersion: 1 }, TEST_ACTOR);

    expect(eventIds.sort()).toEqual([onlyDuplicate.id, both.id].sort());
    expect(getEvent(conn.db, onlyDuplicate.id)?.actors.map((a) => [a.id, a.role])).toEqual([[survivor.id, 'target']]);
    expect(getEvent(conn.db, both.id)?.actors.map((a) => [a.id, a.role]).sort()).toEqual([
      [survivor.id, 'subject'],
      [survivor.id, 'target'],
    ]);
    expect(getEntity(conn.db, survivor.id)).toMatchObject({
      aliases: ['Abu Ali', 'Khaled Kaddour', 'Khaled Qaddour'],
      ofacUid: '36270',
      countryCode: 'SY',
      version: 2,
    });
    expect(getEntity(conn.db, duplicate.id)).toMatchObject({ mergedIntoId: survivor.id, version: 2 });
    // Each affected event has a new version and a revision naming the merge; the others do not.
    expect(listRevisions(conn.db, 'event', onlyDuplicate.id)[0]).toMatchObject({ action: 'merge', version: 2 });
    expect(listRevisions(conn.db, 'event', onlySurvivor.id)).toHaveLength(1);
    expect(listRevisions(conn.db, 'entity', survivor.id)[0]?.note).toMatch(/Absorbed “Khaled Kaddour”/);
    expect(listMergesOf(conn.db, survivor.id)).toEqual([expect.objectContaining({ id: mergeId, undoable: true, movedCount: 2 })]);
    // The merged name now finds every event of the survivor.
    expect(search('kaddour')).toEqual([onlyDuplicate.id, both.id, onlySurvivor.id]);
  });

  it('is undone exactly: roles, aliases and identifiers go back, and the undo is recorded', () => {
    const { survivor, duplicate, onlyDuplicate, both } = setup();
    const before = { links: links(), survivor: getEntity(conn.db, survivor.id), duplicate: getEntity(conn.db, duplicate.id) };
    const { mergeId } = mergeEntities(conn.db, { survivorId: survivor.id, survivorVersion: 1, mergedId: duplicate.id, mergedVersion: 1 }, TEST_ACTOR);
    undoMerge(conn.db, mergeId, TEST_ACTOR);

    expect(links()).toEqual(before.links);
    const strip = <T extends object | null>(e: T) => e && { ...e, version: 0, updatedAt: '', updatedBy: null };
    expect(strip(getEntity(conn.db, survivor.id))).toEqual(strip(before.survivor));
    expect(strip(getEntity(conn.db, duplicate.id))).toEqual(strip(before.duplicate));
    expect(listRevisions(conn.db, 'event', onlyDuplicate.id).map((r) => r.action)).toEqual(['unmerge', 'merge', 'create']);
    expect(listRevisions(conn.db, 'entity', duplicate.id).map((r) => r.action)).toEqual(['unmerge', 'merge', 'create']);
    // The survivor's other events no longer match the duplicate's aliases.
    expect(search('abu')).toEqual([onlyDuplicate.id, both.id]);
    expect(() => undoMerge(conn.db, mergeId, TEST_ACTOR)).toThrow(/already been undone/);
    expect(listMergesOf(conn.db, survivor.id)[0]).toMatchObject({ undoable: false, undoneAt: expect.any(String) });
  });

  it('keeps edits made after the merge when undoing it', () => {
    const { survivor, duplicate } = setup();
    const { mergeId } = mergeEntities(conn.db, { survivorId: survivor.id, survivorVersion: 1, mergedId: duplicate.id, mergedVersion: 1 }, TEST_ACTOR);
    // Someone sets a different OFAC UID on the survivor after the merge.
    updateEntity(conn.db, survivor.id, entity({ name: 'Khalid Qaddour', aliases: ['Khaled Qaddour', 'Abu Ali'], ofacUid: '99999' }), 2, TEST_ACTOR);
    undoMerge(conn.db, mergeId, TEST_ACTOR);
    expect(getEntity(conn.db, survivor.id)).toMatchObject({ ofacUid: '99999', aliases: ['Khaled Qaddour'] });
  });

  it('refuses merges that make no sense or start from stale versions', () => {
    const { survivor, duplicate } = setup();
    const org = makeEntity(conn.db, { name: 'Qaddour Trading', kind: 'company' });
    expect(() => mergeEntities(conn.db, { survivorId: survivor.id, survivorVersion: 1, mergedId: survivor.id, mergedVersion: 1 }, TEST_ACTOR)).toThrow(/two different/);
    expect(() => mergeEntities(conn.db, { survivorId: survivor.id, survivorVersion: 1, mergedId: org.id, mergedVersion: 1 }, TEST_ACTOR)).toThrow(/same kind/);
    updateEntity(conn.db, duplicate.id, entity({ name: 'Khaled Kaddour', ofacUid: '36270' }), 1, TEST_ACTOR);
    expect(() => mergeEntities(conn.db, { survivorId: survivor.id, survivorVersion: 1, mergedId: duplicate.id, mergedVersion: 1 }, TEST_ACTOR)).toThrow(
      VersionConflictError,
    );
    expect(getEntity(conn.db, survivor.id)?.version).toBe(1);
    mergeEntities(conn.db, { survivorId: survivor.id, survivorVersion: 1, mergedId: duplicate.id, mergedVersion: 2 }, TEST_ACTOR);
    expect(() => updateEntity(conn.db, duplicate.id, entity({ name: 'Edit after merge' }), 3, TEST_ACTOR)).toThrow(/merged into another/);
  });
});

describe('an actor whose name reads as another one (issue 10, item 10)', () => {
  it('is refused, naming the other actor, unless the editor confirms it is someone else', () => {
    const qaddour = makeEntity(conn.db, { name: 'Khalid Qaddour', aliases: ['Khaled Qaddour'] });
    for (const name of ['Khalid Qad\u200Ddour', 'KHALID QADDOUR', 'Ｋｈａｌｉｄ Ｑａｄｄｏｕｒ', 'Khaled Qad\u00ADdour', 'khaled-qaddour']) {
      let refusal: unknown = null;
      try {
        createEntity(conn.db, entity({ name }), TEST_ACTOR);
      } catch (err) {
        refusal = err;
      }
      expect(refusal, name).toBeInstanceOf(MutationError);
      expect((refusal as MutationError).status).toBe(409);
      expect((refusal as MutationError).fieldErrors.name).toBe(
        `Another actor already has this name or an alias that reads the same: “Khalid Qaddour” (#${qaddour.id}). Choose that actor instead, or confirm that this is a different actor with the same name.`,
      );
    }
    expect(conn.sqlite.prepare('SELECT count(*) AS n FROM entities').get()).toEqual({ n: 1 });
    const namesake = createEntity(conn.db, entity({ name: 'Khalid Qad\u200Ddour' }), TEST_ACTOR, { allowNamesake: true });
    // Stored as it looks: the joiner is gone.
    expect(getEntity(conn.db, namesake.id)?.name).toBe('Khalid Qaddour');
  });

  it('is refused when a rename makes it read as another actor, not when its own spelling changes', () => {
    makeEntity(conn.db, { name: 'Khalid Qaddour' });
    const other = makeEntity(conn.db, { name: 'Samer Kamal al-Assad' });
    expect(() => updateEntity(conn.db, other.id, entity({ name: 'Khalid  QADDOUR' }), 1, TEST_ACTOR)).toThrow(/Another actor already has this name/);
    expect(updateEntity(conn.db, other.id, entity({ name: 'SAMER KAMAL AL-ASSAD' }), 1, TEST_ACTOR)).toMatchObject({ changed: true, version: 2 });
  });
});
