/**
 * Suggestions for the staff forms: events to pick by title, and values already in use (legal
 * authorities, programs, tags) so the same authority is not typed five different ways. Actors are
 * found by the one actor search (entity-search.ts). Staff-only reads: drafts are included, deleted
 * events and merged actors are not.
 */
import { and, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { entities, events, eventTags, tags } from '../schema';
import type { EventStatus } from '@/lib/vocabulary';
import type { DatePrecision } from '@/lib/dates';

export const MAX_SUGGEST_QUERY = 100;

export interface EventSuggestion {
  id: number;
  title: string;
  date: string;
  datePrecision: DatePrecision;
  status: EventStatus;
}

/** Events to link to: by title, or by number ("12", "#12"); newest first. */
export function suggestEvents(db: DbOrTx, query: string, options: { exclude?: number | null; limit?: number } = {}): EventSuggestion[] {
  const q = query.trim().slice(0, MAX_SUGGEST_QUERY);
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

