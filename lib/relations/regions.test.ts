import { describe, expect, it } from 'vitest';
import { isCountryCode } from '@/lib/countries';
import { ARAB_LEAGUE_MEMBERS, EU_MEMBERS, organisationName, regionOf, REGIONS, subjectName } from './regions';

describe('regions', () => {
  it('groups the states of the Syria story as an analyst reads them', () => {
    expect(['AE', 'BH', 'SA', 'IQ', 'LB', 'SY'].map(regionOf)).toEqual(Array(6).fill('Arab states'));
    expect(['TR', 'IR', 'IL'].map(regionOf)).toEqual(Array(3).fill('Middle East, other'));
    expect(['FR', 'DE', 'GB'].map(regionOf)).toEqual(Array(3).fill('Europe'));
    expect(regionOf('US')).toBe('Americas');
    expect(regionOf('RU')).toBe('Russia and Central Asia');
    expect(regionOf('CN')).toBe('Asia and Pacific');
    expect(regionOf('arab-league')).toBe('Organisations');
    expect(regionOf('FJ')).toBe('Other states');
  });

  it('lists real country codes only, each in one group', () => {
    expect(ARAB_LEAGUE_MEMBERS).toHaveLength(22);
    expect(EU_MEMBERS).toHaveLength(27);
    for (const code of [...ARAB_LEAGUE_MEMBERS, ...EU_MEMBERS]) expect(isCountryCode(code), code).toBe(true);
    expect(REGIONS.at(-1)).toBe('Organisations');
  });

  it('names subjects as people read them', () => {
    expect(subjectName('AE')).toBe('United Arab Emirates');
    expect(subjectName('arab-league')).toBe('Arab League');
    expect(organisationName('shanghai-cooperation-organisation')).toBe('Shanghai Cooperation Organisation');
  });
});
