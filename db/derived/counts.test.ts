import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { derivedMismatches, rebuildDerived } from './counts';
import { mergeEntities, undoMerge, updateEntity } from '@/db/mutations/entities';
import { createEvent, deleteEvent, restoreDeletedEvent, restoreEventRevision, updateEvent } from '@/db/mutations/events';
import { listRevisions } from '@/db/queries/events';
import { seedDatabase } from '@/db/seed/seed';
import { TEST_ACTOR, createTestDb, makeEntity, makeEvent } from '@/db/testing/test-db';
import { entityInputSchema } from '@/lib/validation/entity';
import { eventInputSchema, type EventInputRaw } from '@/lib/validation/event';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

const count = (facet: string, value: string | number) =>
  (conn.sqlite.prepare(`SELECT n FROM facet_counts WHERE facet = ? AND value = ?`).get(facet, String(value)) as { n: number } | undefined)?.n ?? 0;
const months = () =>
  conn.sqlite.prepare(`SELECT month, date_precision, type, n FROM event_month_counts WHERE n <> 0 ORDER BY 1, 2, 3`).all();

function expectInStep() {
  expect(derivedMismatches(conn.sqlite)).toEqual([]);
}

const base: EventInputRaw = {
  type: 'designation',
  title: 'Sanctions on a network',
  summary: 'Treasury designated a network.',
  date: '2023-03-28',
  status: 'published',
  legalAuthority: 'Caesar Syria Civilian Protection Act of 2019',
  program: 'SYRIA-CAESAR',
};
const input = (raw: Partial<EventInputRaw>) => eventInputSchema.parse({ ...base, ...raw });

describe('counts maintained in the write path', () => {
  it('count an event once per country and actor, whatever roles it holds them in', () => {
    const person = makeEntity(conn.db, { name: 'Khalid Qaddour' });
    makeEvent(conn.db, {
      ...base,
      countries: [
        { code: 'SY', role: 'actor' },
        { code: 'SY', role: 'target' },
        { code: 'US', role: 'actor' },
      ],
      actors: [
        { entityId: person.id, role: 'target' },
        { entityId: person.id, role: 'subject' },
      ],
      tags: ['Caesar Act', 'Captagon'],
    });
    expect(count('country', 'SY')).toBe(1);
    expect(count('country:actor', 'SY')).toBe(1);
    expect(count('country:target', 'SY')).toBe(1);
    expect(count('country', 'US')).toBe(1);
    expect(count('actor', person.id)).toBe(1);
    expect(count('tag', 1)).toBe(1);
    expect(count('authority', base.legalAuthority!)).toBe(1);
    expect(count('program', 'SYRIA-CAESAR')).toBe(1);
    expect(months()).toEqual([{ month: '2023-03', date_precision: 'day', type: 'designation', n: 1 }]);
    expectInStep();
  });

  it('leave drafts out, and follow publishing, edits, deletes and restores', () => {
    const person = makeEntity(conn.db, { name: 'Samer al-Assad' });
    const draft = createEvent(conn.db, input({ status: 'draft', countries: [{ code: 'SY', role: 'target' }], tags: ['Oil'] }), TEST_ACTOR);
    expect(count('country', 'SY')).toBe(0);
    expect(count('tag', 1)).toBe(0);
    expectInStep();

    // Published, with another country, type, date and precision.
    updateEvent(
      conn.db,
      draft.id,
      input({
        status: 'published',
        type: 'statement',
        date: '2021-01-01',
        datePrecision: 'year',
        countries: [{ code: 'IR', role: 'location' }, { code: 'SY', role: 'target' }],
        actors: [{ entityId: person.id, role: 'speaker' }],
        tags: ['Oil', 'Shipping'],
      }),
      1,
      TEST_ACTOR,
    );
    expect(count('country', 'SY')).toBe(1);
    expect(count('country:location', 'IR')).toBe(1);
    expect(count('actor', person.id)).toBe(1);
    expect(months()).toEqual([{ month: '2021-01', date_precision: 'year', type: 'statement', n: 1 }]);
    expectInStep();

    deleteEvent(conn.db, draft.id, 2, TEST_ACTOR);
    expect(count('country', 'SY')).toBe(0);
    expect(count('actor', person.id)).toBe(0);
    expect(months()).toEqual([]);
    expectInStep();

    restoreDeletedEvent(conn.db, draft.id, 3, TEST_ACTOR);
    expect(count('country', 'SY')).toBe(1);
    expectInStep();

    // Back to the first version: a draft again.
    const first = listRevisions(conn.db, 'event', draft.id).at(-1)!;
    restoreEventRevision(conn.db, draft.id, first.id, 4, TEST_ACTOR);
    expect(count('country', 'SY')).toBe(0);
    expect(count('program', 'SYRIA-CAESAR')).toBe(0);
    expectInStep();
  });

  it('follow actor merges and their undoing, and renames', () => {
    const survivor = makeEntity(conn.db, { name: 'Khalid Qaddour' });
    const duplicate = makeEntity(conn.db, { name: 'Khaled Kaddour' });
    makeEvent(conn.db, { ...base, actors: [{ entityId: duplicate.id, role: 'target' }] });
    makeEvent(conn.db, {
      ...base,
      actors: [
        { entityId: survivor.id, role: 'target' },
        { entityId: duplicate.id, role: 'target' },
      ],
    });
    makeEvent(conn.db, {
      ...base,
      actors: [
        { entityId: survivor.id, role: 'subject' },
        { entityId: duplicate.id, role: 'issuer' },
      ],
    });
    expect([count('actor', survivor.id), count('actor', duplicate.id)]).toEqual([2, 3]);

    const { mergeId } = mergeEntities(conn.db, { survivorId: survivor.id, survivorVersion: 1, mergedId: duplicate.id, mergedVersion: 1 }, TEST_ACTOR);
    expect([count('actor', survivor.id), count('actor', duplicate.id)]).toEqual([3, 0]);
    expectInStep();

    undoMerge(conn.db, mergeId, TEST_ACTOR);
    expect([count('actor', survivor.id), count('actor', duplicate.id)]).toEqual([2, 3]);
    expectInStep();

    updateEntity(conn.db, survivor.id, entityInputSchema.parse({ kind: 'person', name: 'Khalid Qaddour', aliases: ['Abu Ali'] }), 3, TEST_ACTOR);
    expectInStep();
  });

  it('stay in step with writes that bypass the mutations, and with hard deletes', () => {
    const { id } = makeEvent(conn.db, { ...base, countries: [{ code: 'SY', role: 'target' }], tags: ['Oil'] });
    conn.sqlite.prepare(`INSERT INTO event_countries (event_id, country_code, role) VALUES (?, 'SY', 'actor')`).run(id);
    conn.sqlite.prepare(`UPDATE events SET type = 'removal', date = '2024-02-01' WHERE id = ?`).run(id);
    expect(count('country', 'SY')).toBe(1);
    expect(count('country:actor', 'SY')).toBe(1);
    expectInStep();
    conn.sqlite.prepare(`DELETE FROM event_countries WHERE event_id = ? AND role = 'target'`).run(id);
    expect(count('country', 'SY')).toBe(1);
    expectInStep();
    conn.sqlite.prepare(`DELETE FROM events WHERE id = ?`).run(id);
    expect(count('country', 'SY')).toBe(0);
    expect(count('tag', 1)).toBe(0);
    expect(months()).toEqual([]);
    expectInStep();
  });

  it('are checked for real: a count or a fact out of step is reported', () => {
    const { id } = makeEvent(conn.db, { ...base, countries: [{ code: 'SY', role: 'target' }] });
    conn.sqlite.prepare(`UPDATE facet_counts SET n = n + 1 WHERE facet = 'country' AND value = 'SY'`).run();
    conn.sqlite.prepare(`UPDATE event_countries SET event_type = 'statement' WHERE event_id = ?`).run(id);
    expect(new Set(derivedMismatches(conn.sqlite).map((m) => m.what))).toEqual(new Set(['event_countries facts', 'facet_counts']));
  });

  it('hold for the seed, and a rebuild from scratch gives the same', () => {
    seedDatabase(conn.db);
    expectInStep();
    const before = conn.sqlite.prepare(`SELECT * FROM facet_counts WHERE n <> 0 ORDER BY facet, value`).all();
    conn.sqlite.transaction(() => rebuildDerived(conn.sqlite))();
    expect(conn.sqlite.prepare(`SELECT * FROM facet_counts WHERE n <> 0 ORDER BY facet, value`).all()).toEqual(before);
    expectInStep();
  });

  it('survive random sequences of writes', () => {
    const people = [1, 2, 3, 4].map((i) => makeEntity(conn.db, { name: `Person ${i}` }).id);
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = <T>(items: readonly T[]) => items[rand(items.length)]!;
    const randomInput = () =>
      input({
        type: pick(['designation', 'statement', 'removal'] as const),
        status: pick(['draft', 'published', 'published'] as const),
        date: pick(['2020-01-01', '2021-06-15', '2023-03-28']),
        datePrecision: pick(['day', 'month', 'year'] as const),
        legalAuthority: pick([null, 'Act A', 'Act B']),
        program: pick([null, 'P1']),
        countries: [...new Map([0, 1, 2].slice(0, rand(4)).map(() => {
          const c = { code: pick(['SY', 'IR', 'US']), role: pick(['actor', 'target', 'location'] as const) };
          return [`${c.code}${c.role}`, c] as const;
        })).values()],
        actors: [...new Map([0, 1, 2].slice(0, rand(4)).map(() => {
          const a = { entityId: pick(people), role: pick(['target', 'issuer'] as const) };
          return [`${a.entityId}${a.role}`, a] as const;
        })).values()],
        tags: [...new Set([0, 1].slice(0, rand(3)).map(() => pick(['Oil', 'Shipping', 'Banks'])))],
      });
    const events: { id: number; version: number; deleted: boolean }[] = [];
    for (let step = 0; step < 60; step++) {
      const action = events.length === 0 ? 0 : rand(4);
      if (action === 0) {
        const created = createEvent(conn.db, randomInput(), TEST_ACTOR);
        events.push({ ...created, deleted: false });
      } else {
        const e = pick(events);
        if (e.deleted) {
          e.version = restoreDeletedEvent(conn.db, e.id, e.version, TEST_ACTOR).version;
          e.deleted = false;
        } else if (action === 3) {
          e.version = deleteEvent(conn.db, e.id, e.version, TEST_ACTOR).version;
          e.deleted = true;
        } else {
          e.version = updateEvent(conn.db, e.id, randomInput(), e.version, TEST_ACTOR).version;
        }
      }
      expectInStep();
    }
  });
});
