import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyJson, hostileString } from '@/lib/testing/hostile-values';
import { findConflicts, groupByDyad, standingChangeInputSchema, validateStandingChange, type StandingChange, type StandingChangeInput } from './change';
import { changeArb } from './test-arbitraries';

const RUNS = 300;

/** What the event form would send for "Bahrain's standing with Syria: embassy open, chargé d'affaires, in effect 2018". */
function raw(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dyad: { subject: 'BH', counterpart: 'SY' },
    level: 'charge_d_affaires',
    embassy: 'open',
    ambassadorRecalled: null,
    date: '2018',
    status: 'in_effect',
    evidenceEventIds: [4],
    note: '',
    ...over,
  };
}

function stored(id: number, over: Partial<StandingChange> = {}): StandingChange {
  return {
    id,
    dyad: { subject: 'BH', counterpart: 'SY' },
    level: 'charge_d_affaires',
    embassy: 'open',
    ambassadorRecalled: null,
    date: '2018-01-01',
    precision: 'year',
    status: 'in_effect',
    evidenceEventIds: [4],
    note: null,
    ...over,
  };
}

function errorsOf(input: Record<string, unknown>, existing: StandingChange[] = []) {
  const result = validateStandingChange(input, existing);
  if (result.success) throw new Error('expected a refusal');
  return result.errors;
}

describe('a standing change on its own', () => {
  it('reads the form: a year as a year-precision date, blanks as "does not say", evidence sorted once', () => {
    const result = validateStandingChange(raw({ ambassadorRecalled: '', evidenceEventIds: [9, 4, '9'], note: '  Chargé from December.  ' }));
    expect(result).toEqual({
      success: true,
      change: {
        dyad: { subject: 'BH', counterpart: 'SY' },
        level: 'charge_d_affaires',
        embassy: 'open',
        ambassadorRecalled: null,
        date: '2018-01-01',
        precision: 'year',
        status: 'in_effect',
        evidenceEventIds: [4, 9],
        note: 'Chargé from December.',
      },
    });
  });

  it('accepts lower-case country codes and keeps organisation keys as they are', () => {
    const s = validateStandingChange(raw({ dyad: { subject: 'bh', counterpart: 'sy' } }));
    expect(s.success && s.change.dyad).toEqual({ subject: 'BH', counterpart: 'SY' });
    const o = validateStandingChange(raw({ dyad: { subject: 'arab-league', counterpart: 'SY' }, level: 'suspended', embassy: null, date: '2011' }));
    expect(o.success && o.change.dyad.subject).toBe('arab-league');
  });

  it('refuses a change without evidence, at the evidence field', () => {
    expect(errorsOf(raw({ evidenceEventIds: [] })).evidenceEventIds).toBe('Link at least one timeline event as evidence.');
    expect(errorsOf(raw({ evidenceEventIds: undefined })).evidenceEventIds).toBe('Link at least one timeline event as evidence.');
    expect(errorsOf(raw({ evidenceEventIds: [0, 'abc'] })).evidenceEventIds).toBe('Evidence is a list of event numbers.');
  });

  it("refuses a diplomatic level for an organisation and a membership level for a state, saying which scale applies", () => {
    expect(errorsOf(raw({ dyad: { subject: 'arab-league', counterpart: 'SY' }, level: 'ambassador' })).level).toBe(
      'arab-league is an organisation: its standing with Syria is a membership level (not a member, suspended, member), not a diplomatic one.',
    );
    expect(errorsOf(raw({ level: 'suspended' })).level).toBe(
      "Bahrain is a state: its standing is a diplomatic level (relations severed, no diplomatic presence, protecting power, interests section, chargé d'affaires, minister (legation), ambassador); membership levels are for organisations.",
    );
    expect(errorsOf(raw({ level: 'friendly' })).level).toMatch(/^Level must be one of: relations severed, .*member, or unknown\.$/);
  });

  it('accepts "unknown" on either scale', () => {
    expect(validateStandingChange(raw({ level: 'unknown' })).success).toBe(true);
    expect(validateStandingChange(raw({ dyad: { subject: 'arab-league', counterpart: 'SY' }, level: 'unknown' })).success).toBe(true);
  });

  it('refuses a change that says nothing, and one between a country and itself', () => {
    expect(errorsOf(raw({ level: null, embassy: '', ambassadorRecalled: undefined })).level).toBe(
      'Say what changes: the level, the embassy or the ambassador (any of them may be "unknown").',
    );
    expect(errorsOf(raw({ dyad: { subject: 'SY', counterpart: 'sy' } }))['dyad.counterpart']).toBe('A standing is between two different sides.');
  });

  it('refuses unknown sides and bad dates with a message at the field', () => {
    expect(errorsOf(raw({ dyad: { subject: 'XX', counterpart: 'SY' } }))['dyad.subject']).toBe(
      'Use a country code (ISO 3166-1 alpha-2, e.g. AE) or an organisation key (e.g. arab-league).',
    );
    expect(errorsOf(raw({ dyad: { subject: 'BH', counterpart: 'arab-league' } }))['dyad.counterpart']).toBe(
      'Unknown country code for the counterpart (use ISO 3166-1 alpha-2, e.g. SY).',
    );
    expect(errorsOf(raw({ dyad: undefined })).dyad).toBe('Say whose standing with which country this is.');
    expect(errorsOf(raw({ date: '2018-02-30' })).date).toBe('Date must be a real date: YYYY, YYYY-MM or YYYY-MM-DD.');
    expect(errorsOf(raw({ date: '2018', precision: 'day' })).date).toBe('Date "2018" is not precise enough for "day" precision.');
    expect(errorsOf(raw({ status: 'rumoured' })).status).toBe('Status is in effect, announced or reported.');
    expect(errorsOf(raw({ ambassadorRecalled: 'maybe' })).ambassadorRecalled).toBe('Ambassador recalled is yes, no or unknown.');
  });

  it('stores a precise date at a coarser precision as the start of its period', () => {
    const r = validateStandingChange(raw({ date: '2018-12-27', precision: 'month' }));
    expect(r.success && [r.change.date, r.change.precision]).toEqual(['2018-12-01', 'month']);
  });

  it('reports every field at once, so a form shows all its errors together', () => {
    const errors = errorsOf({ dyad: { subject: '', counterpart: '' }, date: '', status: '', evidenceEventIds: [] });
    expect(Object.keys(errors).sort()).toEqual(['date', 'dyad.counterpart', 'dyad.subject', 'evidenceEventIds', 'status']);
  });

  it('never throws on hostile input, and explains every refusal', () => {
    const hostileRaw = fc.record({
      dyad: fc.oneof(anyJson, fc.record({ subject: hostileString, counterpart: hostileString })),
      level: fc.oneof(anyJson, hostileString),
      embassy: fc.oneof(anyJson, hostileString),
      ambassadorRecalled: anyJson,
      date: fc.oneof(anyJson, hostileString),
      precision: anyJson,
      status: fc.oneof(anyJson, hostileString),
      evidenceEventIds: fc.oneof(anyJson, fc.array(fc.oneof(fc.integer(), hostileString))),
      note: fc.oneof(anyJson, hostileString),
    });
    fc.assert(
      fc.property(hostileRaw, (input) => {
        const r = validateStandingChange(input);
        if (!r.success) {
          expect(Object.keys(r.errors).length).toBeGreaterThan(0);
          for (const message of Object.values(r.errors)) expect(message).toMatch(/^[A-Z"a-z].{10,}[.)]$/s);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('a standing change against the recorded ones', () => {
  it('refuses two in-effect changes for the same dyad on the same date that disagree, at the field that disagrees', () => {
    const errors = errorsOf(raw({ level: 'ambassador' }), [stored(7)]);
    expect(errors).toEqual({
      level:
        "Change #7 (2018, in effect) already says chargé d'affaires for Bahrain → Syria. Two changes on the same date with the same status cannot disagree on the level: correct change #7, or give this one its own date.",
    });
    // "unknown" disagrees with a value too: one of the two has to give way.
    expect(Object.keys(errorsOf(raw({ embassy: 'unknown' }), [stored(7)]))).toEqual(['embassy']);
  });

  it('points a repeat at the recorded change', () => {
    expect(errorsOf(raw({ evidenceEventIds: [5] }), [stored(7)])).toEqual({
      form: 'Change #7 (2018, in effect) already records this for Bahrain → Syria: add this event to its evidence instead.',
    });
  });

  it('allows what can coexist: other status, other precision, other dyad, a fact the other does not speak to, and itself when edited', () => {
    const existing = [
      stored(1, { status: 'reported', level: 'ambassador' }),
      stored(2, { date: '2018-12-01', precision: 'month', level: 'ambassador' }),
      stored(3, { dyad: { subject: 'AE', counterpart: 'SY' }, level: 'ambassador' }),
      stored(4, { level: null, embassy: 'open', ambassadorRecalled: false }),
    ];
    expect(validateStandingChange(raw(), existing).success).toBe(true);
    expect(validateStandingChange(raw({ level: 'ambassador' }), [stored(9)], { id: 9 }).success).toBe(true);
  });

  it('finds a conflict whichever of the two is recorded first', () => {
    fc.assert(
      fc.property(changeArb(), changeArb(), (a, b) => {
        const sameDay = { ...b, date: a.date, precision: a.precision, status: a.status };
        const ab = Object.keys(findConflicts(a as StandingChangeInput, [{ ...sameDay, id: 2 }]));
        const ba = Object.keys(findConflicts(sameDay as StandingChangeInput, [{ ...a, id: 1 }]));
        expect(ab).toEqual(ba);
        const disagree = (['level', 'embassy', 'ambassadorRecalled'] as const).some((k) => a[k] !== null && sameDay[k] !== null && a[k] !== sameDay[k]);
        expect(ab.some((k) => k !== 'form')).toBe(disagree);
      }),
      { numRuns: RUNS },
    );
  });

  it('groups changes by dyad for the per-dyad computations', () => {
    const groups = groupByDyad([stored(1), stored(2, { dyad: { subject: 'AE', counterpart: 'SY' } }), stored(3)]);
    expect(groups.map((g) => [g.dyad.subject, g.changes.map((c) => c.id)])).toEqual([
      ['BH', [1, 3]],
      ['AE', [2]],
    ]);
  });
});

describe('the schema as a type', () => {
  it('gives the computations the stored shape', () => {
    const parsed = standingChangeInputSchema.parse(raw());
    const change: StandingChange = { ...parsed, id: 1 };
    expect(change.date).toBe('2018-01-01');
  });
});
