/**
 * Staff reads on PostgreSQL: the twins of db/queries/staff-lists.ts (drafts, deleted events),
 * db/queries/event-form.ts (the edit form's starting point) and db/queries/suggest.ts
 * `formVocabulary` (values already in use), ordered as SQLite orders them.
 */
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { editingFrom, linkIdsOf, type EventForEditing } from '@/db/queries/event-form';
import { revisionAuthor, type DeletedEvent, type DraftListItem } from '@/db/queries/staff-lists';
import type { FormVocabulary } from '@/db/queries/suggest';
import type { PgDb } from './connect';
import { pgEventSnapshot } from './event-writes';
import { pgEventTitles } from './history';
import { events, eventTags, tags } from './schema';

const LISTED_COLUMNS = { id: events.id, title: events.title, type: events.type, date: events.date, datePrecision: events.datePrecision };

export async function pgListDrafts(db: PgDb, limit = 200): Promise<DraftListItem[]> {
  return db
    .select({ ...LISTED_COLUMNS, updatedAt: events.updatedAt, updatedBy: revisionAuthor() })
    .from(events)
    .where(and(eq(events.status, 'draft'), isNull(events.deletedAt)))
    .orderBy(desc(events.updatedAt), desc(events.id))
    .limit(limit);
}

export async function pgListDeletedEvents(db: PgDb, limit = 200): Promise<DeletedEvent[]> {
  return db
    .select({ ...LISTED_COLUMNS, status: events.status, version: events.version, deletedAt: sql<string>`${events.deletedAt}`, deletedBy: revisionAuthor('delete') })
    .from(events)
    .where(isNotNull(events.deletedAt))
    .orderBy(desc(events.deletedAt), desc(events.id))
    .limit(limit);
}

export async function pgCountDeletedEvents(db: PgDb): Promise<number> {
  const [row] = await db.select({ n: sql<string>`count(*)` }).from(events).where(isNotNull(events.deletedAt));
  return Number(row?.n ?? 0);
}

export async function pgEventForEditing(db: PgDb, id: number): Promise<EventForEditing | null> {
  const [found] = await db.select({ id: events.id }).from(events).where(eq(events.id, id));
  if (!found) return null;
  const snapshot = await pgEventSnapshot(db, id);
  return editingFrom(snapshot, await pgEventTitles(db, linkIdsOf(snapshot)));
}

export async function pgFormVocabulary(db: PgDb): Promise<FormVocabulary> {
  const used = async (column: typeof events.legalAuthority | typeof events.program) =>
    (
      await db
        .select({ value: column, n: sql<string>`count(*)` })
        .from(events)
        .where(and(isNotNull(column), isNull(events.deletedAt)))
        .groupBy(column)
        .orderBy(desc(sql`count(*)`), sql`${column} COLLATE "C"`)
        .limit(300)
    ).map((r) => r.value!);
  const tagRows = await db
    .select({ label: tags.label })
    .from(tags)
    .leftJoin(eventTags, eq(eventTags.tagId, tags.id))
    .groupBy(tags.id)
    .orderBy(desc(sql`count(${eventTags.eventId})`), sql`${tags.label} COLLATE "C"`)
    .limit(500);
  return { legalAuthorities: await used(events.legalAuthority), programs: await used(events.program), tags: tagRows.map((t) => t.label) };
}
