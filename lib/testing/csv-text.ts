/**
 * Text for the CSV property tests: what breaks CSV (line breaks, quotes, commas), what breaks the
 * list cells ("; ", backslashes, brackets), what starts formulas, and arbitrary Unicode, mixed.
 */
import fc from 'fast-check';

export const CSV_HOSTILE_PIECES = [
  '\n', '\r', '\r\n', '\n\n', ',', '"', '""', ';', '; ', ' ;', '\\', '\\;', "'", "''", '=', '+', '-', '@', '\t', ' ', '\u00a0',
  '\uff1d', '\uff0b', '\uff0d', '\uff20', '=3+3', '+1', '-2', '@SUM(1)', "=cmd|' /C calc'!A0", 'line1', 'Erdoğan', 'Ömer',
  'İstanbul', 'الأسد', '(', ')', '(target)', ' (target, person)', '[person]', '\u2028', '\u0085', '\u0000', '\u200d', '👩‍👩‍👧',
];

/** Any text: the pieces above between arbitrary graphemes and code points. */
export const csvHostileText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...CSV_HOSTILE_PIECES) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join('').toWellFormed());
