import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RevisionAction } from '@/lib/vocabulary';
import {
  changesBetween,
  diffSnapshots,
  parseMoment,
  recordAsOf,
  recordsAsOf,
  revisionTime,
  stateAsOf,
  statesAsOf,
  type RecordRevision,
} from './as-recorded';

interface Snap {
  id: number;
  title: string;
  tags: string[];
  version: number;
  updatedAt: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.UTC(2024, 0, 1);

function rev(id: number, recordId: number, action: RevisionAction, ms: number, title: string, version = id, tags: string[] = []): RecordRevision<Snap> {
  return { id, recordId, action, version, createdAt: iso(ms), snapshot: { id: recordId, title, tags, version, updatedAt: iso(ms) } };
}

describe('one record as it stood', () => {
  const history = [
    rev(1, 7, 'create', T0, 'Designated'),
    rev(2, 7, 'update', T0 + 1000, 'Designated (corrected)'),
    rev(3, 7, 'delete', T0 + 2000, 'Designated (corrected)'),
    rev(4, 7, 'restore', T0 + 3000, 'Designated (corrected)'),
  ];

  it('is absent before it was recorded, and each version holds from its time until the next', () => {
    expect(stateAsOf(history, T0 - 1)).toBeNull();
    expect(recordAsOf(history, T0)?.title).toBe('Designated');
    expect(recordAsOf(history, T0 + 999)?.title).toBe('Designated');
    expect(recordAsOf(history, T0 + 1000)?.title).toBe('Designated (corrected)');
  });

  it('is absent while deleted, and back once restored; the state still says it was deleted', () => {
    expect(recordAsOf(history, T0 + 2500)).toBeNull();
    expect(stateAsOf(history, T0 + 2500)).toMatchObject({ deleted: true, revision: { id: 3 } });
    expect(recordAsOf(history, T0 + 3000)?.title).toBe('Designated (corrected)');
    expect(recordAsOf(history, iso(T0 + 10_000))?.title).toBe('Designated (corrected)');
  });

  it('takes revisions in any order, and orders two changes in the same millisecond by id', () => {
    const shuffled = [history[3]!, history[0]!, history[2]!, history[1]!];
    expect(recordAsOf(shuffled, T0 + 1500)?.title).toBe('Designated (corrected)');
    const tie = [rev(10, 1, 'create', T0, 'first'), rev(12, 1, 'update', T0, 'third'), rev(11, 1, 'update', T0, 'second')];
    expect(recordAsOf(tie, T0)?.title).toBe('third');
    expect(recordAsOf([rev(10, 1, 'create', T0, 'a'), rev(11, 1, 'delete', T0, 'a')], T0)).toBeNull();
  });

  it('reads the times SQLite writes as UTC, and refuses a time it cannot place', () => {
    expect(revisionTime('2024-03-01 12:00:00')).toBe(Date.UTC(2024, 2, 1, 12));
    expect(revisionTime('2024-03-01T12:00:00.123Z')).toBe(Date.UTC(2024, 2, 1, 12, 0, 0, 123));
    expect(() => revisionTime('yesterday')).toThrow(/not a readable instant/);
  });
});

/** An arbitrary history of one record: a create, then edits, deletes and restores that make sense. */
const historyArb = fc
  .record({
    steps: fc.array(fc.record({ kind: fc.constantFrom('edit', 'toggle', 'restore-version'), gap: fc.integer({ min: 0, max: 5000 }), title: fc.string({ maxLength: 8 }) }), {
      maxLength: 25,
    }),
    start: fc.integer({ min: 0, max: 10 ** 12 }),
    firstId: fc.integer({ min: 1, max: 1000 }),
    idGap: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ steps, start, firstId, idGap }) => {
    const revisions: RecordRevision<Snap>[] = [rev(firstId, 1, 'create', start, 'v1', 1)];
    let deleted = false;
    let time = start;
    let title = 'v1';
    for (const step of steps) {
      time += step.gap;
      const id = revisions[revisions.length - 1]!.id + idGap;
      const version = revisions.length + 1;
      let action: RevisionAction;
      if (step.kind === 'toggle') {
        action = deleted ? 'restore' : 'delete';
        deleted = !deleted;
      } else if (deleted) {
        action = 'restore';
        deleted = false;
      } else {
        action = step.kind === 'edit' ? 'update' : 'restore';
        title = step.title;
      }
      revisions.push(rev(id, 1, action, time, title, version));
    }
    return revisions;
  });

describe('property: the state at the time of revision N is revision N', () => {
  it('for any history of edits, deletions and restorations (times never decrease, ties by id)', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 1000 }), (revisions, seed) => {
        // Any order in, same answer out.
        const shuffled = [...revisions].sort((a, b) => ((a.id * 7919 + seed) % 101) - ((b.id * 7919 + seed) % 101));
        revisions.forEach((r, n) => {
          const t = revisionTime(r.createdAt);
          // Revision N is in force at its time unless a later revision shares that millisecond.
          const lastAtT = revisions.filter((x) => revisionTime(x.createdAt) === t).at(-1)!;
          const state = stateAsOf(shuffled, t)!;
          expect(state.revision.id).toBe(lastAtT.id);
          if (lastAtT === r) {
            expect(state.snapshot).toEqual(r.snapshot);
            expect(state.deleted).toBe(r.action === 'delete');
            expect(recordAsOf(shuffled, t)).toEqual(r.action === 'delete' ? null : r.snapshot);
          }
          // Just before revision N's time, the previous distinct time's state holds (or nothing).
          const before = revisions.slice(0, n).filter((x) => revisionTime(x.createdAt) < t).at(-1);
          expect(stateAsOf(shuffled, t - 1)?.revision.id ?? null).toBe(before?.id ?? null);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('the many-records pass agrees with the one-record answer for every record and time', () => {
    const many = fc.array(historyArb, { minLength: 1, maxLength: 6 }).map((histories) => {
      // Give each history its own record id and disjoint revision ids, then interleave.
      let nextId = 1;
      return histories.flatMap((h, recordId) =>
        h.map((r) => ({ ...r, id: nextId++, recordId, snapshot: { ...r.snapshot, id: recordId } })),
      );
    });
    fc.assert(
      fc.property(many, fc.integer({ min: 0, max: 10 ** 12 + 200_000 }), (revisions, probe) => {
        const times = [probe, ...revisions.map((r) => revisionTime(r.createdAt))];
        for (const t of times) {
          const states = statesAsOf(revisions, t);
          const live = recordsAsOf(revisions, t);
          const ids = new Set(revisions.map((r) => r.recordId));
          for (const id of ids) {
            const own = revisions.filter((r) => r.recordId === id);
            expect(states.get(id) ?? null).toEqual(stateAsOf(own, t));
            expect(live.get(id) ?? null).toEqual(recordAsOf(own, t));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('field differences', () => {
  it('lists changed fields, with the items that came and went in lists, ignoring bookkeeping', () => {
    const a = { title: 'A', summary: 'same', tags: ['x', 'y'], countries: [{ code: 'SY', role: 'target' }], version: 1, updatedAt: 'a' };
    const b = { title: 'B', summary: 'same', tags: ['y', 'z'], countries: [{ role: 'target', code: 'SY' }], version: 2, updatedAt: 'b' };
    expect(diffSnapshots(a, b)).toEqual([
      { field: 'title', before: 'A', after: 'B' },
      { field: 'tags', before: ['x', 'y'], after: ['y', 'z'], added: ['z'], removed: ['x'] },
    ]);
    expect(diffSnapshots(a, { ...a, version: 9 })).toEqual([]);
    expect(diffSnapshots({ note: null }, { note: 'n' }, { ignore: [] })).toEqual([{ field: 'note', before: null, after: 'n' }]);
    // A duplicated item counts: one more copy is an addition.
    expect(diffSnapshots({ l: [1] }, { l: [1, 1] })[0]).toMatchObject({ added: [1], removed: [] });
  });
});

describe('what changed between two moments', () => {
  const h = (ms: number) => T0 + ms * 3_600_000;
  const revisions = [
    rev(1, 1, 'create', h(0), 'kept'),
    rev(2, 2, 'create', h(0), 'edited'),
    rev(3, 3, 'create', h(0), 'deleted later'),
    rev(4, 4, 'create', h(0), 'deleted early'),
    rev(5, 4, 'delete', h(1), 'deleted early'),
    rev(6, 2, 'update', h(5), 'edited!', 6, ['new tag']),
    rev(7, 3, 'delete', h(6), 'deleted later'),
    rev(8, 4, 'restore', h(7), 'deleted early'),
    rev(9, 5, 'create', h(8), 'new'),
    rev(10, 6, 'create', h(8), 'new and gone'),
    rev(11, 6, 'delete', h(9), 'new and gone'),
    rev(12, 1, 'update', h(9), 'kept (typo)'),
    rev(13, 1, 'update', h(9), 'kept'),
    rev(14, 7, 'create', h(50), 'after the window'),
    rev(15, 2, 'update', h(50), 'edited after the window'),
  ];

  it('classifies each record by its state at both ends, newest change first', () => {
    const changes = changesBetween(revisions, h(2), h(10));
    expect(changes.map((c) => [c.recordId, c.kind])).toEqual([
      [6, 'created-and-deleted'],
      [5, 'created'],
      [4, 'restored'],
      [3, 'deleted'],
      [2, 'edited'],
    ]);
    const edited = changes.find((c) => c.recordId === 2)!;
    expect(edited.fields.map((f) => f.field)).toEqual(['title', 'tags']);
    expect(edited.fields[1]).toMatchObject({ added: ['new tag'], removed: [] });
    expect(edited.after.snapshot.title).toBe('edited!');
    // Record 1 was edited and put back within the window: no change for a reader.
    expect(changes.find((c) => c.recordId === 1)).toBeUndefined();
    expect(changes.find((c) => c.recordId === 6)!.revisions.map((r) => r.action)).toEqual(['create', 'delete']);
  });

  it('takes the start as exclusive and the end as inclusive, and rejects a reversed window', () => {
    expect(changesBetween(revisions, h(8), h(8))).toEqual([]);
    expect(changesBetween(revisions, h(7), h(8)).map((c) => c.recordId)).toEqual([6, 5]);
    expect(() => changesBetween(revisions, h(2), h(1))).toThrow(RangeError);
  });
});

describe('the as_recorded and since parameters', () => {
  const now = Date.UTC(2026, 11, 2, 10, 30);
  const name = 'The "as recorded" date';

  it('reads a day as its end (capped at now) and a time as itself', () => {
    expect(parseMoment('2024-03-01', { name, now })).toEqual({ ok: true, at: Date.UTC(2024, 2, 2) - 1, iso: '2024-03-01T23:59:59.999Z' });
    expect(parseMoment('2026-12-02', { name, now })).toMatchObject({ ok: true, at: now });
    expect(parseMoment('2024-03-01', { name, now, endOfDay: false })).toMatchObject({ ok: true, at: Date.UTC(2024, 2, 1) });
    expect(parseMoment('2024-03-01T12:00:00+02:00', { name, now })).toMatchObject({ ok: true, iso: '2024-03-01T10:00:00.000Z' });
  });

  it.each([
    ['2024-02-30', /real day/],
    ['2024-13-01', /real day/],
    ['0999-01-01', /real day/],
    ['2024-02-30T12:00:00Z', /day \(YYYY-MM-DD\) or a time/],
    ['2024-03-01T24:00:00Z', /day \(YYYY-MM-DD\) or a time/],
    ['2024-03-01T12:00:00', /day \(YYYY-MM-DD\) or a time/],
    ['last week', /day \(YYYY-MM-DD\) or a time/],
    ['', /day \(YYYY-MM-DD\) or a time/],
    ['2026-12-03', /in the future/],
    ['2026-12-02T10:31:00Z', /in the future/],
  ])('refuses %j with a message a person understands', (value, message) => {
    const parsed = parseMoment(value, { name, now });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
    expect(!parsed.ok && parsed.message).toMatch(/^The "as recorded" date /);
  });

  it('refuses a moment before the first record when told when that was', () => {
    const earliest = Date.UTC(2025, 0, 15, 9);
    expect(parseMoment('2025-01-14', { name, now, earliest })).toEqual({
      ok: false,
      message: 'The "as recorded" date is before the first record (2025-01-15 09:00 UTC); nothing had been recorded then.',
    });
    expect(parseMoment('2025-01-15', { name, now, earliest }).ok).toBe(true);
  });
});
