/**
 * The one text normalisation for everything that compares text: the search index's content
 * (db/derived/search-index.ts, through the `normalise_text` SQL function), the search box's words
 * (lib/search-syntax.ts), highlighting, and matching actors by name (import, suggestions, the
 * actor filter, duplicate checks). Two strings that a reader takes for the same word must
 * normalise to the same text, whichever side of the comparison they are on; see
 * docs/decisions/0026-text-normalisation.md.
 *
 * `normaliseText` applies, in this order:
 *  1. invisible characters removed: format characters (Unicode category Cf: zero-width joiner and
 *     non-joiner, soft hyphen, byte-order mark, direction marks and overrides, word joiner) and the
 *     other default-ignorable code points (variation selectors, Hangul fillers, the combining
 *     grapheme joiner), so "Qad\u200Ddour" is "Qaddour";
 *  2. compatibility forms unfolded (NFKD): full-width "ＱＡＤ" is "QAD", ligatures "ﬁ" are "fi",
 *     Arabic presentation forms are the letters they show;
 *  3. lower case (locale-independent: "I" is "i", Turkish "İ" is "i" once its dot goes in step 4);
 *  4. combining marks (category Mn) removed after canonical decomposition: Latin diacritics
 *     ("Erdoğan" is "erdogan", as SQLite's `remove_diacritics` did), Arabic harakat, and the hamza
 *     and madda above or below a letter (أ إ آ are ا, ؤ is و, ئ is ي);
 *  5. letters that do not decompose but read as another one: Turkish dotless ı as i, ß as ss,
 *     æ/œ as ae/oe, letters with a stroke (ł ø đ ħ ŧ) as their base letter, final sigma as sigma;
 *     Arabic alef wasla ٱ as ا, alef maksura ى and Persian yeh ی as ي, teh marbuta ة as ه
 *     (the folding of Lucene's Arabic normaliser), Persian keheh ک as ك, tatweel ـ removed,
 *     Arabic-Indic digits as 0-9.
 *
 * Punctuation and spaces are kept: words are split afterwards (`words`), by the same rule as the
 * index's unicode61 tokenizer.
 */

/** Format characters and other code points that display as nothing. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const MARKS = /\p{Mn}/gu;

const LETTERS: Record<string, string> = {
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ŧ: 't',
  ς: 'σ',
  '\u0671': '\u0627', // ٱ alef wasla → ا alef
  '\u0649': '\u064A', // ى alef maksura → ي yeh
  '\u06CC': '\u064A', // ی Persian yeh → ي yeh
  '\u0629': '\u0647', // ة teh marbuta → ه heh
  '\u06A9': '\u0643', // ک keheh → ك kaf
  '\u0640': '', // ـ tatweel (a stretch of the line between letters)
};
for (let d = 0; d <= 9; d++) {
  LETTERS[String.fromCharCode(0x0660 + d)] = String(d);
  LETTERS[String.fromCharCode(0x06f0 + d)] = String(d);
}
const LETTER_PATTERN = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu');

// Plain ASCII needs only lower case: most text is, and the index normalises every event's text.
const ASCII = /^[\x00-\x7F]*$/;

/**
 * Text as comparisons see it: invisible characters gone, compatibility forms unfolded, lower
 * case, no diacritics, Arabic letter variants folded (see the list above). Punctuation and spaces
 * stay. Idempotent: `normaliseText(normaliseText(s)) === normaliseText(s)`.
 */
export function normaliseText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return (
    text
      .replace(INVISIBLE, '')
      .normalize('NFKD')
      .toLowerCase()
      // Lower-casing can produce a precomposed letter again ("İ" gives "i" + dot above, others compose).
      .normalize('NFKD')
      .replace(MARKS, '')
      .replace(LETTER_PATTERN, (c) => LETTERS[c]!)
  );
}

/** The text without invisible characters, otherwise untouched: how actor names are stored. */
export function removeInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** True when the text holds a character that displays as nothing (see `removeInvisible`). */
export function hasInvisible(text: string): boolean {
  return new RegExp(INVISIBLE.source, 'u').test(text);
}

/**
 * What makes a word, as SQLite's unicode61 tokenizer reads it: letters, numbers, marks and
 * private-use characters; everything else (spaces, punctuation, symbols, controls) separates words.
 */
export const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/** The normalised words of a text: "Khalid Qad\u200Ddour" gives ["khalid", "qaddour"]. */
export function words(text: string): string[] {
  return normaliseText(text).match(WORD) ?? [];
}

/**
 * The key under which two names are the same name: their normalised words, joined by a space.
 * "Khalid  Qaddour", "KHALID QADDOUR", "Khalid Qad\u200Ddour" and "khalid-qaddour" share
 * "khalid qaddour". A text without letters or digits ("---") is its own normalised text, spaces
 * collapsed.
 */
export function nameKey(text: string): string {
  const found = words(text);
  return found.length > 0 ? found.join(' ') : normaliseText(text).replace(/\s+/g, ' ').trim();
}

/**
 * The key under which two spellings look the same to a reader: invisible characters removed,
 * compatibility forms unfolded (NFKC), lower case, runs of spaces as one. Unlike `nameKey` it keeps
 * accents and letter variants, so "Trobrex" stays a spelling of "Trobrèx" worth listing as an alias,
 * while "KHALID QADDOUR" or a full-width "Ｋｈａｌｉｄ Ｑａｄｄｏｕｒ" adds nothing next to "Khalid Qaddour".
 */
export function spellingKey(text: string): string {
  return removeInvisible(text).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface WordSpan {
  /** Start and end (exclusive) of the word in the original text, in UTF-16 code units. */
  start: number;
  end: number;
  /** The normalised word. */
  word: string;
}

const charCache = new Map<number, string>();
const CHAR_CACHE_LIMIT = 4096;

function normaliseCodePoint(cp: number, char: string): string {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : char;
  const cached = charCache.get(cp);
  if (cached !== undefined) return cached;
  const out = normaliseText(char);
  if (charCache.size < CHAR_CACHE_LIMIT) charCache.set(cp, out);
  return out;
}

/**
 * The normalised words of a text with where each one stands in the original, for highlighting
 * what a search matched in the text as displayed. The words are exactly `words(text)`: the
 * normalisation works character by character, so it can be mapped back (a word that an invisible
 * character split in the original, "Qad\u200Ddour", spans both halves).
 */
export function wordSpans(text: string): WordSpan[] {
  let normalised = '';
  // For each UTF-16 unit of `normalised`, the original character it came from.
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const out = normaliseCodePoint(cp, text.slice(i, i + width));
    for (let k = 0; k < out.length; k++) {
      from.push(i);
      to.push(i + width);
    }
    normalised += out;
    i += width;
  }
  const spans: WordSpan[] = [];
  for (const m of normalised.matchAll(WORD)) {
    spans.push({ start: from[m.index]!, end: to[m.index + m[0].length - 1]!, word: m[0] });
  }
  return spans;
}
