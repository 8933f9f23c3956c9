/**
 * The data-access interface on SQLite: the synchronous better-sqlite3 functions behind promises.
 * Each write is still one IMMEDIATE transaction, whole before the promise settles; reads go
 * through the facet index and the read caches of the current database state where the functions
 * do, and a view waits for the facet index only when the SQL would be slow without it.
 */
import { firstRecordedAt, recordForFilters } from '@/db/derived/as-recorded';
import type { Connection } from '@/db/engine/client';
import { createEvent, deleteEvent, restoreDeletedEvent, restoreEventRevision, updateEvent } from '@/db/mutations/events';
import { eventSnapshot } from '@/db/mutations/revisions';
import { getEvent, listRevisions } from '@/db/queries/events';
import { eventTitles, getEventHistory, getEventSnapshotAtVersion, getLatestRevision } from '@/db/queries/revisions';
import { entityNames } from '@/db/queries/suggest';
import { eventsPageJson } from '@/db/queries/events-page';
import { resolveFilters } from '@/db/queries/filter-lookups';
import { countTimeline, listTimeline, untilViewAnswers } from '@/db/queries/timeline';
import { changesSince, countRecordedSince } from '@/db/queries/changes';
import { searchEntities } from '@/db/queries/entity-search';
import { exportRows } from '@/db/queries/export';
import { formVocabulary, suggestEvents } from '@/db/queries/suggest';
import { countDeletedEvents, listDeletedEvents, listDrafts } from '@/db/queries/staff-lists';
import { getEventForEditing } from '@/db/queries/event-form';
import { importListVersion } from '@/db/lists/import';
import { applyImportAsync, planImportAsync } from '@/db/import/import';
import { confirmMatch, createActorForEntry, listEntriesOfActor, suggestActors, undoMatch } from '@/db/lists/matching';
import { getListVersion, listVersionSummaries, proposalWithVersion, versionProposals } from '@/db/lists/queries';
import { acceptAllOfVersion, acceptProposal, rejectProposal } from '@/db/lists/review';
import { createEntity, mergeEntities, undoMerge, updateEntity } from '@/db/mutations/entities';
import { actorsWithEvents, countriesWithEvents } from '@/db/queries/directory';
import { getEntity, getEntityFor } from '@/db/queries/entities';
import { entityEventCount } from '@/db/queries/entity-staff';
import { getEntityHistory, listMergesOf } from '@/db/queries/revisions';
import {
  dyadRelations,
  relationsAsOf,
  relationsBoard,
  relationsExportRows,
  relationsForCountry,
  standingChangesCitingEvent,
  standingChangeWithHistory,
} from '@/db/queries/relations';
import {
  createStandingChange,
  deleteStandingChange,
  restoreStandingChange,
  restoreStandingChangeRevision,
  updateStandingChange,
} from '@/db/mutations/standings';
import { cachedTimelineView } from '@/db/queries/timeline-view';
import { sqliteAuthStore } from './auth-sqlite';
import { sqliteOutboxStore } from './outbox-sqlite';
import { sqliteSavedViewStore, sqliteWebhookStore } from './saved-views-sqlite';
import { settle } from './settle';
import { conflictLinkIds, everyEvent, type TrackerStore } from './store';

export function sqliteStore(connection: Connection): TrackerStore {
  const { db } = connection;
  const store: TrackerStore = {
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
      history: (id) => settle(() => getEventHistory(db, id)),
      revisions: (id) => settle(() => listRevisions(db, 'event', id)),
      titles: (ids) => settle(() => eventTitles(db, ids)),
      drafts: (limit) => settle(() => listDrafts(db, limit)),
      deleted: (limit) => settle(() => ({ items: listDeletedEvents(db, limit), total: countDeletedEvents(db) })),
      forEditing: (id) => settle(() => getEventForEditing(db, id)),
      vocabulary: () => settle(() => formVocabulary(db)),
      conflictContext: (id, startedFrom, mine) =>
        settle(() => {
          const theirs = eventSnapshot(db, id);
          const base = getEventSnapshotAtVersion(db, id, startedFrom);
          const latest = getLatestRevision(db, 'event', id);
          return { theirs, base, latest, actorNames: entityNames(db, mine.actorIds), eventTitle: eventTitles(db, conflictLinkIds(theirs, base, mine)) };
        }),
    },
    timeline: {
      resolve: (parsed, viewer) => settle(() => resolveFilters(db, parsed, viewer)),
      async view(filters, options) {
        await untilViewAnswers(db, filters, options);
        return cachedTimelineView(connection, filters, options).view;
      },
      async pageJson(filters, options) {
        await untilViewAnswers(db, filters, options);
        return eventsPageJson(connection, filters, options).body;
      },
      countRecordedSince: (since, filters, visibility) => settle(() => countRecordedSince(db, since, filters, visibility)),
      changes: (since, until, filters, visibility) => settle(() => changesSince(connection, since, until, filters, visibility)),
      firstRecordedAt: () => settle(() => firstRecordedAt(db)),
    },
    exports: {
      rows: (filters, visibility) => batchesOf(exportRows(db, filters, visibility)),
      summaries: (filters, visibility) => everyEvent(store.events, filters, visibility),
      async newest(filters, visibility, limit) {
        const byDate = { ...filters, sort: 'date' as const };
        await untilViewAnswers(db, byDate, visibility);
        return listTimeline(db, byDate, { ...visibility, limit }).items;
      },
    },
    entities: {
      get: (id) => settle(() => getEntity(db, id)),
      getFor: (id, visibility) => settle(() => getEntityFor(db, id, visibility)),
      eventCount: (id) => settle(() => entityEventCount(db, id)),
      countries: () => settle(() => countriesWithEvents(db)),
      actors: (page) => settle(() => actorsWithEvents(db, page)),
      history: (id) => settle(() => getEntityHistory(db, id)),
      merges: (id) => settle(() => listMergesOf(db, id)),
      latestChange: (id) => settle(() => getLatestRevision(db, 'entity', id)),
      create: (input, actor, options) => settle(() => createEntity(db, input, actor, options)),
      update: (id, input, expectedVersion, actor, options) => settle(() => updateEntity(db, id, input, expectedVersion, actor, options)),
      merge: (params, actor) => settle(() => mergeEntities(db, params, actor)),
      undoMerge: (mergeId, actor) => settle(() => undoMerge(db, mergeId, actor)),
    },
    relations: {
      board: (options, read) => settle(() => relationsBoard(db, options, read)),
      asOf: (options, read) => settle(() => relationsAsOf(db, options, read)),
      forCountry: (code, asOf, options) => settle(() => relationsForCountry(db, code, asOf, options)),
      exportRows: (options) => settle(() => relationsExportRows(db, options)),
      dyad: (options) => settle(() => dyadRelations(db, options)),
      citing: (eventId, options) => settle(() => standingChangesCitingEvent(db, eventId, options)),
      withHistory: (id) => settle(() => standingChangeWithHistory(db, id)),
      latestChange: (id) => settle(() => getLatestRevision(db, 'standing_change', id)),
      create: (raw, actor) => settle(() => createStandingChange(db, raw, actor)),
      update: (id, raw, expectedVersion, actor) => settle(() => updateStandingChange(db, id, raw, expectedVersion, actor)),
      delete: (id, expectedVersion, actor, note) => settle(() => deleteStandingChange(db, id, expectedVersion, actor, note ?? null)),
      restoreDeleted: (id, expectedVersion, actor) => settle(() => restoreStandingChange(db, id, expectedVersion, actor)),
      restoreRevision: (id, revisionId, expectedVersion, actor) => settle(() => restoreStandingChangeRevision(db, id, revisionId, expectedVersion, actor)),
    },
    lists: {
      versions: () => settle(() => listVersionSummaries(db)),
      version: (id) => settle(() => getListVersion(db, id)),
      proposals: (version) => settle(() => versionProposals(db, version)),
      proposal: (id) => settle(() => proposalWithVersion(db, id)),
      suggestions: (entry, limit) => settle(() => suggestActors(db, entry, limit)),
      entriesOfActor: (entityId) => settle(() => listEntriesOfActor(db, entityId)),
      import: (options) => importListVersion(db, options),
      accept: (id, actor, options) => settle(() => acceptProposal(db, id, actor, options)),
      reject: (id, actor) => settle(() => rejectProposal(db, id, actor)),
      acceptAll: (versionId, actor) => settle(() => acceptAllOfVersion(db, versionId, actor)),
      confirmMatch: (input, actor) => settle(() => confirmMatch(db, input, actor)),
      createActorForEntry: (source, entry, actor) => settle(() => createActorForEntry(db, source, entry, actor)),
      undoMatch: (matchId, actor) => settle(() => undoMatch(db, matchId, actor)),
    },
    imports: {
      plan: (rows, fileName, ignoredColumns) => planImportAsync(db, rows, fileName, ignoredColumns),
      commit: (rows, fileName, expectedDigest, actor, ignoredColumns) => applyImportAsync(db, rows, fileName, expectedDigest, actor, ignoredColumns),
    },
    suggest: {
      entities: (text, limit, visibility) => settle(() => searchEntities(db, text, limit, visibility)),
      events: (query, options) => settle(() => suggestEvents(db, query, options)),
    },
    auth: sqliteAuthStore(db),
    outbox: sqliteOutboxStore(db),
    savedViews: sqliteSavedViewStore(db),
    webhooks: sqliteWebhookStore(db),
    async recordFor(filters) {
      const record = recordForFilters(connection, filters);
      return { store: record.connection === connection ? store : sqliteStore(record.connection), filters: record.filters, issues: record.issues, asRecorded: record.asRecorded };
    },
  };
  return store;
}

/** A synchronous generator's batches, one per turn: each batch is one complete query, so the connection is free between them. */
async function* batchesOf<T>(batches: Generator<T, void, undefined>): AsyncGenerator<T, void, undefined> {
  try {
    for (const batch of batches) yield batch;
  } finally {
    batches.return();
  }
}
