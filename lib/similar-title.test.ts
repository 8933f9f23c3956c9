import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { similarTitles, titleSimilarity, titleWords } from './similar-title';

describe('similar titles', () => {
  it.each([
    ['Caesar Act sanctions on Khalid Qaddour', 'Caesar Act sanctions on Khalid Qaddour'],
    ['Caesar Act: sanctions on Khalid Qaddour.', 'caesar act sanctions on khalid qaddour'],
    ['Erdoğan meets Assad in Ankara', 'Erdogan meets Assad in Ankara'],
    ['UAE reopens its embassy in Damascus after seven years', 'UAE reopens its embassy in Damascus after seven years.'],
    ['Treasury designates ten Syrian regime officials for drug trade', 'Treasury designates ten Syrian regime officials for the drug trade'],
  ])('%j looks like %j', (a, b) => {
    expect(similarTitles(a, b)).toBe(true);
  });

  it.each([
    ['Executive Order 13894', 'Executive Order 13950'],
    ['Imported designation number 12 of 5000', 'Imported designation number 96 of 5000'],
    ['Arab League suspends Syria', 'Arab League readmits Syria'],
    ['Sanctions on Qaddour', 'Sanctions on Samer Kamal al-Assad'],
  ])('%j is not %j', (a, b) => {
    expect(similarTitles(a, b)).toBe(false);
  });

  it('folds case, diacritics and punctuation into words', () => {
    expect(titleWords('  Türkiye’s “NEW” envoy—al-Assad  ')).toEqual(['turkiye', 's', 'new', 'envoy', 'al', 'assad']);
  });

  it('is symmetric, between 0 and 1, and 1 for a title and itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), (a, b) => {
        const s = titleSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(titleSimilarity(b, a)).toBe(s);
        expect(titleSimilarity(a, a)).toBe(1);
      }),
      { numRuns: 500 },
    );
  });
});
