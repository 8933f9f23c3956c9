/**
 * Suggestions for the staff forms: actors and events to pick by name, and values already in use
 * (legal authorities, programs, tags) so the same authority is not typed five different ways.
 * Staff-only reads: drafts are included, deleted events and merged actors are not.
 */
import { and, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { entities, events, eventTags, tags } from '../schema';
import { foldForMatch } from '@/lib/slug';
import type { EntityKind, EventStatus } from '@/lib/vocabulary';
import type { DatePrecision } from '@/lib/dates';

export interface EntitySuggestion {
  id: number;
  name: string;
  kind: EntityKind;
  countryCode: string | null;
  /** The alias that matched, when it was not the name. */
  matchedAlias: string | null;
}

const MAX_QUERY = 100;

/**
 * Actors whose name or an alias contains the query, ignoring case and accents ("erdogan" finds
 * "Erdoğan"); names that start with it first. Matching runs over the folded names in memory:
 * actors number in the thousands, well within a few milliseconds.
 */
export function suggestEntities(db: DbOrTx, query: string, limit = 10): EntitySuggestion[] {
  const q = foldForMatch(query.slice(0, MAX_QUERY));
  if (q === '') return [];
  const rows = db
    .select({
      id: entities.id,
      name: entities.name,
      kind: entities.kind,
      countryCode: entities.countryCode,
      // Qualified by hand: drizzle writes the outer column as a bare "id".
      aliases: sql<string | null>`(SELECT group_concat(a.alias, char(31)) FROM entity_aliases a WHERE a.entity_id = "entities"."id")`,
    })
    .from(entities)
    .where(isNull(entities.mergedIntoId))
    .all();
  const scored: (EntitySuggestion & { score: number })[] = [];
  for (const row of rows) {
    const candidates = [row.name, ...(row.aliases ? row.aliases.split('\u001f') : [])];
    let best: { score: number; alias: string | null } | null = null;
    candidates.forEach((candidate, i) => {
      const folded = foldForMatch(candidate);
      const at = folded.indexOf(q);
      if (at < 0) return;
      const wordStart = at === 0 || /[\s\-'’(]/.test(folded[at - 1]!);
      const score = (at === 0 ? 0 : wordStart ? 1 : 2) + (i === 0 ? 0 : 0.5);
      if (!best || score < best.score) best = { score, alias: i === 0 ? null : candidate };
    });
    if (best) {
      const { score, alias } = best;
      scored.push({ id: row.id, name: row.name, kind: row.kind, countryCode: row.countryCode, matchedAlias: alias, score });
    }
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ score: _score, ...s }) => s);
}

export interface EventSuggestion {
  id: number;
  title: string;
  date: string;
  datePrecision: DatePrecision;
  status: EventStatus;
}

/** Events to link to: by title, or by number ("12", "#12"); newest first. */
export function suggestEvents(db: DbOrTx, query: string, options: { exclude?: number | null; limit?: number } = {}): EventSuggestion[] {
  const q = query.trim().slice(0, MAX_QUERY);
  if (q === '') return [];
  const byId = /^#?(\d{1,12})$/.exec(q);
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const match = byId
    ? or(eq(events.id, Number(byId[1])), sql`${events.title} LIKE ${`%${escaped}%`} ESCAPE '\\'`)
    : sql`${events.title} LIKE ${`%${escaped}%`} ESCAPE '\\'`;
  const conditions = [isNull(events.deletedAt), match];
  if (options.exclude) conditions.push(ne(events.id, options.exclude));
  return db
    .select({ id: events.id, title: events.title, date: events.date, datePrecision: events.datePrecision, status: events.status })
    .from(events)
    .where(and(...conditions))
    .orderBy(desc(events.date), desc(events.id))
    .limit(options.limit ?? 10)
    .all();
}

export interface FormVocabulary {
  legalAuthorities: string[];
  programs: string[];
  tags: string[];
}

/** Values already in use, most used first, for the form's suggestion lists. */
export function formVocabulary(db: DbOrTx): FormVocabulary {
  const used = (column: typeof events.legalAuthority | typeof events.program) =>
    db
      .select({ value: column, n: sql<number>`count(*)` })
      .from(events)
      .where(and(isNotNull(column), isNull(events.deletedAt)))
      .groupBy(column)
      .orderBy(desc(sql`count(*)`), column)
      .limit(300)
      .all()
      .map((r) => r.value!);
  const tagRows = db
    .select({ label: tags.label, n: sql<number>`count(${eventTags.eventId})` })
    .from(tags)
    .leftJoin(eventTags, eq(eventTags.tagId, tags.id))
    .groupBy(tags.id)
    .orderBy(desc(sql`count(${eventTags.eventId})`), tags.label)
    .limit(500)
    .all();
  return { legalAuthorities: used(events.legalAuthority), programs: used(events.program), tags: tagRows.map((t) => t.label) };
}

/** Names of actors by id (for showing chosen actors in a form). */
export function entityNames(db: DbOrTx, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: entities.id, name: entities.name })
      .from(entities)
      .where(inArray(entities.id, ids.slice(0, 500)))
      .all()
      .map((e) => [e.id, e.name]),
  );
}

