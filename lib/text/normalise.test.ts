import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasInvisible, nameKey, normaliseText, removeInvisible, spellingKey, wordSpans, words } from './normalise';

describe('normaliseText', () => {
  it('folds the Arabic hamza and alef forms, alef maksura, teh marbuta, tatweel and harakat', () => {
    expect(normaliseText('الأسد')).toBe('الاسد');
    expect(normaliseText('إدلب')).toBe('ادلب');
    expect(normaliseText('آل')).toBe('ال');
    expect(normaliseText('ٱلله')).toBe('الله');
    expect(normaliseText('مؤسسة')).toBe('موسسه');
    expect(normaliseText('رئيس')).toBe('رييس');
    expect(normaliseText('مصطفى')).toBe('مصطفي');
    expect(normaliseText('سوريـــا')).toBe('سوريا');
    expect(normaliseText('بَشَّار')).toBe('بشار');
    // Persian letters read as the Arabic ones, and the digits as 0-9.
    expect(normaliseText('کرمی')).toBe('كرمي');
    expect(normaliseText('٢٠٢٣ ۲۰۲۳')).toBe('2023 2023');
    // Presentation forms (as some PDFs hold Arabic) are the letters they show.
    expect(normaliseText('\uFEDF\uFEE0')).toBe(normaliseText('لل'));
  });

  it('unfolds full-width letters and ligatures', () => {
    expect(normaliseText('ＱＡＤＤＯＵＲ')).toBe('qaddour');
    expect(normaliseText('Ｓｙｒｉａ　２０２３')).toBe('syria 2023');
    expect(normaliseText('ﬁnance')).toBe('finance');
  });

  it('removes zero-width joiners and non-joiners, soft hyphens, byte-order marks and direction controls', () => {
    for (const invisible of ['\u200D', '\u200C', '\u00AD', '\uFEFF', '\u200B', '\u2060', '\u200E', '\u200F', '\u202E', '\u2066', '\u061C']) {
      expect(normaliseText(`Qad${invisible}dour`), JSON.stringify(invisible)).toBe('qaddour');
    }
  });

  it('folds Latin diacritics and case as the index did', () => {
    expect(normaliseText('Erdoğan')).toBe('erdogan');
    expect(normaliseText('TÜRKİYE')).toBe('turkiye');
    expect(normaliseText('Σίσυφος')).toBe('σισυφοσ');
    expect(normaliseText('Ǆemal')).toBe('dzemal');
  });

  it('reads the Turkish dotless and dotted i as i', () => {
    expect(normaliseText('Işıl')).toBe('isil');
    expect(normaliseText('İstanbul')).toBe('istanbul');
    expect(normaliseText('ıstanbul')).toBe('istanbul');
    expect(words('Işıl İnan')).toEqual(words('ISIL INAN'));
  });

  it('folds letters that do not decompose into the letter they read as', () => {
    expect(normaliseText('Łódź')).toBe('lodz');
    expect(normaliseText('Straße')).toBe('strasse');
    expect(normaliseText('Đukanović')).toBe('dukanovic');
    expect(normaliseText('Øresund')).toBe('oresund');
  });

  it('keeps punctuation and spaces, and is idempotent', () => {
    expect(normaliseText('al-Assad, Bashar')).toBe('al-assad, bashar');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const once = normaliseText(s);
        expect(normaliseText(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('words and names', () => {
  it('splits into words as the index does', () => {
    expect(words('Khalid Qad\u200Ddour')).toEqual(['khalid', 'qaddour']);
    expect(words('U.S. Treasury—OFAC')).toEqual(['u', 's', 'treasury', 'ofac']);
  });

  it('gives one key to names that look the same', () => {
    const key = nameKey('Khalid Qaddour');
    for (const lookalike of ['Khalid Qad\u200Ddour', 'Khalid Qad\u200Cdour', 'Khalid Qad\u00ADdour', 'KHALID  QADDOUR', 'Ｋｈａｌｉｄ Ｑａｄｄｏｕｒ', ' khalid-qaddour ']) {
      expect(nameKey(lookalike), JSON.stringify(lookalike)).toBe(key);
    }
    expect(nameKey('بشار الأسد')).toBe(nameKey('بشار الاسد'));
    expect(nameKey(' -- - ')).toBe('-- -');
  });

  it('tells spellings apart by accents but not by case, width or invisible characters', () => {
    expect(spellingKey('Ｋｈａｌｉｄ  QAD\u200DDOUR')).toBe('khalid qaddour');
    expect(spellingKey('Trobrèx')).not.toBe(spellingKey('Trobrex'));
    expect(nameKey('Trobrèx')).toBe(nameKey('Trobrex'));
  });

  it('removes only invisible characters when cleaning a name for storage', () => {
    expect(removeInvisible('Khalid Qad\u200Ddour\uFEFF')).toBe('Khalid Qaddour');
    expect(removeInvisible('Erdoğan')).toBe('Erdoğan');
    expect(hasInvisible('Qad\u00ADdour')).toBe(true);
    expect(hasInvisible('Qaddour')).toBe(false);
  });
});

describe('wordSpans', () => {
  it('maps each normalised word back to the original text', () => {
    const text = 'Sanctions on Khalid Qad\u200Ddour and ＡＳＳＡＤ';
    const spans = wordSpans(text);
    expect(spans.map((s) => s.word)).toEqual(['sanctions', 'on', 'khalid', 'qaddour', 'and', 'assad']);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Sanctions', 'on', 'Khalid', 'Qad\u200Ddour', 'and', 'ＡＳＳＡＤ']);
  });

  it('finds exactly the words of the whole text, whatever the text', () => {
    const alphabet = fc.constantFrom(
      ...'aZé İıßŁ-.,\'" \n\t',
      '\u200D', '\u200C', '\u00AD', '\uFEFF', '\u202E', '\u0301', '\u0654',
      ...'الأسدإآؤئىةـَّٱ٢',
      ...'ＱＡｄ　ﬁ½™Σσς',
      '😀', '\uD800',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        expect(wordSpans(text).map((s) => s.word)).toEqual(words(text));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(wordSpans(text).map((s) => s.word)).toEqual(words(text));
      }),
      { numRuns: 2000 },
    );
  });
});
