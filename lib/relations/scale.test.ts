import { describe, expect, it } from 'vitest';
import {
  COW_DIPLOMATIC_EXCHANGE_CODE,
  cowCode,
  describeTransition,
  DIPLOMATIC_LEVELS,
  isOnScale,
  LEVEL_DESCRIPTIONS,
  LEVEL_LABELS,
  LEVELS,
  levelRank,
  MEMBERSHIP_LEVELS,
  subjectKind,
} from './scale';

describe('the relations scale', () => {
  it('keeps the two scales apart, with unknown on both and no level on both', () => {
    expect(DIPLOMATIC_LEVELS.filter((l) => (MEMBERSHIP_LEVELS as readonly string[]).includes(l))).toEqual([]);
    for (const l of DIPLOMATIC_LEVELS) expect([isOnScale('state', l), isOnScale('organisation', l)]).toEqual([true, false]);
    for (const l of MEMBERSHIP_LEVELS) expect([isOnScale('state', l), isOnScale('organisation', l)]).toEqual([false, true]);
    expect([isOnScale('state', 'unknown'), isOnScale('organisation', 'unknown')]).toEqual([true, true]);
  });

  it('labels and describes every level and unknown', () => {
    for (const l of [...LEVELS, 'unknown' as const]) {
      expect(LEVEL_LABELS[l]).toMatch(/^[A-Z]/);
      expect(LEVEL_DESCRIPTIONS[l]).toMatch(/^[A-Z].+\.$/);
    }
  });

  it('tells states from organisations by the form of the key', () => {
    expect(subjectKind('AE')).toBe('state');
    expect(subjectKind('arab-league')).toBe('organisation');
    expect(subjectKind('eu')).toBe('organisation');
    // Lower-case Syria is not an organisation called "sy", and "XX" is no country.
    expect(subjectKind('sy')).toBeNull();
    expect(subjectKind('XX')).toBeNull();
    expect(subjectKind('Arab League')).toBeNull();
    expect(subjectKind('-arab')).toBeNull();
  });

  it('orders COW codes as the scale does, leaving "other" (9) outside the order', () => {
    const ordinal = DIPLOMATIC_LEVELS.map((l) => COW_DIPLOMATIC_EXCHANGE_CODE[l]).filter((c) => c !== 9);
    expect(ordinal).toEqual([...ordinal].sort((a, b) => a - b));
    expect(cowCode('ambassador')).toEqual({ scheme: 'diplomatic_exchange', code: 3 });
    expect(cowCode('charge_d_affaires')).toEqual({ scheme: 'diplomatic_exchange', code: 1 });
    expect(cowCode('interests_section')).toEqual({ scheme: 'diplomatic_exchange', code: 9 });
    expect(cowCode('suspended')).toEqual({ scheme: 'igo', code: 1 });
    expect(cowCode('not_member')).toEqual({ scheme: 'igo', code: 0 });
    expect(cowCode('unknown')).toBeNull();
  });

  it('ranks each scale from its lowest level', () => {
    expect(levelRank('severed')).toBe(0);
    expect(levelRank('ambassador')).toBe(DIPLOMATIC_LEVELS.length - 1);
    expect(levelRank('member')).toBe(2);
    expect(levelRank('unknown')).toBeNull();
  });

  it('names the moves a marker shows', () => {
    expect(describeTransition('suspended', 'member')).toBe('readmitted');
    expect(describeTransition(null, 'member')).toBe('now member');
    expect(describeTransition('member', 'suspended')).toBe('suspended');
    expect(describeTransition('ambassador', 'charge_d_affaires')).toBe("downgraded to chargé d'affaires");
    expect(describeTransition('charge_d_affaires', 'ambassador')).toBe('upgraded to ambassador');
    expect(describeTransition('severed', 'charge_d_affaires')).toBe("relations restored (chargé d'affaires)");
    expect(describeTransition('ambassador', 'severed')).toBe('relations severed');
    expect(describeTransition('ambassador', 'unknown')).toBe('level no longer known');
  });
});
