/**
 * The actor search and the staff forms' event picker on PostgreSQL: twins of
 * db/queries/entity-search.ts `searchEntities` and db/queries/suggest.ts `suggestEvents`. The
 * matching and the ranking are the same functions (names folded in JavaScript, as on SQLite); only
 * the reads differ. Titles match case-insensitively (ILIKE) as SQLite's LIKE does.
 */
import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { bestMatches, chunk, matchingCandidates, typedQuery, type EntityMatch } from '@/db/queries/entity-search';
import { MAX_RECORD_ID, type Visibility } from '@/db/queries/events';
import { sourceVisibility } from '@/db/queries/filter-conditions';
import { MAX_SUGGEST_QUERY, type EventSuggestion } from '@/db/queries/suggest';
import type { PgDb } from './connect';
import { pgEntityVisibleTo } from './facets';
import { PG_SOURCES } from './filters';
import { entities, entityAliases, eventEntities, events } from './schema';

export async function pgSearchEntities(db: PgDb, text: string, limit = 10, visibility: Visibility = {}): Promise<EntityMatch[]> {
  const typed = typedQuery(text);
  if (!typed) return [];
  const rows = await db
    .select({ id: entities.id, name: entities.name, kind: entities.kind, countryCode: entities.countryCode, alias: entityAliases.alias })
    .from(entities)
    .leftJoin(entityAliases, eq(entityAliases.entityId, entities.id))
    .where(isNull(entities.mergedIntoId));
  const found = matchingCandidates(typed, rows);

  const visibleIds = new Set<number>();
  const condition = pgEntityVisibleTo(visibility);
  for (const part of chunk([...found.keys()], 500)) {
    if (!condition) part.forEach((id) => visibleIds.add(id));
    else for (const r of await db.select({ id: entities.id }).from(entities).where(and(inArray(entities.id, part), condition))) visibleIds.add(r.id);
  }
  const candidates = [...found.values()].filter((c) => visibleIds.has(c.id));
  if (candidates.length === 0) return [];

  const counts = new Map<number, number>();
  for (const part of chunk(candidates.map((c) => c.id), 500)) {
    const rowsCount = await db
      .select({ id: eventEntities.entityId, n: sql<string>`count(DISTINCT ${eventEntities.eventId})` })
      .from(eventEntities)
      .innerJoin(events, eq(events.id, eventEntities.eventId))
      .where(and(inArray(eventEntities.entityId, part), ...sourceVisibility(PG_SOURCES.events, visibility)))
      .groupBy(eventEntities.entityId);
    for (const r of rowsCount) counts.set(r.id, Number(r.n));
  }
  return bestMatches(candidates, counts, limit);
}

/** Events to link to, by title or number, newest first: `suggestEvents`' twin. */
export async function pgSuggestEvents(db: PgDb, query: string, options: { exclude?: number | null; limit?: number } = {}): Promise<EventSuggestion[]> {
  const q = query.trim().slice(0, MAX_SUGGEST_QUERY);
  if (q === '') return [];
  const byId = /^#?(\d{1,10})$/.exec(q);
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const title = sql`${events.title} ILIKE ${`%${escaped}%`} ESCAPE '\\'`;
  const number = byId && Number(byId[1]) <= MAX_RECORD_ID ? Number(byId[1]) : null;
  const conditions = [isNull(events.deletedAt), number !== null ? or(eq(events.id, number), title) : title];
  if (options.exclude) conditions.push(ne(events.id, options.exclude));
  return db
    .select({ id: events.id, title: events.title, date: events.date, datePrecision: events.datePrecision, status: events.status })
    .from(events)
    .where(and(...conditions))
    .orderBy(desc(events.date), desc(events.id))
    .limit(options.limit ?? 10);
}
