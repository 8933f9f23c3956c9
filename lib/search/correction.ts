/**
 * "Did you mean …?" for a whole search: each word of what was typed that the index does not hold
 * is replaced by the nearest word it does hold (lib/search/did-you-mean.ts `Suggester`), in place,
 * so quotes, OR and the other words stay as typed, and in the case it was typed in ("Qadour" gives
 * "Qaddour", "qadour" gives "qaddour"). Country names are left alone: they are found through the
 * countries table, not the index's words.
 */
import { wordSpans } from '@/lib/text/normalise';
import { countryCodesOf } from './country-aliases';

export interface Correction {
  from: string;
  to: string;
}

export interface CorrectedQuery {
  text: string;
  corrections: Correction[];
}

/** The suggestion in the case of the word it replaces: all capitals, a capital first, or as given. */
function inCaseOf(typed: string, suggestion: string): string {
  if (typed.length > 1 && typed === typed.toUpperCase() && typed !== typed.toLowerCase()) return suggestion.toUpperCase();
  const first = typed[0] ?? '';
  if (first !== first.toLowerCase()) return suggestion[0]!.toUpperCase() + suggestion.slice(1);
  return suggestion;
}

/**
 * `known(word)` says whether the index holds the (normalised) word, as a word or a prefix;
 * `nearest(word)` gives the nearest word it holds, or null. Null when nothing is to be corrected.
 */
export function correctQuery(
  text: string,
  known: (word: string) => boolean,
  nearest: (word: string) => string | null,
): CorrectedQuery | null {
  const corrections: Correction[] = [];
  let out = '';
  let last = 0;
  for (const span of wordSpans(text)) {
    if (known(span.word) || countryCodesOf(span.word).length > 0) continue;
    const suggestion = nearest(span.word);
    if (!suggestion || suggestion === span.word) continue;
    const typed = text.slice(span.start, span.end);
    const to = inCaseOf(typed, suggestion);
    out += text.slice(last, span.start) + to;
    last = span.end;
    corrections.push({ from: typed, to });
  }
  if (corrections.length === 0) return null;
  return { text: out + text.slice(last), corrections };
}
