import { describe, expect, it } from 'vitest';
import { findConflicts, groupByDyad, validateStandingChange, type StandingChange } from '@/lib/relations/change';
import { recalledFromStored } from '@/lib/relations/scale';
import { synthesise } from './generate';
import { FULL_BOARDS, PARTIAL_BOARD_SUBJECTS, PARTIAL_BOARDS, STANDING_FIRST_YEAR, standingCounterparts } from './standings';

function changes(seed: string) {
  const data = synthesise(seed, 2_000);
  // Pools as the loader fills them: a few event ids for each counterpart.
  const pools = new Map(standingCounterparts(data.countryOrder).map((c, i) => [c, [i + 1, i + 100]]));
  return { data, list: [...data.standingChanges(pools)] };
}

describe('synthetic standing changes', () => {
  it('gives three full boards of 200 subjects and forty of sixty, over thirty years', () => {
    const { list } = changes('1');
    const subjects = new Map<string, Set<string>>();
    for (const c of list) (subjects.get(c.counterpart) ?? subjects.set(c.counterpart, new Set()).get(c.counterpart)!).add(c.subject);
    const sizes = [...subjects.values()].map((s) => s.size).sort((a, b) => b - a);
    expect(sizes.slice(0, FULL_BOARDS)).toEqual([200, 200, 200]);
    expect(sizes.slice(FULL_BOARDS)).toEqual(Array(PARTIAL_BOARDS).fill(PARTIAL_BOARD_SUBJECTS));
    expect(Math.min(...list.map((c) => Number(c.date.slice(0, 4))))).toBe(STANDING_FIRST_YEAR);
  });

  it('is the same for the same seed', () => {
    expect(changes('7').list.slice(0, 50)).toEqual(changes('7').list.slice(0, 50));
    expect(changes('7').list.slice(0, 50)).not.toEqual(changes('8').list.slice(0, 50));
  });

  it('passes the validation staff writes go through, with no contradicting pair', () => {
    const stored: StandingChange[] = changes('1').list.map((c) => ({
      id: c.id,
      dyad: { subject: c.subject, counterpart: c.counterpart },
      date: c.date,
      precision: c.precision,
      status: c.status,
      level: c.level,
      embassy: c.embassy,
      ambassadorRecalled: c.ambassadorRecalled === null ? null : recalledFromStored(c.ambassadorRecalled),
      evidenceEventIds: c.evidenceEventIds,
      note: c.note,
    }));
    for (const { changes: dyad } of groupByDyad(stored)) {
      for (const c of dyad) {
        const partial = c.precision === 'year' ? c.date.slice(0, 4) : c.precision === 'month' ? c.date.slice(0, 7) : c.date;
        const v = validateStandingChange({ ...c, date: partial }, dyad, { id: c.id });
        expect(v, JSON.stringify(c)).toMatchObject({ success: true });
        expect(findConflicts(c, dyad, c.id)).toEqual({});
      }
    }
  });
});
