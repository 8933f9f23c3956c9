import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '@/lib/search-syntax';
import { analyseQuery, countryCodesOfGroups, indexDocument, indexText, matchesDocument, textSearchGroups, widelyCitedTitles } from './query';

describe('the index side', () => {
  it('holds keyed, normalised words', () => {
    expect(indexText('Normalisation of the Centre’s programme — Erdoğan, الأسد')).toBe('normalization of the center s program erdogan الاسد');
  });
});

describe('a query, analysed', () => {
  it('"Turkey normalization": country TR or its names, and the word with its family', () => {
    const { groups, countries } = analyseQuery('Turkey normalization');
    expect(countries.map((c) => c.codes)).toEqual([['TR']]);
    expect(countryCodesOfGroups(groups)).toEqual([['TR'], []]);
    const fts = textSearchGroups(groups).map((g) => toFtsQuery([g]));
    expect(fts[0]).toContain('"turkey"');
    expect(fts[0]).toContain('"turkiye"');
    expect(fts[0]).toContain('"republic of turkiye"');
    expect(fts[0]).not.toContain('*'); // country names match whole words
    expect(fts[1]).toBe('"normaliz"*');
  });

  it('keeps the search syntax: phrases, OR, and country names inside them', () => {
    expect(textSearchGroups(analyseQuery('"caesar act" normalise').groups)).toEqual([
      [{ tokens: ['caesar', 'act'], prefix: false }],
      // The typed prefix stays: words the lists do not know ("centrepiece" for "centre") start with it.
      [
        { tokens: ['normaliz'], prefix: true },
        { tokens: ['normalise'], prefix: true },
      ],
    ]);
    const or = analyseQuery('Iraq OR Lebanon');
    expect(countryCodesOfGroups(or.groups)).toEqual([['IQ', 'LB']]);
    expect(countryCodesOfGroups(analyseQuery('"United Arab Emirates" ports').groups)).toEqual([['AE'], []]);
    expect(countryCodesOfGroups(analyseQuery('Saudi-Arabia').groups)).toEqual([['SA']]);
    // A phrase that only contains a name is a phrase.
    expect(countryCodesOfGroups(analyseQuery('"syria sanctions"').groups)).toEqual([[]]);
  });

  it('keys each word and expands a prefix to both spellings', () => {
    expect(textSearchGroups(analyseQuery('colou').groups)).toEqual([
      [
        { tokens: ['color'], prefix: true },
        { tokens: ['colou'], prefix: true },
      ],
    ]);
    expect(analyseQuery('Qaddour').groups).toEqual([[{ kind: 'text', tokens: ['qaddour'], prefix: true }]]);
    expect(analyseQuery('   ').groups).toEqual([]);
  });
});

describe('matching a document', () => {
  const doc = indexDocument(
    {
      key: 'e',
      title: 'Erdoğan offers to meet Assad',
      summary: 'ready to normalise relations',
      countries: ['TR', 'SY'],
      sourceTitles: ['Common analysis'],
    },
    new Set(['Common analysis']),
  );

  it('by the country code, by a text form, and by phrase within one field only', () => {
    expect(matchesDocument(analyseQuery('Türkiye normalization').groups, doc)).toBe(true);
    expect(matchesDocument(analyseQuery('Russia').groups, doc)).toBe(false);
    expect(matchesDocument(analyseQuery('"assad ready"').groups, doc)).toBe(false);
    expect(matchesDocument(analyseQuery('common').groups, doc)).toBe(false);
    expect(matchesDocument([], doc)).toBe(false);
  });

  it('leaves out source titles that many documents cite', () => {
    const docs = Array.from({ length: 20 }, (_, i) => ({ key: String(i), title: '', summary: '', countries: [], sourceTitles: i < 4 ? ['Common', `Own ${i}`] : [`Own ${i}`] }));
    expect([...widelyCitedTitles(docs)]).toEqual(['Common']);
    expect([...widelyCitedTitles(docs.slice(0, 2))]).toEqual([]); // two citations are no pattern
  });
});
