/**
 * Finding actors by name or alias for the actor filter: every word typed must start a word of the
 * name or of one alias, ignoring case and diacritics ("erdo" finds Recep Tayyip Erdoğan, "khaled"
 * finds Khalid Qaddour through his alias). Merged actors are left out; their survivor is found.
 * The public finds only actors it may see (entity-visibility.ts).
 *
 * Folding happens in JavaScript (SQLite's lower() and LIKE only fold ASCII), over names and
 * aliases read in one query: fine for the thousands of actors a tracker holds. A larger registry
 * would want its own FTS table.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { tokenize } from '@/lib/search-syntax';
import type { EntityKind } from '@/lib/vocabulary';
import type { DbOrTx } from '@/db/engine/client';
import { entities, entityAliases, eventEntities, events } from '../schema';
import { entityVisibleTo } from './entity-visibility';
import { visibilityConditions, type Visibility } from './events';

export interface EntityMatch {
  id: number;
  name: string;
  kind: EntityKind;
  /** The alias that matched, when the name itself did not. */
  alias: string | null;
  /** Events the viewer can see that involve this actor. */
  eventCount: number;
}

function wordsMatch(queryWords: string[], candidateWords: string[]): boolean {
  return queryWords.every((q) => candidateWords.some((w) => w.startsWith(q)));
}

export function searchEntities(db: DbOrTx, text: string, limit = 10, visibility: Visibility = {}): EntityMatch[] {
  const queryWords = tokenize(text.slice(0, 200)).slice(0, 8);
  if (queryWords.length === 0) return [];
  const rows = db
    .select({ id: entities.id, name: entities.name, kind: entities.kind, alias: entityAliases.alias })
    .from(entities)
    .leftJoin(entityAliases, eq(entityAliases.entityId, entities.id))
    .where(isNull(entities.mergedIntoId))
    .all();

  const found = new Map<number, { id: number; name: string; kind: EntityKind; alias: string | null; rank: number }>();
  for (const r of rows) {
    const nameWords = tokenize(r.name);
    let rank: number | null = null;
    let alias: string | null = null;
    if (wordsMatch(queryWords, nameWords)) rank = nameWords[0]!.startsWith(queryWords[0]!) ? 0 : 1;
    else if (r.alias && wordsMatch(queryWords, tokenize(r.alias))) {
      rank = 2;
      alias = r.alias;
    }
    if (rank === null) continue;
    const prev = found.get(r.id);
    if (!prev || rank < prev.rank) found.set(r.id, { id: r.id, name: r.name, kind: r.kind, alias, rank });
  }
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

  return candidates
    .map((c) => ({ ...c, eventCount: counts.get(c.id) ?? 0 }))
    .sort((a, b) => a.rank - b.rank || b.eventCount - a.eventCount || a.name.localeCompare(b.name, 'en'))
    .slice(0, limit)
    .map(({ rank: _rank, ...m }) => m);
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
