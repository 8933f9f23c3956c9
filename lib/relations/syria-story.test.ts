/**
 * The seed article's story, as the board will show it. Only what the article supports is
 * recorded, at the precision it supports:
 *  - "Syria's return to the Arab League, 12 years after it was suspended": suspended, 2011, in effect.
 *  - "The United Arab Emirates and Bahrain ... reopened their embassies in Damascus in 2018":
 *    embassy open, 2018, in effect. The level is not given, so it is recorded as unknown (a
 *    reopening makes any earlier level stale; it does not tell us the new one).
 *  - "Saudi Arabia, which led the way in steps to isolate Damascus in 2011, ... with reported plans
 *    to reopen embassies": a reported change (embassy open), 2023. The 2011 isolation is an event
 *    without a level: the article never says that Saudi Arabia closed its embassy or when, so no
 *    closure is recorded and the embassy before 2023 is unknown, not closed. ("Reopen" implies it
 *    was closed at some point before 2023; a closure with no date cannot be placed on the board.)
 *  - "several Arab states, including Iraq and Lebanon, are pushing for Syria's return": a reported
 *    change of the Arab League's standing to member, 2023; not in effect.
 */
import { describe, expect, it } from 'vitest';
import { dyadBand } from './bands';
import { groupByDyad, type StandingChange } from './change';
import { describeFact, describePending, summarizeStandings } from './describe';
import { dyadYearRows } from './dyad-years';
import { standingAsOf } from './standing';

// Event ids as the seed would number them; any ids do.
const EVENT = { arabLeague: 1, saudiIsolates: 2, uaeEmbassy: 3, bahrainEmbassy: 4, iraqLebanonPush: 11, saudiPlans: 12 };

const base = { ambassadorRecalled: null, note: null } as const;

export const SYRIA_STORY: StandingChange[] = [
  {
    ...base,
    id: 1,
    dyad: { subject: 'arab-league', counterpart: 'SY' },
    level: 'suspended',
    embassy: null,
    date: '2011-01-01',
    precision: 'year',
    status: 'in_effect',
    evidenceEventIds: [EVENT.arabLeague],
  },
  {
    ...base,
    id: 2,
    dyad: { subject: 'AE', counterpart: 'SY' },
    level: 'unknown',
    embassy: 'open',
    date: '2018-01-01',
    precision: 'year',
    status: 'in_effect',
    evidenceEventIds: [EVENT.uaeEmbassy],
  },
  {
    ...base,
    id: 3,
    dyad: { subject: 'BH', counterpart: 'SY' },
    level: 'unknown',
    embassy: 'open',
    date: '2018-01-01',
    precision: 'year',
    status: 'in_effect',
    evidenceEventIds: [EVENT.bahrainEmbassy],
  },
  {
    ...base,
    id: 4,
    dyad: { subject: 'SA', counterpart: 'SY' },
    level: null,
    embassy: 'open',
    date: '2023-01-01',
    precision: 'year',
    status: 'reported',
    evidenceEventIds: [EVENT.saudiPlans],
  },
  {
    ...base,
    id: 5,
    dyad: { subject: 'arab-league', counterpart: 'SY' },
    level: 'member',
    embassy: null,
    date: '2023-01-01',
    precision: 'year',
    status: 'reported',
    evidenceEventIds: [EVENT.iraqLebanonPush],
  },
];

function board(asOf: string) {
  return groupByDyad(SYRIA_STORY).map(({ dyad, changes }) => standingAsOf(dyad, changes, asOf));
}

function row(asOf: string, subject: string) {
  const s = board(asOf).find((x) => x.dyad.subject === subject);
  if (!s) throw new Error(`no row for ${subject}`);
  return s;
}

describe('the Syria story as of 1 June 2019', () => {
  it('shows the UAE and Bahrain with open embassies since 2018, level unknown', () => {
    for (const subject of ['AE', 'BH']) {
      const s = row('2019-06-01', subject);
      expect(s.embassy).toEqual({ kind: 'known', value: 'open', changeId: subject === 'AE' ? 2 : 3, date: '2018-01-01', precision: 'year' });
      expect(s.level).toMatchObject({ kind: 'unknown', recorded: true });
      expect(s.changing).toBe(false);
      expect(describeFact('embassy', s.embassy)).toBe('open (since 2018)');
    }
  });

  it('shows the Arab League with Syria suspended', () => {
    const s = row('2019-06-01', 'arab-league');
    expect(s.level).toMatchObject({ kind: 'known', value: 'suspended' });
    expect(s.pending).toEqual([]);
  });

  it('shows Saudi Arabia without an open embassy: unknown, not closed, and no plans yet', () => {
    const s = row('2019-06-01', 'SA');
    expect(s.embassy).toEqual({ kind: 'unknown', recorded: false, changeId: null });
    expect(s.level.kind).toBe('unknown');
    expect(s.pending).toEqual([]);
  });

  it('says so in one sentence', () => {
    expect(summarizeStandings('SY', '2019-06-01', board('2019-06-01'))).toBe(
      'As of 1 June 2019: 2 states with an open embassy in Syria, 1 organisation with Syria suspended; 1 unknown.',
    );
  });
});

describe('the Syria story inside 2018', () => {
  it('shows the UAE as changing in 2018, not as a guess either way', () => {
    const s = row('2018-06-01', 'AE');
    expect(s.changing).toBe(true);
    expect(s.embassy).toEqual({ kind: 'changing', from: ['unknown'], to: ['open'], within: { date: '2018-01-01', precision: 'year' }, changeIds: [2] });
    expect(describeFact('embassy', s.embassy)).toBe('changing in 2018, from unknown to open');
    // The level is unknown before and after the reopening: nothing is changing there.
    expect(s.level).toMatchObject({ kind: 'unknown' });
  });

  it('counts the changing rows in the sentence', () => {
    expect(summarizeStandings('SY', '2018-06-01', board('2018-06-01'))).toBe(
      'As of 1 June 2018: 1 organisation with Syria suspended, 2 changing; 1 unknown.',
    );
  });

  it('is settled by the end of 31 December 2018, the last day of the period', () => {
    expect(row('2018-12-30', 'AE').changing).toBe(true);
    expect(row('2018-12-31', 'AE').embassy).toMatchObject({ kind: 'known', value: 'open' });
  });
});

describe('the Syria story as of 31 March 2023', () => {
  it("lists Saudi Arabia's reported plans as pending, with the embassy still unknown", () => {
    const s = row('2023-03-31', 'SA');
    expect(s.embassy.kind).toBe('unknown');
    expect(s.changing).toBe(false);
    expect(s.pending).toHaveLength(1);
    expect(s.pending[0]).toMatchObject({ changeId: 4, status: 'reported', embassy: 'open', periodContainsDate: true, evidenceEventIds: [12] });
    expect(describePending(s.pending[0]!)).toBe('Reported plans, 2023: embassy to open');
  });

  it("keeps the Arab League's suspension in effect beside the reported push to readmit", () => {
    const s = row('2023-03-31', 'arab-league');
    expect(s.level).toMatchObject({ kind: 'known', value: 'suspended' });
    expect(s.pending.map((p) => [p.status, p.level])).toEqual([['reported', 'member']]);
  });

  it('says so in one sentence', () => {
    expect(summarizeStandings('SY', '2023-03-31', board('2023-03-31'))).toBe(
      'As of 31 March 2023: 2 states with an open embassy in Syria, 1 organisation with Syria suspended, 1 with plans reported.',
    );
  });
});

describe('the Syria story on the board', () => {
  it("draws the UAE's 2018 as uncertain and the embassy open from the end of 2018", () => {
    const band = dyadBand({ subject: 'AE', counterpart: 'SY' }, SYRIA_STORY.filter((c) => c.dyad.subject === 'AE'), '2010-01-01', '2023-12-31');
    expect(band.segments.map(({ from, to, embassy, uncertain }) => ({ from, to, embassy, uncertain }))).toEqual([
      { from: '2010-01-01', to: '2017-12-31', embassy: 'unknown', uncertain: false },
      { from: '2018-01-01', to: '2018-12-30', embassy: 'unknown', uncertain: true },
      { from: '2018-12-31', to: '2023-12-31', embassy: 'open', uncertain: false },
    ]);
    expect(band.markers).toMatchObject([{ changeId: 2, status: 'in_effect', date: '2018-01-01', precision: 'year', end: '2018-12-31', evidenceEventIds: [3] }]);
  });

  it("marks Saudi Arabia's reported plans without colouring the band", () => {
    const band = dyadBand({ subject: 'SA', counterpart: 'SY' }, SYRIA_STORY.filter((c) => c.dyad.subject === 'SA'), '2010-01-01', '2023-12-31');
    expect(band.segments).toHaveLength(1);
    expect(band.segments[0]).toMatchObject({ level: 'unknown', embassy: 'unknown', uncertain: false });
    expect(band.markers).toMatchObject([{ changeId: 4, status: 'reported' }]);
  });

  it('exports dyad-years with year-end values and COW-style codes', () => {
    const league = dyadYearRows({ subject: 'arab-league', counterpart: 'SY' }, SYRIA_STORY.filter((c) => c.dyad.subject === 'arab-league'), 2010, 2023);
    expect(league.find((r) => r.year === 2010)).toMatchObject({ level: 'unknown', cowCode: null, cowScheme: 'igo', evidenceEventIds: [] });
    expect(league.find((r) => r.year === 2011)).toMatchObject({ level: 'suspended', cowCode: 1, evidenceEventIds: [1], changeIds: [1] });
    expect(league.find((r) => r.year === 2023)).toMatchObject({ level: 'suspended', changeIds: [5], evidenceEventIds: [11] });

    const uae = dyadYearRows({ subject: 'AE', counterpart: 'SY' }, SYRIA_STORY.filter((c) => c.dyad.subject === 'AE'), 2017, 2019);
    expect(uae.map((r) => [r.year, r.embassy, r.level, r.cowCode, r.cowScheme, r.uncertain])).toEqual([
      [2017, 'unknown', 'unknown', null, 'diplomatic_exchange', false],
      [2018, 'open', 'unknown', null, 'diplomatic_exchange', false],
      [2019, 'open', 'unknown', null, 'diplomatic_exchange', false],
    ]);
  });
});
