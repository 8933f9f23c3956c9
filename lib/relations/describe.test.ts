import { describe, expect, it } from 'vitest';
import type { Dyad } from './change';
import { describeFact, describePending, summarizeStandings, summaryBucket } from './describe';
import { subjectKind } from './scale';
import { NO_DATA, type DyadStanding, type FactState, type PendingChange } from './standing';

const known = <V,>(value: V): FactState<V> => ({ kind: 'known', value, changeId: 1, date: '2018-01-01', precision: 'year' });

function standing(subject: string, over: Partial<DyadStanding> = {}): DyadStanding {
  const dyad: Dyad = { subject, counterpart: 'SY' };
  return {
    dyad,
    subjectKind: subjectKind(subject)!,
    asOf: '2019-01-01',
    level: NO_DATA,
    embassy: NO_DATA,
    ambassadorRecalled: NO_DATA,
    changing: false,
    pending: [],
    ...over,
  };
}

const plan = (status: PendingChange['status']): PendingChange => ({
  changeId: 9,
  status,
  date: '2023-03-01',
  precision: 'month',
  level: 'ambassador',
  embassy: 'open',
  ambassadorRecalled: false,
  evidenceEventIds: [1],
  note: null,
  periodContainsDate: false,
});

describe('the sentence over a board', () => {
  it('counts with correct plurals, clause by clause in a fixed order', () => {
    const standings = [
      standing('AE', { embassy: known('open') }),
      standing('BH', { embassy: known('open') }),
      standing('JO', { embassy: known('closed') }),
      standing('OM', { level: known('ambassador') }),
      standing('arab-league', { level: known('suspended') }),
      standing('SA', { pending: [plan('reported')] }),
      standing('TR'),
      standing('IQ'),
      standing('LB'),
    ];
    expect(summarizeStandings('SY', '2019-01-01', standings)).toBe(
      'As of 1 January 2019: 2 states with an open embassy in Syria, 1 state with its embassy in Syria closed, 1 state with an ambassador in Syria, ' +
        '1 organisation with Syria suspended, 1 with plans reported; 3 unknown.',
    );
  });

  it('says "their embassies" for several closed embassies and counts organisations in the plural', () => {
    const standings = [
      standing('AE', { embassy: known('closed') }),
      standing('BH', { embassy: known('closed') }),
      standing('arab-league', { level: known('member') }),
      standing('oic', { level: known('member') }),
      standing('gcc', { level: known('not_member') }),
    ];
    expect(summarizeStandings('SY', '2012-06-30', standings)).toBe(
      'As of 30 June 2012: 2 states with their embassies in Syria closed, 2 organisations with Syria as a member, 1 organisation without Syria as a member.',
    );
  });

  it('counts every row once, so the numbers add up', () => {
    // Open embassy and a reported plan: counted by its embassy. Changing and announced: counted as changing.
    const both = standing('AE', { embassy: known('open'), pending: [plan('reported')] });
    const changingWithPlan = standing('BH', { changing: true, pending: [plan('announced')] });
    expect([summaryBucket(both), summaryBucket(changingWithPlan)]).toEqual(['embassy:open', 'changing']);
    expect(summarizeStandings('SY', '2018-06-01', [both, changingWithPlan, standing('QA', { pending: [plan('announced'), plan('reported')] })])).toBe(
      'As of 1 June 2018: 1 state with an open embassy in Syria, 1 changing, 1 with plans announced.',
    );
  });

  it('counts a state by its embassy first: changing there is changing, whatever its level', () => {
    const changingEmbassy: FactState<'open' | 'closed'> = { kind: 'changing', from: ['unknown'], to: ['open'], within: { date: '2018-01-01', precision: 'year' }, changeIds: [1] };
    const ambiguous: FactState<'open' | 'closed'> = { kind: 'ambiguous', possible: ['closed', 'open'], within: { date: '2012-01-01', precision: 'year' }, changeIds: [1, 2] };
    const rows = [
      standing('AE', { embassy: changingEmbassy, level: known('ambassador'), changing: true }),
      standing('BH', { embassy: ambiguous, level: known('ambassador') }),
      standing('OM', { level: known('ambassador'), ambassadorRecalled: { kind: 'changing', from: [false], to: [true], within: { date: '2019-01-01', precision: 'year' }, changeIds: [3] }, changing: true }),
    ];
    expect(rows.map(summaryBucket)).toEqual(['changing', 'uncertain', 'level:ambassador']);
    expect(summarizeStandings('SY', '2019-06-01', rows)).toBe('As of 1 June 2019: 1 state with an ambassador in Syria, 1 changing, 1 uncertain.');
  });

  it('says plainly when nothing is known or nothing is recorded', () => {
    expect(summarizeStandings('SY', '2019-01-01', [standing('TR')])).toBe('As of 1 January 2019: the one recorded standing with Syria is unknown.');
    expect(summarizeStandings('SY', '2019-01-01', [standing('TR'), standing('IQ')])).toBe('As of 1 January 2019: all 2 recorded standings with Syria are unknown.');
    expect(summarizeStandings('SY', '2019-01-01', [])).toBe('As of 1 January 2019: no standing with Syria is recorded.');
  });
});

describe('one fact in words', () => {
  it('reads each kind of state', () => {
    expect(describeFact('level', known('charge_d_affaires'))).toBe("chargé d'affaires (since 2018)");
    expect(describeFact('embassy', NO_DATA)).toBe('unknown');
    expect(describeFact('ambassadorRecalled', { kind: 'changing', from: [false, 'unknown'], to: [true], within: { date: '2019-06-01', precision: 'month' }, changeIds: [1, 2] })).toBe(
      'changing in June 2019, from not recalled or unknown to recalled',
    );
  });

  it('reads a pending plan', () => {
    expect(describePending(plan('announced'))).toBe('Announced, March 2023: embassy to open, level to become ambassador, ambassador to return');
  });
});
