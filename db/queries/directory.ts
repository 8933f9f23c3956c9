/**
 * The indexes of countries and actors: every one that a published event involves, with how many
 * such events, read from the counts that triggers keep (`facet_counts`, decision 0010), so the
 * lists cost the same at a million events as at sixteen. Actors' names are sorted as readers
 * look them up (case and accents aside).
 */
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { countryName } from '@/lib/countries';
import type { EntityKind } from '@/lib/vocabulary';
import { entities, facetCounts } from '../schema';

export interface CountryEntry {
  code: string;
  name: string;
  events: number;
}

export function countriesWithEvents(db: DbOrTx): CountryEntry[] {
  return db
    .select({ code: facetCounts.value, events: facetCounts.n })
    .from(facetCounts)
    .where(and(eq(facetCounts.facet, 'country'), gt(facetCounts.n, 0)))
    .all()
    .map((r) => ({ ...r, name: countryName(r.code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

export interface ActorEntry {
  id: number;
  name: string;
  kind: EntityKind;
  countryCode: string | null;
  events: number;
}

export const ACTORS_PER_PAGE = 200;

/** One page of the actors with published events, by name; and how many there are in all. */
export function actorsWithEvents(db: DbOrTx, page = 1): { items: ActorEntry[]; total: number; pages: number } {
  const joined = and(eq(facetCounts.facet, 'actor'), gt(facetCounts.n, 0), isNull(entities.mergedIntoId));
  const on = sql`${entities.id} = CAST(${facetCounts.value} AS INTEGER)`;
  const total = db.select({ n: sql<number>`count(*)` }).from(facetCounts).innerJoin(entities, on).where(joined).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / ACTORS_PER_PAGE));
  const items = db
    .select({ id: entities.id, name: entities.name, kind: entities.kind, countryCode: entities.countryCode, events: facetCounts.n })
    .from(facetCounts)
    .innerJoin(entities, on)
    .where(joined)
    .orderBy(asc(sql`${entities.name} COLLATE NOCASE`), asc(entities.id))
    .limit(ACTORS_PER_PAGE)
    .offset((Math.min(Math.max(1, page), pages) - 1) * ACTORS_PER_PAGE)
    .all();
  return { items, total, pages };
}
