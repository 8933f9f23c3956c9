/**
 * The one search for actors by name or alias: the actor filter (`/api/entities`) and the staff
 * forms (`/api/suggest/entities`) both ask it. Every word typed must start a word of the name or of
 * one alias, compared as normalised text (lib/text/normalise.ts: case, diacritics, invisible
 * characters and letter variants do not count), so "erdo" finds Recep Tayyip Erdoğan and "khaled"
 * finds Khalid Qaddour through his alias. Best first: the whole name typed, then its beginning, then
 * words anywhere in it; the name before an alias; then the actor in more events. Merged actors are
 * left out; their survivor is found. The public finds only actors it may see (entity-visibility.ts).
 *
 * Folding happens in JavaScript (SQLite's lower() and LIKE only fold ASCII), over names and
 * aliases read in one query: fine for the thousands of actors a tracker holds. A larger registry
 * would want its own FTS table.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { words } from '@/lib/text/normalise';
import type { EntityKind } from '@/lib/vocabulary';
import type { DbOrTx } from '@/db/engine/client';
import { entities, entityAliases, eventEntities, events } from '../schema';
import { entityVisibleTo } from './entity-visibility';
import { visibilityConditions, type Visibility } from './events';

export interface EntityMatch {
  id: number;
  name: string;
  kind: EntityKind;
  countryCode: string | null;
  /** The alias that matched, when it matched better than the name. */
  alias: string | null;
  /** Events the viewer can see that involve this actor. */
  eventCount: number;
}

/** How well a name matches what was typed: 0 the whole name, 1 its beginning, 2 words anywhere; null not at all. */
export function matchRank(typed: { words: string[]; key: string }, candidate: string): 0 | 1 | 2 | null {
  const candidateWords = words(candidate);
  if (!typed.words.every((q) => candidateWords.some((w) => w.startsWith(q)))) return null;
  // Matching words means the candidate has some, so its name key is its words joined (nameKey).
  const key = candidateWords.join(' ');
  if (key === typed.key) return 0;
  return key.startsWith(typed.key) ? 1 : 2;
}

/** What was typed, as words to match; null when there is nothing to search for. */
export function typedQuery(text: string): { words: string[]; key: string } | null {
  const typedWords = words(text.slice(0, 200)).slice(0, 8);
  return typedWords.length === 0 ? null : { words: typedWords, key: typedWords.join(' ') };
}

/** An actor's name, and one of its aliases (null when it has none): what the search reads. */
export interface NameRow {
  id: number;
  name: string;
  kind: EntityKind;
  countryCode: string | null;
  alias: string | null;
}

export type Candidate = Omit<EntityMatch, 'eventCount'> & { rank: number };

/**
 * The actors whose name or an alias matches, each by its best match. One row per alias: an alias
 * ranks half a step behind the name, so an exact alias still beats the beginning of the name.
 */
export function matchingCandidates(typed: { words: string[]; key: string }, rows: Iterable<NameRow>): Map<number, Candidate> {
  const byName = new Map<number, number | null>();
  const found = new Map<number, Candidate>();
  for (const r of rows) {
    if (!byName.has(r.id)) byName.set(r.id, matchRank(typed, r.name));
    const nameRank = byName.get(r.id)!;
    const aliasRank = r.alias === null ? null : matchRank(typed, r.alias);
    const viaAlias = aliasRank !== null && (nameRank === null || aliasRank < nameRank);
    const rank = viaAlias ? aliasRank + 0.5 : nameRank;
    if (rank === null) continue;
    const prev = found.get(r.id);
    if (!prev || rank < prev.rank) found.set(r.id, { id: r.id, name: r.name, kind: r.kind, countryCode: r.countryCode, alias: viaAlias ? r.alias : null, rank });
  }
  return found;
}

/** Best first: by match, then the actor in more events, then by name. */
export function bestMatches(candidates: Candidate[], counts: Map<number, number>, limit: number): EntityMatch[] {
  return candidates
    .map((c) => ({ ...c, eventCount: counts.get(c.id) ?? 0 }))
    .sort((a, b) => a.rank - b.rank || b.eventCount - a.eventCount || a.name.localeCompare(b.name, 'en'))
    .slice(0, limit)
    .map(({ rank: _rank, ...m }) => m);
}

export function searchEntities(db: DbOrTx, text: string, limit = 10, visibility: Visibility = {}): EntityMatch[] {
  const typed = typedQuery(text);
  if (!typed) return [];
  const rows = db
    .select({ id: entities.id, name: entities.name, kind: entities.kind, countryCode: entities.countryCode, alias: entityAliases.alias })
    .from(entities)
    .leftJoin(entityAliases, eq(entityAliases.entityId, entities.id))
    .where(isNull(entities.mergedIntoId))
    .all();
  const found = matchingCandidates(typed, rows);

  // Only actors this viewer may see (entity-visibility.ts): a name only a draft holds is not public.
  // Asked of the matches only, one index seek each, rather than of every actor read above.
  const visibleIds = new Set<number>();
  const condition = entityVisibleTo(visibility);
  for (const part of chunk([...found.keys()], 500)) {
    if (!condition) part.forEach((id) => visibleIds.add(id));
    else for (const r of db.select({ id: entities.id }).from(entities).where(and(inArray(entities.id, part), condition)).all()) visibleIds.add(r.id);
  }
  const candidates = [...found.values()].filter((c) => visibleIds.has(c.id));
  if (candidates.length === 0) return [];

  const counts = new Map<number, number>();
  for (const part of chunk(candidates.map((c) => c.id), 500)) {
    const rowsCount = db
      .select({ id: eventEntities.entityId, n: sql<number>`count(DISTINCT ${eventEntities.eventId})` })
      .from(eventEntities)
      .innerJoin(events, eq(events.id, eventEntities.eventId))
      .where(and(inArray(eventEntities.entityId, part), ...visibilityConditions(visibility)))
      .groupBy(eventEntities.entityId)
      .all();
    for (const r of rowsCount) counts.set(r.id, r.n);
  }
  return bestMatches(candidates, counts, limit);
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
