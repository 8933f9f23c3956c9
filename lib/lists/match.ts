/**
 * Ranks candidate actors for a listed party. An identifier the list and the actor share (OFAC
 * uid, UN reference, EU reference, UK unique id, OpenSanctions id, IMO number) is a certain match
 * and always ranks first. Otherwise names and aliases are compared after normalisation:
 *
 *   ratio(x, y)  = 1 - levenshtein(x, y) / max(|x|, |y|)
 *   sorted       = ratio of the two names with their words sorted (word order does not matter)
 *   tokens       = each word's best ratio against the other name's words, weighted by word
 *                  length, over the words of both names (so an extra or missing word costs)
 *   similarity   = max(sorted, tokens)
 *
 * and a pair using a weak alias (on either side) counts 0.9 of its similarity. The score of a
 * candidate is its best pair. "Qaddour" / "Qadour" is 0.86; unrelated names stay under 0.5.
 * Staff confirm every name match: nothing here merges anything.
 *
 * The normaliser is a parameter: the search's shared one (lib/text/normalise.ts, NFKC,
 * invisible characters, case, diacritics, Arabic letter forms) plugs in here; until then
 * `defaultNormalise` does the same folding in a simpler way.
 */
import { distance } from 'fastest-levenshtein';
import type { AliasQuality } from './types';

export type Normaliser = (text: string) => string;

/** Identifier schemes that name one party for certain. Documents such as passports do not: numbers repeat across countries. */
export const CERTAIN_SCHEMES = new Set([
  'ofac-uid',
  'un-ref',
  'un-dataid',
  'eu-ref',
  'eu-logical-id',
  'uk-id',
  'opensanctions-id',
  'opensanctions-referent',
  'imo',
]);

/** Similarity from which a name match is worth showing to staff as a suggestion. */
export const NAME_MATCH_THRESHOLD = 0.8;
const WEAK_ALIAS_FACTOR = 0.9;

const ARABIC_FOLDS: [RegExp, string][] = [
  [/[\u0622\u0623\u0625\u0671]/g, '\u0627'], // alef with madda / hamza / wasla → alef
  [/\u0649/g, '\u064A'], // alef maqsura → yeh
  [/\u0629/g, '\u0647'], // teh marbuta → heh
  [/\u0624/g, '\u0648'], // waw with hamza → waw
  [/\u0626/g, '\u064A'], // yeh with hamza → yeh
  [/\u0640/g, ''], // tatweel
];

/** NFKC, invisible characters removed, diacritics and case folded, Arabic letter forms folded, dots and apostrophes dropped, other punctuation to spaces. */
export function defaultNormalise(text: string): string {
  let s = text.normalize('NFKC').replace(/\p{Cf}/gu, '');
  for (const [from, to] of ARABIC_FOLDS) s = s.replace(from, to);
  s = s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase();
  // Dots and apostrophes join ("P.J.S.C." = "PJSC", "O'Brien" = "OBrien"); other punctuation separates words.
  return s.replace(/[.'\u2019\u02BC`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export interface PartyName {
  name: string;
  quality?: AliasQuality;
}

export interface ListedParty {
  name: string;
  aliases: readonly (PartyName | string)[];
  identifiers: readonly { scheme: string; value: string }[];
}

export interface CandidateActor {
  id: string;
  name: string;
  aliases?: readonly (PartyName | string)[];
  externalIds?: readonly { scheme: string; value: string }[];
}

export type MatchBasis =
  | { method: 'identifier'; scheme: string; value: string }
  | { method: 'name'; partyName: string; candidateName: string };

export interface MatchScore {
  candidateId: string;
  /** 1 for an identifier match; otherwise the best name similarity, 0..1. */
  score: number;
  certain: boolean;
  basis: MatchBasis;
}

function ratio(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/** Similarity of two normalised names, 0..1 (see the module comment). */
export function nameSimilarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const ta = a.split(' ');
  const tb = b.split(' ');
  const sorted = ratio([...ta].sort().join(' '), [...tb].sort().join(' '));
  let weighted = 0;
  let total = 0;
  for (const [from, to] of [
    [ta, tb],
    [tb, ta],
  ] as const) {
    for (const t of from) {
      let best = 0;
      for (const u of to) best = Math.max(best, ratio(t, u));
      weighted += best * t.length;
      total += t.length;
    }
  }
  return Math.max(sorted, total === 0 ? 0 : weighted / total);
}

function names(primary: string, aliases: readonly (PartyName | string)[] | undefined, normalise: Normaliser): { text: string; shown: string; weak: boolean }[] {
  const all: PartyName[] = [{ name: primary }, ...(aliases ?? []).map((a) => (typeof a === 'string' ? { name: a } : a))];
  const out = new Map<string, { text: string; shown: string; weak: boolean }>();
  for (const n of all) {
    const text = normalise(n.name);
    if (text === '') continue;
    const weak = n.quality === 'weak';
    const known = out.get(text);
    // The same text as a strong name and as a weak alias counts as strong.
    if (!known || (known.weak && !weak)) out.set(text, { text, shown: n.name, weak });
  }
  return [...out.values()];
}

function idKey(scheme: string, value: string): string {
  return `${scheme}\u0000${value.replace(/\s+/g, '').toLowerCase()}`;
}

export interface MatchOptions {
  normalise?: Normaliser;
  /** Drop name matches below this score (identifier matches always stay). Default 0: rank everything. */
  minScore?: number;
}

/** Candidates ranked for `party`: identifier matches first, then by name score, then by id. */
export function rankCandidates(party: ListedParty, candidates: readonly CandidateActor[], options: MatchOptions = {}): MatchScore[] {
  const normalise = options.normalise ?? defaultNormalise;
  const minScore = options.minScore ?? 0;
  const partyIds = new Map<string, { scheme: string; value: string }>();
  for (const id of party.identifiers) if (CERTAIN_SCHEMES.has(id.scheme)) partyIds.set(idKey(id.scheme, id.value), id);
  const partyNames = names(party.name, party.aliases, normalise);

  const results: MatchScore[] = [];
  for (const candidate of candidates) {
    const shared = (candidate.externalIds ?? []).find((id) => partyIds.has(idKey(id.scheme, id.value)));
    if (shared) {
      results.push({ candidateId: candidate.id, score: 1, certain: true, basis: { method: 'identifier', scheme: shared.scheme, value: shared.value } });
      continue;
    }
    let best: MatchScore | null = null;
    for (const c of names(candidate.name, candidate.aliases, normalise)) {
      for (const p of partyNames) {
        const score = nameSimilarity(p.text, c.text) * (p.weak || c.weak ? WEAK_ALIAS_FACTOR : 1);
        if (!best || score > best.score) {
          best = { candidateId: candidate.id, score, certain: false, basis: { method: 'name', partyName: p.shown, candidateName: c.shown } };
        }
      }
    }
    if (best && best.score >= minScore) results.push(best);
  }
  return results.sort((a, b) => Number(b.certain) - Number(a.certain) || b.score - a.score || KEY_ORDER.compare(a.candidateId, b.candidateId));
}

const KEY_ORDER = new Intl.Collator('en', { numeric: true });
