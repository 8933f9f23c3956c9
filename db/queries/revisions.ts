/**
 * History as staff read it: each revision with the fields that changed since the one before, for
 * the event page and an actor's history page. Revisions hold full snapshots, so a difference is a
 * comparison of two neighbouring rows, and any version can be shown or restored on its own.
 */
import { and, asc, desc, eq, getTableColumns, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import type { EntitySnapshot, EventSnapshot } from '@/db/mutations/revisions';
import { entities, entityMerges, events, revisions, type EntityMergeRow, type RevisionRow } from '../schema';
import { revisionAuthorName } from './staff-names';
import { diffEntityContent, entityContent } from '@/lib/entity-content';
import { contentFromSnapshot, diffEventContent, type FieldChange } from '@/lib/event-content';
import type { RevisionRecordType } from '@/lib/vocabulary';

/** One version in a record's history, with what it changed. */
export type HistoryEntry = Pick<RevisionRow, 'id' | 'action' | 'version' | 'actor' | 'createdAt' | 'note'> & { changes: FieldChange[] };

export interface EventHistoryEntry extends HistoryEntry {
  /** This version's content differs from the current one and can be brought back. */
  restorable: boolean;
}

/** A record's revisions, oldest first, snapshots included. */
function revisionRows(db: DbOrTx, recordType: RevisionRecordType, id: number): RevisionRow[] {
  return db
    .select({ ...getTableColumns(revisions), actor: revisionAuthorName() })
    .from(revisions)
    .where(and(eq(revisions.recordType, recordType), eq(revisions.recordId, id)))
    .orderBy(asc(revisions.id))
    .all();
}

export function entryOf({ id, action, version, actor, createdAt, note }: RevisionRow): Omit<HistoryEntry, 'changes'> {
  return { id, action, version, actor, createdAt, note };
}

/** Current titles of events, for showing links in diffs ("Event #12" when gone). */
export function eventTitles(db: DbOrTx, ids: Iterable<number>): (id: number) => string {
  const list = [...new Set(ids)];
  const titles = new Map<number, string>();
  for (let i = 0; i < list.length; i += 500) {
    for (const row of db
      .select({ id: events.id, title: events.title })
      .from(events)
      .where(inArray(events.id, list.slice(i, i + 500)))
      .all()) {
      titles.set(row.id, row.title);
    }
  }
  return (id) => titles.get(id) ?? `Event #${id}`;
}

/** The events a history's versions link to, whose titles its differences show. */
export function linkedEventIds(rows: readonly Pick<RevisionRow, 'snapshot'>[]): number[] {
  return rows.flatMap((r) => (r.snapshot as EventSnapshot).links.map((l) => l.toEventId));
}

/** The event's history, newest first, each entry with its field-by-field differences. */
export function getEventHistory(db: DbOrTx, id: number): EventHistoryEntry[] {
  const rows = revisionRows(db, 'event', id);
  return eventHistoryOf(rows, eventTitles(db, linkedEventIds(rows)));
}

/** An event's revisions (oldest first) as its history: both engines' rule, given the linked events' titles. */
export function eventHistoryOf(rows: readonly RevisionRow[], eventTitle: (id: number) => string): EventHistoryEntry[] {
  const contents = rows.map((r) => contentFromSnapshot(r.snapshot as EventSnapshot));
  const ctx = { eventTitle };
  const latest = contents[contents.length - 1];
  const entries = rows.map((row, i) => {
    const changes = diffEventContent(i === 0 ? null : contents[i - 1]!, contents[i]!, ctx);
    const differsFromCurrent = latest ? diffEventContent(latest, contents[i]!, ctx).length > 0 : false;
    return { ...entryOf(row), changes, restorable: row.action !== 'delete' && differsFromCurrent };
  });
  return entries.reverse();
}

/** The snapshot saved at one version of an event (what an edit started from), if recorded. */
export function getEventSnapshotAtVersion(db: DbOrTx, id: number, version: number): EventSnapshot | null {
  const row = db
    .select({ snapshot: revisions.snapshot })
    .from(revisions)
    .where(and(eq(revisions.recordType, 'event'), eq(revisions.recordId, id), eq(revisions.version, version)))
    .orderBy(desc(revisions.id))
    .get();
  return row ? (row.snapshot as EventSnapshot) : null;
}

/** Who made the latest change, and when: for the conflict view. */
export function getLatestRevision(db: DbOrTx, recordType: RevisionRecordType, id: number) {
  return (
    db
      .select({ id: revisions.id, version: revisions.version, actor: revisionAuthorName(), createdAt: revisions.createdAt, action: revisions.action })
      .from(revisions)
      .where(and(eq(revisions.recordType, recordType), eq(revisions.recordId, id)))
      .orderBy(desc(revisions.id))
      .get() ?? null
  );
}

export interface MergeView {
  id: number;
  survivorId: number;
  survivorName: string;
  mergedId: number;
  mergedName: string;
  createdAt: string;
  undoneAt: string | null;
  movedCount: number;
  /** Still the merged actor's current state: undo is possible. */
  undoable: boolean;
}

export function listMergesOf(db: DbOrTx, entityId: number): MergeView[] {
  const rows = db
    .select()
    .from(entityMerges)
    .where(or(eq(entityMerges.survivorId, entityId), eq(entityMerges.mergedId, entityId)))
    .orderBy(desc(entityMerges.id))
    .all();
  const ids = [...new Set(rows.flatMap((r) => [r.survivorId, r.mergedId]))];
  const info = new Map(
    ids.length === 0
      ? []
      : db
          .select({ id: entities.id, name: entities.name, mergedIntoId: entities.mergedIntoId })
          .from(entities)
          .where(inArray(entities.id, ids))
          .all()
          .map((e) => [e.id, e]),
  );
  return mergeViewsOf(rows, info);
}

/** Merges as the history shows them, given the actors' names and where each is merged now: both engines' rule. */
export function mergeViewsOf(rows: readonly EntityMergeRow[], info: Map<number, { name: string; mergedIntoId: number | null }>): MergeView[] {
  return rows.map((r) => ({
    id: r.id,
    survivorId: r.survivorId,
    survivorName: info.get(r.survivorId)?.name ?? `Actor #${r.survivorId}`,
    mergedId: r.mergedId,
    mergedName: info.get(r.mergedId)?.name ?? `Actor #${r.mergedId}`,
    createdAt: r.createdAt,
    undoneAt: r.undoneAt,
    movedCount: new Set([...r.moved, ...r.dropped].map((l) => l.eventId)).size,
    undoable: !r.undoneAt && info.get(r.mergedId)?.mergedIntoId === r.survivorId && !info.get(r.survivorId)?.mergedIntoId,
  }));
}

/** An actor's history, newest first, with differences. */
export function getEntityHistory(db: DbOrTx, id: number): HistoryEntry[] {
  const rows = revisionRows(db, 'entity', id);
  const mergedInto = mergedIntoIds(rows);
  const names = new Map(
    mergedInto.length === 0
      ? []
      : db
          .select({ id: entities.id, name: entities.name })
          .from(entities)
          .where(inArray(entities.id, mergedInto))
          .all()
          .map((e) => [e.id, e.name]),
  );
  return entityHistoryOf(rows, names);
}

/** The actors an actor's versions say it was merged into (their names are shown). */
export function mergedIntoIds(rows: readonly RevisionRow[]): number[] {
  return [...new Set(rows.map((r) => (r.snapshot as EntitySnapshot).mergedIntoId).filter((x): x is number => x !== null))];
}

/** An actor's revisions (oldest first) as its history, newest first: both engines' rule, given the names of `mergedIntoIds`. */
export function entityHistoryOf(rows: readonly RevisionRow[], names: Map<number, string>): HistoryEntry[] {
  const contents = rows.map((r) => entityContent(r.snapshot as EntitySnapshot));
  const name = (entityId: number) => names.get(entityId) ?? `Actor #${entityId}`;
  return rows
    .map((row, i) => ({ ...entryOf(row), changes: diffEntityContent(i === 0 ? null : contents[i - 1]!, contents[i]!, name) }))
    .reverse();
}
