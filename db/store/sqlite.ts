/**
 * The data-access interface on SQLite: the synchronous better-sqlite3 functions behind promises.
 * Each write is still one IMMEDIATE transaction, whole before the promise settles; reads go
 * through the facet index where the functions do.
 */
import type { Db } from '@/db/engine/client';
import { createEvent, deleteEvent, restoreDeletedEvent, restoreEventRevision, updateEvent } from '@/db/mutations/events';
import { getEvent } from '@/db/queries/events';
import { countTimeline, listTimeline } from '@/db/queries/timeline';
import { sqliteAuthStore } from './auth-sqlite';
import type { TrackerStore } from './store';

/** Runs a synchronous call as a promise, so that a throw becomes a rejection as on PostgreSQL. */
const settle = <T>(run: () => T): Promise<T> => new Promise((resolve) => resolve(run()));

export function sqliteStore(db: Db): TrackerStore {
  return {
    engine: 'sqlite',
    events: {
      get: (id, options) => settle(() => getEvent(db, id, options)),
      list: (filters, options) => settle(() => listTimeline(db, filters, options)),
      count: (filters, visibility) => settle(() => countTimeline(db, filters, visibility)),
      create: (input, actor, options) => settle(() => createEvent(db, input, actor, options)),
      update: (id, input, expectedVersion, actor, options) => settle(() => updateEvent(db, id, input, expectedVersion, actor, options)),
      delete: (id, expectedVersion, actor, note) => settle(() => deleteEvent(db, id, expectedVersion, actor, note ?? null)),
      restoreDeleted: (id, expectedVersion, actor) => settle(() => restoreDeletedEvent(db, id, expectedVersion, actor)),
      restoreRevision: (id, revisionId, expectedVersion, actor) => settle(() => restoreEventRevision(db, id, revisionId, expectedVersion, actor)),
    },
    auth: sqliteAuthStore(db),
  };
}
