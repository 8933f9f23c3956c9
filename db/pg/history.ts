/**
 * An event's history on PostgreSQL: the twins of db/queries/revisions.ts's reads (the history with
 * its differences, the list of versions, one version's snapshot, the latest change) and of the
 * names and titles a history or a conflict shows. The rules are SQLite's own (`eventHistoryOf`).
 */
import { and, asc, desc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { EventSnapshot } from '@/db/mutations/revisions';
import { chunks, type RevisionListItem } from '@/db/queries/events';
import { eventHistoryOf, linkedEventIds, type EventHistoryEntry } from '@/db/queries/revisions';
import { revisionAuthorName } from '@/db/queries/staff-names';
import type { RevisionRow } from '@/db/schema';
import type { RevisionRecordType } from '@/lib/vocabulary';
import type { PgDb } from './connect';
import { entities, events, revisions } from './schema';

const forRecord = (recordType: RevisionRecordType, id: number) => and(eq(revisions.recordType, recordType), eq(revisions.recordId, id));

/** Current titles of events, for links in differences ("Event #12" when gone): `eventTitles`' twin. */
export async function pgEventTitles(db: PgDb, ids: Iterable<number>): Promise<(id: number) => string> {
  const titles = new Map<number, string>();
  for (const part of chunks([...new Set(ids)])) {
    for (const row of await db.select({ id: events.id, title: events.title }).from(events).where(inArray(events.id, part))) titles.set(row.id, row.title);
  }
  return (id) => titles.get(id) ?? `Event #${id}`;
}

/** `getEventHistory`'s twin: newest first, each entry with what it changed. */
export async function pgEventHistory(db: PgDb, id: number): Promise<EventHistoryEntry[]> {
  const rows = (await db
    .select({ ...getTableColumns(revisions), actor: revisionAuthorName() })
    .from(revisions)
    .where(forRecord('event', id))
    .orderBy(asc(revisions.id))) as RevisionRow[];
  return eventHistoryOf(rows, await pgEventTitles(db, linkedEventIds(rows)));
}

/** `listRevisions`' twin: newest first, without snapshots. */
export async function pgListRevisions(db: PgDb, recordType: 'event' | 'entity', recordId: number): Promise<RevisionListItem[]> {
  const { id, action, version, actor, userId, createdAt, note } = getTableColumns(revisions);
  return db.select({ id, action, version, actor, userId, createdAt, note }).from(revisions).where(forRecord(recordType, recordId)).orderBy(desc(revisions.id));
}

/** `getEventSnapshotAtVersion`'s twin. */
export async function pgEventSnapshotAtVersion(db: PgDb, id: number, version: number): Promise<EventSnapshot | null> {
  const [row] = await db
    .select({ snapshot: revisions.snapshot })
    .from(revisions)
    .where(and(forRecord('event', id), eq(revisions.version, version)))
    .orderBy(desc(revisions.id))
    .limit(1);
  return row ? (row.snapshot as EventSnapshot) : null;
}

/** `getLatestRevision`'s twin: who made the latest change, and when. */
export async function pgLatestRevision(db: PgDb, recordType: RevisionRecordType, id: number) {
  const [row] = await db
    .select({ id: revisions.id, version: revisions.version, actor: revisionAuthorName(), createdAt: revisions.createdAt, action: revisions.action })
    .from(revisions)
    .where(forRecord(recordType, id))
    .orderBy(desc(revisions.id))
    .limit(1);
  return row ?? null;
}

/** `entityNames`' twin: the names of up to 500 actors. */
export async function pgEntityNames(db: PgDb, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: entities.id, name: entities.name }).from(entities).where(inArray(entities.id, ids.slice(0, 500)));
  return new Map(rows.map((e) => [e.id, e.name]));
}
