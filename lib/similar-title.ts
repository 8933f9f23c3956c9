/**
 * When two event titles say the same thing: the import's dry run warns about a new row that looks
 * like an event already recorded (same type, same date, similar title), which is how a file
 * imported twice, or a list that overlaps what colleagues entered by hand, shows itself.
 *
 * Titles are compared as sets of words, after folding case and diacritics and dropping
 * punctuation ("Caesar Act: sanctions on Qaddour" and "caesar act sanctions on qaddour" are one
 * title). Two titles are similar when their words are the same, or when they share at least 80% of
 * their words (Jaccard index: shared words / all words). A number is a word like any other, so
 * "Executive Order 13894" and "Executive Order 13950" differ in a third of their words and are
 * not similar, while a ten-word title with one word changed is.
 */
import { foldForMatch } from './slug';

export const SIMILAR_TITLE_THRESHOLD = 0.8;

/** The words of a title as they are compared: folded, letters and digits only. */
export function titleWords(title: string): string[] {
  return foldForMatch(title)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Compares one title with many (the dry run checks thousands of rows): each title's words are found once. */
export function titleComparer() {
  const cache = new Map<string, Set<string>>();
  const wordsOf = (title: string) => {
    let words = cache.get(title);
    if (!words) {
      words = new Set(titleWords(title));
      cache.set(title, words);
    }
    return words;
  };
  return {
    similarity(a: string, b: string): number {
      const left = wordsOf(a);
      const right = wordsOf(b);
      if (left.size === 0 && right.size === 0) return foldForMatch(a) === foldForMatch(b) ? 1 : 0;
      let shared = 0;
      for (const w of left) if (right.has(w)) shared++;
      return shared / (left.size + right.size - shared);
    },
    similar(a: string, b: string): boolean {
      return this.similarity(a, b) >= SIMILAR_TITLE_THRESHOLD;
    },
  };
}

export function titleSimilarity(a: string, b: string): number {
  return titleComparer().similarity(a, b);
}

export function similarTitles(a: string, b: string): boolean {
  return titleSimilarity(a, b) >= SIMILAR_TITLE_THRESHOLD;
}
