import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightParts, highlightRanges, MAX_SEARCH_TERMS, parseSearch, toFtsQuery, tokenize } from './search-syntax';

const fts = (text: string) => toFtsQuery(parseSearch(text).groups);
const marked = (text: string, query: string) =>
  highlightParts(text, parseSearch(query).groups)
    .filter((p) => p.match)
    .map((p) => p.text);

describe('turning what people type into an FTS5 query', () => {
  it('matches every word as a prefix', () => {
    expect(fts('qadd')).toBe('"qadd"*');
    expect(fts('caesar  designations')).toBe('"caesar"* AND "designations"*');
  });

  it('folds case and diacritics as the index does', () => {
    expect(fts('Erdoğan')).toBe('"erdogan"*');
    expect(tokenize('TÜRKİYE Σίσυφος')).toEqual(['turkiye', 'σισυφοσ']);
  });

  it('keeps quoted phrases exact, and joins words split by punctuation into a phrase', () => {
    expect(fts('"Caesar Act" al-Assad')).toBe('"caesar act" AND "al assad"*');
    expect(fts("Dep't")).toBe('"dep t"');
  });

  it('reads OR between words as either one, binding closer than AND', () => {
    expect(fts('iraq OR lebanon arab')).toBe('("iraq"* OR "lebanon"*) AND "arab"*');
    // A dangling or lower-case "or" is not an operator.
    expect(fts('OR iraq OR')).toBe('"iraq"*');
    expect(fts('iraq or lebanon')).toBe('"iraq"* AND "or"* AND "lebanon"*');
  });

  it('does not prefix-match a single letter, which would match most of the index', () => {
    expect(fts('U.S. a')).toBe('"u s" AND "a"');
  });

  it('neutralises FTS5 syntax: operators, columns, NEAR, stars and carets are words or nothing', () => {
    expect(fts('NEAR(assad qaddour)')).toBe('"near"* AND "assad"* AND "qaddour"*');
    expect(fts('title:assad ^caesar NOT iran AND')).toBe('"title assad"* AND "caesar"* AND "not"* AND "iran"* AND "and"*');
    expect(fts('qadd*')).toBe('"qadd"*');
    expect(parseSearch('*').groups).toEqual([]);
  });

  it('reports what it ignored', () => {
    expect(parseSearch('"caesar act').problems).toEqual(['A quotation mark is not closed.']);
    expect(fts('"caesar act')).toBe('"caesar"* AND "act"*');
    expect(parseSearch('NEAR(').problems[0]).toMatch(/Brackets/);
    expect(parseSearch('* -- !!').problems).toEqual(['There are no letters or numbers to search for.']);
    const many = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
    const parsed = parseSearch(many);
    expect(parsed.groups).toHaveLength(MAX_SEARCH_TERMS);
    expect(parsed.problems[0]).toMatch(/At most 12/);
  });

  it('never produces a query with an unquoted character from the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const q = fts(text);
        // Strip the quoted strings; what is left may only be operators, brackets, stars and spaces.
        const outside = q.replace(/"[^"]*"/g, '');
        expect(outside).toMatch(/^(?:\s|AND|OR|\(|\)|\*)*$/);
        for (const m of q.matchAll(/"([^"]*)"/g)) expect(m[1]).toMatch(/^[\p{L}\p{N}\p{M}\p{Co} ]+$/u);
      }),
    );
  });
});

describe('highlighting matches in displayed text', () => {
  it('marks prefix matches with the folding of the index', () => {
    expect(marked('Caesar Act sanctions on Khalid Qaddour', 'qadd')).toEqual(['Qaddour']);
    expect(marked('Erdoğan signals readiness to meet Assad', 'erdogan assad')).toEqual(['Erdoğan', 'Assad']);
  });

  it('marks words whose normalised form matches: joiners, hamza forms, full width (issue 10)', () => {
    expect(marked('Sanctions on Khalid Qad\u200Ddour', 'qaddour')).toEqual(['Qad\u200Ddour']);
    expect(marked('عقوبات على ماهر الأسد', 'الاسد')).toEqual(['الأسد']);
    expect(marked('ＳＹＲＩＡ sanctions', 'syria')).toEqual(['ＳＹＲＩＡ']);
    expect(fts('ＳＹＲＩＡ Qad\u200Ddour الأسد')).toBe('"syria"* AND "qaddour"* AND "الاسد"*');
  });

  it('marks phrases only where the words are consecutive', () => {
    expect(marked('the Caesar Act, not the act of Caesar', '"caesar act"')).toEqual(['Caesar Act']);
    expect(marked('Samer Kamal al-Assad', 'al-assad')).toEqual(['al-Assad']);
  });

  it('returns the text unchanged, in one piece, when nothing matches', () => {
    expect(highlightParts('Arab League suspends Syria', parseSearch('qadd').groups)).toEqual([
      { text: 'Arab League suspends Syria', match: false },
    ]);
    expect(highlightRanges('', parseSearch('x').groups)).toEqual([]);
  });

  it('keeps every character of the text, in order', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 20 }), (text, query) => {
        expect(
          highlightParts(text, parseSearch(query).groups)
            .map((p) => p.text)
            .join(''),
        ).toBe(text);
      }),
    );
  });
});
