import { describe, expect, it } from 'vitest';
import { changeDate, datingText, periodBetween, programCode, proposalTitle, versionTitle } from './proposal-event';
import type { ListEntry } from './types';

describe('the date a list change can carry', () => {
  it('is the smallest day, month or year holding every day after one version and up to the next', () => {
    expect(periodBetween('2026-11-09', '2026-11-10')).toEqual({ date: '2026-11-10', precision: 'day' });
    expect(periodBetween('2026-11-03', '2026-11-10')).toEqual({ date: '2026-11-01', precision: 'month' });
    // The day after 31 October is in November: the interval is November alone.
    expect(periodBetween('2026-10-31', '2026-11-30')).toEqual({ date: '2026-11-01', precision: 'month' });
    expect(periodBetween('2026-10-30', '2026-11-03')).toEqual({ date: '2026-01-01', precision: 'year' });
    expect(periodBetween('2025-12-30', '2026-01-05')).toBeNull();
    expect(periodBetween(null, '2026-11-10')).toBeNull();
    expect(periodBetween('2026-11-10', '2026-11-10')).toBeNull();
  });

  it("prefers the list's own date, and is null rather than invented", () => {
    const dates = { afterPublishedAt: '2026-11-03', onOrBeforePublishedAt: '2026-11-10' };
    expect(changeDate({ ...dates, listDate: '2026-11-06', listDatePrecision: 'day' })).toEqual({ date: '2026-11-06', precision: 'day', basis: 'list' });
    expect(changeDate({ ...dates, listDate: null, listDatePrecision: null })).toEqual({ date: '2026-11-01', precision: 'month', basis: 'between' });
    expect(changeDate({ listDate: null, listDatePrecision: null, afterPublishedAt: null, onOrBeforePublishedAt: '2026-11-10' })).toBeNull();
  });

  it('says which versions bound the change', () => {
    expect(datingText({ kind: 'removal', listDate: null, listDatePrecision: null, afterPublishedAt: '2026-11-03', onOrBeforePublishedAt: '2026-11-10' })).toBe(
      'No longer in the version published 10 November 2026; the version before, published 3 November 2026, still listed it.',
    );
  });
});

describe('the event text', () => {
  it('names the list and its version', () => {
    expect(proposalTitle('removal', 'TEST PERSON THREE', 'un-sc')).toBe('TEST PERSON THREE: removed from the UN Security Council consolidated list');
    expect(versionTitle({ id: 4, source: 'ofac-sdn', publishedAt: '2026-11-10', publishedPrecision: 'day' })).toBe('OFAC SDN list, version published 2026-11-10');
    expect(versionTitle({ id: 4, source: 'opensanctions', publishedAt: null, publishedPrecision: null })).toBe('OpenSanctions consolidated sanctions, version #4 (no publication date stated)');
  });

  it("takes the first program that reads as a code, so a regime's name becomes one", () => {
    const entry = { programs: ['Russia', 'UKRAINE-EO13662'] } as ListEntry;
    expect(programCode(entry)).toBe('RUSSIA');
    expect(programCode({ programs: ['Global Human Rights (GHR)'] } as ListEntry)).toBeNull();
  });
});
