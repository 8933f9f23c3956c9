import { normaliseText } from '@/lib/text/normalise';

export interface SlugOptions {
  /** Cut to this many characters (default 60, a tag slug's length). */
  maxLength?: number;
  /** Keep upper-case letters ("SY-target" in a file name); tag slugs are lower case. */
  keepCase?: boolean;
}

/**
 * "Caesar Act" → "caesar-act", "Türkiye" → "turkiye": ASCII letters and digits, runs of anything
 * else as one hyphen, none at either end. Tag slugs, and the parts of an export's file name.
 */
export function slugify(label: string, { maxLength = 60, keepCase = false }: SlugOptions = {}): string {
  const ascii = label.normalize('NFKD').replace(/\p{M}/gu, '');
  return (keepCase ? ascii : ascii.toLowerCase())
    .replace(/ı/g, 'i')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength);
}

/** Normalised (lib/text/normalise.ts), whitespace collapsed: for matching names and aliases. */
export function foldForMatch(value: string): string {
  return normaliseText(value).replace(/\s+/g, ' ').trim();
}
