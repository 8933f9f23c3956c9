/**
 * "Did you mean …?" from the search index's own vocabulary (`events_fts_vocab`, migration 0011): the
 * words the index holds and how many events hold each, in a `Suggester` (lib/search/did-you-mean.ts)
 * kept per connection. Reading the vocabulary walks the whole index (about a second at a million
 * events), so a suggester is rebuilt only when the database has changed since it was built, and,
 * for a large vocabulary, at most once a minute: a word added in the last minute may not be
 * suggested yet, which is harmless. Only a search that finds nothing asks for it.
 */
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { DbOrTx } from '@/db/engine/client';
import { correctQuery, type CorrectedQuery } from '@/lib/search/correction';
import { Suggester } from '@/lib/search/did-you-mean';
import { spellingVariantKey, spellingVariants } from '@/lib/search/spelling';

/** A vocabulary this small is read again after every change (milliseconds). */
const SMALL_VOCABULARY = 20_000;
const LARGE_REBUILD_MS = 60_000;

export interface Built {
  suggester: Suggester;
  version: string;
  at: number;
}

const built = new WeakMap<object, Built>();

/**
 * `spellingVariants` remembered: the suggester asks it for every candidate term, and working it
 * out afresh costs fifty times the search itself (285 ms against 6 ms for "qadour" among 79,000
 * terms); the candidates of one word are mostly those of the next.
 */
const variants = new LRUCache<string, string[]>({ max: 200_000 });
function rememberedVariants(term: string): string[] {
  let hit = variants.get(term);
  if (!hit) {
    hit = spellingVariants(term);
    variants.set(term, hit);
  }
  return hit;
}

/**
 * Whether a suggester built earlier still serves: nothing was written since (`version`, what the
 * engine says of its changes), or its vocabulary is large and was read less than a minute ago.
 */
export function stillFresh(cached: Built, version: string, now: number): boolean {
  return cached.version === version || (cached.suggester.size > SMALL_VOCABULARY && now - cached.at < LARGE_REBUILD_MS);
}

/** A suggester over an index's words and how many events hold each. */
export function suggesterOf(vocabulary: { term: string; doc: number }[]): Suggester {
  return new Suggester(
    vocabulary.map((v) => ({ term: v.term, frequency: v.doc })),
    { variantsOf: rememberedVariants },
  );
}

function version(db: DbOrTx): string {
  const row = db.get<{ v: number; c: number }>(sql`SELECT (SELECT data_version FROM pragma_data_version) AS v, total_changes() AS c`);
  return `${row?.v}:${row?.c}`;
}

/** The suggester for this connection's index, built or rebuilt when due. */
export function indexSuggester(db: DbOrTx, now = Date.now()): Suggester {
  const current = version(db);
  const cached = built.get(db);
  if (cached && stillFresh(cached, current, now)) return cached.suggester;
  const vocabulary = db.all<{ term: string; doc: number }>(sql`SELECT term, doc FROM events_fts_vocab`);
  const suggester = suggesterOf(vocabulary);
  built.set(db, { suggester, version: current, at: now });
  return suggester;
}

/**
 * The search with each word the index does not hold replaced by its nearest word that it does
 * (lib/search/correction.ts), or null when every word is known or nothing is near.
 */
export function suggestCorrection(db: DbOrTx, q: string): CorrectedQuery | null {
  return correctionFrom(indexSuggester(db), q);
}

/** A correction of `q` by a suggester over an index's vocabulary (SQLite's here, PostgreSQL's in db/pg/suggestions.ts). */
export function correctionFrom(suggester: Suggester, q: string): CorrectedQuery | null {
  return correctQuery(
    q,
    (word) => suggester.termsWithPrefix(spellingVariantKey(word), 1).length > 0,
    (word) => suggester.suggest(word, { limit: 1 })[0]?.display ?? null,
  );
}
