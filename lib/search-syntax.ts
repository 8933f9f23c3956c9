/**
 * The search box's syntax, shared by the server (which turns it into an FTS5 MATCH string) and the
 * browser (which highlights matches with the same rules). User text never reaches MATCH as typed:
 * it is normalised exactly as the index's content is (lib/text/normalise.ts: invisible characters,
 * compatibility forms, case, diacritics, Arabic letter variants), split into words as the index's
 * tokenizer splits them, and every word is quoted, so FTS5 operators and stray punctuation are inert.
 *
 * Supported (see docs/decisions/0005-filter-schema.md):
 *   qadd            words match as prefixes: "qadd" finds Qaddour
 *   erdogan         case and diacritics are ignored: finds Erdoğan
 *   الاسد           Arabic hamza forms, full-width letters and invisible joiners fold: finds الأسد
 *   "caesar act"    a quoted phrase matches those words in that order
 *   al-Assad        words joined by punctuation are a phrase: "al assad…"
 *   iraq OR lebanon either word; OR binds closer than the implicit AND between words
 */

import { spellingVariantKey } from '@/lib/search/spelling';
import { wordSpans, words } from '@/lib/text/normalise';

export const MAX_SEARCH_LENGTH = 300;
export const MAX_SEARCH_TERMS = 12;
/** Shorter words match whole words only: a one-letter prefix would match most of the index. */
const MIN_PREFIX_LENGTH = 2;

export interface SearchTerm {
  /** Folded tokens; more than one makes a phrase. */
  tokens: string[];
  /** The last token also matches longer words that start with it. */
  prefix: boolean;
}

/** Terms to match: every group must match, and a group matches when any of its terms does. */
export type SearchGroups = SearchTerm[][];

export interface ParsedSearch {
  groups: SearchGroups;
  /** Things in the text that were ignored, in words a person understands. */
  problems: string[];
}

/**
 * The normalised words of a text, as the index holds them (lib/text/normalise.ts): "Qad\u200Ddour"
 * is one word, "qaddour".
 */
export function tokenize(text: string): string[] {
  return words(text);
}

interface Chunk {
  text: string;
  quoted: boolean;
}

function splitChunks(text: string, problems: string[]): Chunk[] {
  const chunks: Chunk[] = [];
  const quoteCount = (text.match(/"/g) ?? []).length;
  // An unclosed quote is ignored rather than swallowing the rest of the text into one phrase.
  const usable = quoteCount % 2 === 1 ? removeLast(text, '"') : text;
  if (quoteCount % 2 === 1) problems.push('A quotation mark is not closed.');
  // Brackets separate words rather than join them into a phrase: "NEAR(assad" is two words.
  const re = /"([^"]*)"|([^\s"()]+)/g;
  for (let m = re.exec(usable); m; m = re.exec(usable)) {
    if (m[1] !== undefined) chunks.push({ text: m[1], quoted: true });
    else chunks.push({ text: m[2]!, quoted: false });
  }
  return chunks;
}

function removeLast(text: string, char: string): string {
  const i = text.lastIndexOf(char);
  return i < 0 ? text : text.slice(0, i) + ' ' + text.slice(i + 1);
}

function bracketsBalanced(text: string): boolean {
  let depth = 0;
  for (const c of text.replace(/"[^"]*"/g, ' ')) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Parses what a person typed. Never throws: anything it cannot use is listed in `problems`, and
 * `groups` is empty when nothing searchable is left.
 */
export function parseSearch(text: string): ParsedSearch {
  const problems: string[] = [];
  if (!bracketsBalanced(text)) {
    problems.push('Brackets are not balanced (brackets are not part of the search syntax).');
  }
  const groups: SearchGroups = [];
  let pendingOr = false;
  let termCount = 0;
  let truncated = false;
  for (const chunk of splitChunks(text, problems)) {
    if (!chunk.quoted && chunk.text === 'OR') {
      pendingOr = groups.length > 0;
      continue;
    }
    const tokens = tokenize(chunk.text);
    if (tokens.length === 0) continue;
    if (termCount >= MAX_SEARCH_TERMS) {
      truncated = true;
      break;
    }
    termCount++;
    const last = tokens[tokens.length - 1]!;
    const term: SearchTerm = { tokens, prefix: !chunk.quoted && last.length >= MIN_PREFIX_LENGTH };
    if (pendingOr) groups[groups.length - 1]!.push(term);
    else groups.push([term]);
    pendingOr = false;
  }
  if (truncated) problems.push(`At most ${MAX_SEARCH_TERMS} words or phrases can be searched for at once.`);
  if (groups.length === 0 && text.trim().length > 0) problems.push('There are no letters or numbers to search for.');
  return { groups: dedupe(groups), problems };
}

function termKey(term: SearchTerm): string {
  return `${term.tokens.join(' ')}${term.prefix ? '*' : ''}`;
}

function dedupe(groups: SearchGroups): SearchGroups {
  const seen = new Set<string>();
  const out: SearchGroups = [];
  for (const group of groups) {
    const unique = [...new Map(group.map((t) => [termKey(t), t])).values()];
    const key = unique.map(termKey).sort().join('|');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(unique);
    }
  }
  return out;
}

/**
 * The FTS5 MATCH expression. Tokens hold only letters, numbers and marks (the tokenizer's token
 * characters), so wrapping each term in double quotes makes it a plain string to FTS5: no
 * operator, column filter or syntax error can come from user text.
 */
export function toFtsQuery(groups: SearchGroups): string {
  return groups
    .map((group) => {
      const alternatives = group.map((t) => `"${t.tokens.join(' ')}"${t.prefix ? '*' : ''}`);
      return alternatives.length > 1 ? `(${alternatives.join(' OR ')})` : alternatives[0]!;
    })
    .join(' AND ');
}

interface TextToken {
  start: number;
  end: number;
  folded: string;
  /** The word's spelling key, as the index holds it (lib/search/spelling.ts). */
  key: string;
}

function textTokens(text: string): TextToken[] {
  return wordSpans(text).map((w) => ({ start: w.start, end: w.end, folded: w.word, key: spellingVariantKey(w.word) }));
}

/** A displayed word matches a query token as typed, or as keyed (lib/search/query.ts `highlightGroups`). */
function tokenMatches(textToken: TextToken, queryToken: string, prefix: boolean): boolean {
  return prefix
    ? textToken.folded.startsWith(queryToken) || textToken.key.startsWith(queryToken)
    : textToken.folded === queryToken || textToken.key === queryToken;
}

/**
 * Character ranges of `text` that match any term, merged and in order: what the index would
 * match, found again in the displayed text (the index is contentless, so FTS5's own highlight()
 * is not available).
 */
export function highlightRanges(text: string, groups: SearchGroups): [number, number][] {
  if (groups.length === 0 || text.length === 0) return [];
  const tokens = textTokens(text);
  const terms = groups.flat();
  const ranges: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const term of terms) {
      const n = term.tokens.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const isLast = k === n - 1;
        ok = tokenMatches(tokens[i + k]!, term.tokens[k]!, isLast && term.prefix);
      }
      if (ok) ranges.push([tokens[i]!.start, tokens[i + n - 1]!.end]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Splits text into plain and matched pieces, for rendering with <mark>. */
export function highlightParts(text: string, groups: SearchGroups): { text: string; match: boolean }[] {
  const ranges = highlightRanges(text, groups);
  if (ranges.length === 0) return [{ text, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push({ text: text.slice(at, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}
