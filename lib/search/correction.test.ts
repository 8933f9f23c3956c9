import { describe, expect, it } from 'vitest';
import { correctQuery } from './correction';
import { Suggester } from './did-you-mean';
import { spellingVariantKey, spellingVariants } from './spelling';

const vocabulary = [
  { term: 'qaddour', frequency: 3 },
  { term: 'khalid', frequency: 3 },
  { term: 'caesar', frequency: 12 },
  { term: 'captagon', frequency: 4 },
  { term: 'normalization', frequency: 9 },
];
const suggester = new Suggester(vocabulary, { variantsOf: spellingVariants });
const known = (w: string) => suggester.termsWithPrefix(spellingVariantKey(w), 1).length > 0;
const nearest = (w: string) => suggester.suggest(w, { limit: 1 })[0]?.display ?? null;
const correct = (text: string) => correctQuery(text, known, nearest);

describe('did you mean, for a whole search', () => {
  it('replaces a misspelt name with the nearest word of the index, in the case it was typed', () => {
    expect(correct('Qadour')).toEqual({ text: 'Qaddour', corrections: [{ from: 'Qadour', to: 'Qaddour' }] });
    expect(correct('qadour')?.text).toBe('qaddour');
    expect(correct('QADOUR')?.text).toBe('QADDOUR');
  });

  it('keeps the other words, quotes and OR as typed', () => {
    expect(correct('"Khalid Qadour" OR captgaon')?.text).toBe('"Khalid Qaddour" OR captagon');
  });

  it('leaves known words, prefixes, other spellings and country names alone', () => {
    expect(correct('qadd caesar')).toBeNull();
    expect(correct('normalisation')).toBeNull();
    expect(correct('Turkey')).toBeNull();
  });

  it('suggests nothing when nothing is near', () => {
    expect(correct('zanzibarite')).toBeNull();
  });
});
