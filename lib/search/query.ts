/**
 * The matching pipeline that forgives (issue 14), as pure functions that the database side and the
 * recall test share:
 *
 * - index side: `indexWords(text)` — the normalised words of a text (lib/text/normalise.ts) with
 *   each replaced by its spelling key (lib/search/spelling.ts); `indexText` joins them with spaces,
 *   which is what the FTS table should be given instead of `normalise_text(text)`.
 * - query side: `analyseQuery(text)` — the search box's syntax (lib/search-syntax.ts `parseSearch`),
 *   then country names found among the words (lib/search/country-aliases.ts), then spelling keys,
 *   with the prefix keys of a prefix word as alternatives (and, for the -ize family, the stem:
 *   "normalization" also finds "normalise" and "normalizing"). The result is groups of alternatives,
 *   every group must match: a text alternative is a phrase of keyed tokens (the last a prefix when
 *   `prefix`), a country alternative is an event's country code.
 * - `matchesDocument` applies the groups to a document held in memory, exactly as the database
 *   would apply them with FTS5 (a phrase within one field) and the event_countries table.
 */
import type { CountryCode } from '@/lib/countries';
import { parseSearch, type SearchGroups, type SearchTerm } from '@/lib/search-syntax';
import { words } from '@/lib/text/normalise';
import { countryTextForms, findCountryMentionsInWords, type AliasCode, type CountryMention } from './country-aliases';
import { searchPrefixes, spellingVariantKey } from './spelling';

export type QueryAlternative =
  | { kind: 'text'; tokens: string[]; prefix: boolean }
  | { kind: 'country'; code: AliasCode };

export type QueryGroups = QueryAlternative[][];

export interface AnalysedQuery {
  groups: QueryGroups;
  /** The countries the query names, with the words that named them. */
  countries: CountryMention[];
  problems: string[];
}

/** The words of a text as a keyed index holds them. */
export function indexWords(text: string): string[] {
  return words(text).map(spellingVariantKey);
}

/** The text to give the FTS table: keyed words joined by spaces. */
export function indexText(text: string): string {
  return indexWords(text).join(' ');
}

/** A search term's alternatives against a keyed index: keyed tokens, the last expanded when a prefix. */
function keyedTerm(term: SearchTerm): QueryAlternative[] {
  const head = term.tokens.slice(0, -1).map(spellingVariantKey);
  const last = term.tokens[term.tokens.length - 1]!;
  if (!term.prefix) return [{ kind: 'text', tokens: [...head, spellingVariantKey(last)], prefix: false }];
  return searchPrefixes(last).map((p) => ({ kind: 'text', tokens: [...head, p], prefix: true }));
}

/**
 * A country mention's alternatives: the country's code (each code of an ambiguous name), the words
 * as typed, and every other form of the country in text. All text forms match as whole words: "niger"
 * names Niger, and must not find "Nigeria" as a prefix would.
 */
function countryAlternatives(mention: CountryMention): QueryAlternative[] {
  const out: QueryAlternative[] = mention.codes.map((code) => ({ kind: 'country', code }));
  const typed = mention.words[0] === 'the' ? mention.words.slice(1) : mention.words;
  for (const form of [typed, ...mention.codes.flatMap((c) => countryTextForms(c))]) {
    out.push({ kind: 'text', tokens: form.map(spellingVariantKey), prefix: false });
  }
  return out;
}

function altKey(a: QueryAlternative): string {
  return a.kind === 'country' ? `#${a.code}` : `${a.tokens.join(' ')}${a.prefix ? '*' : ''}`;
}

function dedupe(group: QueryAlternative[]): QueryAlternative[] {
  return [...new Map(group.map((a) => [altKey(a), a])).values()];
}

/**
 * What a person typed, as groups to match against a keyed index and the event's countries.
 * "Turkey normalization" is two groups: (country TR, or "turkey", "turkiye", "republic of turkiye",
 * "turkish", "تركيا"… as words) and ("normalization" as a prefix).
 */
export function analyseQuery(text: string): AnalysedQuery {
  const parsed = parseSearch(text);
  const groups: QueryGroups = [];
  const countries: CountryMention[] = [];
  const input = parsed.groups;
  for (let i = 0; i < input.length; ) {
    const group = input[i]!;
    // A run of plain one-word groups may spell a country name over several of them.
    if (group.length === 1 && group[0]!.tokens.length === 1) {
      let j = i;
      while (j < input.length && input[j]!.length === 1 && input[j]![0]!.tokens.length === 1) j++;
      const run = input.slice(i, j).map((g) => g[0]!.tokens[0]!);
      const mentions = findCountryMentionsInWords(run);
      let k = 0;
      for (const mention of mentions) {
        for (; k < mention.from; k++) groups.push(dedupe(keyedTerm(input[i + k]![0]!)));
        groups.push(dedupe(countryAlternatives(mention)));
        countries.push({ ...mention, from: i + mention.from, to: i + mention.to });
        k = mention.to;
      }
      for (; k < run.length; k++) groups.push(dedupe(keyedTerm(input[i + k]![0]!)));
      i = j;
      continue;
    }
    // A phrase ("United Arab Emirates" in quotes, "Saudi-Arabia") or alternatives joined by OR:
    // each term that is exactly a country name stands for the country.
    const alternatives: QueryAlternative[] = [];
    for (const term of group) {
      const [mention] = findCountryMentionsInWords(term.tokens);
      if (mention && mention.from === 0 && mention.to === term.tokens.length) {
        alternatives.push(...countryAlternatives(mention));
        countries.push(mention);
      } else {
        alternatives.push(...keyedTerm(term));
      }
    }
    groups.push(dedupe(alternatives));
    i++;
  }
  return { groups, countries, problems: parsed.problems };
}

/**
 * The text alternatives of each group as search-syntax groups, for `toFtsQuery`; a group whose
 * alternatives are all countries gives an empty list (it is matched by the countries table alone).
 */
export function textSearchGroups(groups: QueryGroups): SearchGroups {
  return groups.map((g) => g.flatMap((a) => (a.kind === 'text' ? [{ tokens: a.tokens, prefix: a.prefix }] : [])));
}

/** The country codes of each group (what the event_countries condition of the group tests). */
export function countryCodesOfGroups(groups: QueryGroups): AliasCode[][] {
  return groups.map((g) => g.flatMap((a) => (a.kind === 'country' ? [a.code] : [])));
}

/**
 * What to mark in displayed text for a search: every text alternative of every group, keyed (the
 * country names among them), for `highlightRanges` (lib/search-syntax.ts), which compares a
 * displayed word as shown and as keyed. Null when there is nothing to mark.
 */
export function highlightGroups(text: string | null | undefined): SearchGroups | null {
  if (!text) return null;
  const groups = textSearchGroups(analyseQuery(text).groups).filter((g) => g.length > 0);
  return groups.length > 0 ? groups : null;
}

// ---------------------------------------------------------------------------------------------
// Matching a document in memory

export interface SearchableDocument {
  key: string;
  title: string;
  summary: string;
  countries: CountryCode[];
  actors?: { name: string; aliases?: string[] }[];
  sourceTitles?: string[];
}

export interface IndexedDocument {
  key: string;
  countries: Set<string>;
  /** Each field's keyed words; a phrase must match within one field. */
  fields: string[][];
}

/**
 * A document as a keyed index holds it. `skipSourceTitles` leaves out source titles that many
 * events cite (see `widelyCitedTitles`): such a title says nothing about the one event.
 */
export function indexDocument(doc: SearchableDocument, skipSourceTitles: ReadonlySet<string> = new Set()): IndexedDocument {
  const texts = [
    doc.title,
    doc.summary,
    ...(doc.actors ?? []).flatMap((a) => [a.name, ...(a.aliases ?? [])]),
    ...(doc.sourceTitles ?? []).filter((t) => !skipSourceTitles.has(t)),
  ];
  return { key: doc.key, countries: new Set(doc.countries), fields: texts.map(indexWords) };
}

/**
 * Source titles cited by more than `maxShare` of the documents (and by at least `minCount`): the
 * "one article every event cites" that made `normalize` match everything (issue 14).
 */
export function widelyCitedTitles(docs: readonly SearchableDocument[], options: { maxShare?: number; minCount?: number } = {}): Set<string> {
  const maxShare = options.maxShare ?? 0.1;
  const minCount = options.minCount ?? 3;
  const counts = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc.sourceTitles ?? [])) counts.set(t, (counts.get(t) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n >= minCount && n > docs.length * maxShare).map(([t]) => t));
}

function phraseIn(field: string[], tokens: string[], prefix: boolean): boolean {
  const n = tokens.length;
  for (let i = 0; i + n <= field.length; i++) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const word = field[i + k]!;
      const token = tokens[k]!;
      ok = k === n - 1 && prefix ? word.startsWith(token) : word === token;
    }
    if (ok) return true;
  }
  return false;
}

/** True when every group has an alternative that the document matches. */
export function matchesDocument(groups: QueryGroups, doc: IndexedDocument): boolean {
  if (groups.length === 0) return false;
  return groups.every((group) =>
    group.some((a) => (a.kind === 'country' ? doc.countries.has(a.code) : doc.fields.some((f) => phraseIn(f, a.tokens, a.prefix)))),
  );
}
