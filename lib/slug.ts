import { normaliseText } from '@/lib/text/normalise';

/** "Caesar Act" → "caesar-act", "Türkiye" → "turkiye": ASCII, lower case, hyphen-separated. */
export function slugify(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** Normalised (lib/text/normalise.ts), whitespace collapsed: for matching names and aliases. */
export function foldForMatch(value: string): string {
  return normaliseText(value).replace(/\s+/g, ' ').trim();
}
