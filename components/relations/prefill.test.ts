import { describe, expect, it } from 'vitest';
import { obviousDyad } from './prefill';

describe('the dyad an event obviously speaks to', () => {
  it('is the actor country with the target', () => {
    expect(obviousDyad([{ code: 'AE', role: 'actor' }, { code: 'SY', role: 'target' }], [])).toEqual({ subject: 'AE', counterpart: 'SY' });
  });

  it('is the actor with the only other country, whatever its role', () => {
    expect(obviousDyad([{ code: 'BH', role: 'actor' }, { code: 'SY', role: 'location' }], [])).toEqual({ subject: 'BH', counterpart: 'SY' });
  });

  it('is a known organisation among the actors with the one country', () => {
    expect(obviousDyad([{ code: 'SY', role: 'target' }], [{ name: 'Arab League' }])).toEqual({ subject: 'arab-league', counterpart: 'SY' });
  });

  it('is left blank when it is not obvious', () => {
    const blank = { subject: '', counterpart: '' };
    expect(obviousDyad([{ code: 'IQ', role: 'actor' }, { code: 'LB', role: 'actor' }, { code: 'SY', role: 'target' }], [])).toEqual(blank);
    expect(obviousDyad([{ code: 'US', role: 'actor' }, { code: 'SY', role: 'target' }, { code: 'RU', role: 'target' }], [])).toEqual(blank);
    expect(obviousDyad([], [])).toEqual(blank);
  });
});
