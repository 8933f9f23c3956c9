/**
 * The data-access interface on PostgreSQL: writes on the primary (db/pg/event-writes.ts), reads on
 * a replica when there are any (db/pg/replicas.ts). A store reads its own writes: after a write it
 * keeps the primary's WAL position, and its later reads go only to a replica that has replayed
 * that far, or else to the primary (decision 0044). Give a store the position a person's last
 * write left (`after`) and their next request reads it too.
 */
import { eventsPageBody } from '@/db/queries/events-page';
import { pgCreateEvent, pgDeleteEvent, pgEventSnapshot, pgRestoreDeletedEvent, pgRestoreEventRevision, pgUpdateEvent } from '@/db/pg/event-writes';
import { pgDensityChart } from '@/db/pg/density';
import { pgCountRecordedSince, pgCountTimeline, pgGetEvent, pgListTimeline } from '@/db/pg/events';
import { pgExportRows } from '@/db/pg/exports';
import { pgSearchEntities, pgSuggestEvents } from '@/db/pg/entity-search';
import {
  pgActorsWithEvents,
  pgCountriesWithEvents,
  pgCreateEntity,
  pgEntityEventCount,
  pgEntityHistory,
  pgGetEntity,
  pgGetEntityFor,
  pgMergeEntities,
  pgMergesOf,
  pgUndoMerge,
  pgUpdateEntity,
} from '@/db/pg/entities';
import {
  pgCreateStandingChange,
  pgDeleteStandingChange,
  pgDyadRelations,
  pgRelationsAsOf,
  pgRelationsBoard,
  pgRelationsExportRows,
  pgRelationsForCountry,
  pgRestoreStandingChange,
  pgRestoreStandingChangeRevision,
  pgStandingChangesCitingEvent,
  pgStandingChangeWithHistory,
  pgUpdateStandingChange,
} from '@/db/pg/standings';
import { pgCountDeletedEvents, pgEventForEditing, pgFormVocabulary, pgListDeletedEvents, pgListDrafts } from '@/db/pg/staff-lists';
import { pgTimelineFacets } from '@/db/pg/facets';
import { pgEntityNames, pgEventHistory, pgEventSnapshotAtVersion, pgEventTitles, pgLatestRevision, pgListRevisions } from '@/db/pg/history';
import { pgResolveFilters } from '@/db/pg/filter-lookups';
import { pgSearchSuggestion } from '@/db/pg/suggestions';
import type { PgDb } from '@/db/pg/connect';
import { lsnToBigInt, type ReplicaSet, type WriteMark } from '@/db/pg/replicas';
import { pgOutbox } from '@/db/pg/outbox';
import { pgAsRecorded, pgFirstRecordedAt } from '@/db/pg/as-recorded';
import { pgChangesSince } from '@/db/pg/changes';
import { pgApplyImport, pgPlanImport } from '@/db/pg/import';
import {
  pgAcceptAllOfVersion,
  pgAcceptProposal,
  pgConfirmMatch,
  pgCreateActorForEntry,
  pgGetListVersion,
  pgImportListVersion,
  pgListEntriesOfActor,
  pgListVersionSummaries,
  pgProposalWithVersion,
  pgRejectProposal,
  pgSuggestActors,
  pgUndoMatch,
  pgVersionProposals,
} from '@/db/pg/lists';
import { AsRecordedTooLargeError, chooseRecord } from '@/db/derived/as-recorded';
import { parseMoment } from '@/lib/history/as-recorded';
import { sqliteStore } from './sqlite';
import { postgresAuthStore } from './auth-postgres';
import { postgresSavedViewStore, postgresWebhookStore } from './saved-views-postgres';
import { conflictLinkIds, everyEvent, type TrackerStore } from './store';

export interface PostgresStore extends TrackerStore {
  readonly engine: 'postgres';
  /** The WAL position of this store's last write (or the one it was given): what its reads wait for. */
  readonly lastWrite: WriteMark | undefined;
}

/** Where a store keeps the WAL position of its last write: its own, or one shared by the stores of a process. */
export interface WriteMarks {
  get(): WriteMark | undefined;
  set(mark: WriteMark): void;
}

/** The later of two WAL positions. */
export function laterMark(a: WriteMark | undefined, b: WriteMark | undefined): WriteMark | undefined {
  if (!a || !b) return a ?? b;
  return lsnToBigInt(a.lsn) >= lsnToBigInt(b.lsn) ? a : b;
}

export interface PostgresStoreOptions {
  /** Read after this write (a position carried from an earlier request). */
  after?: WriteMark;
  /** Where the last write's position is kept (default: in this store). */
  marks?: WriteMarks;
  /** Asked at each read: a position to read after besides the store's own (the request's cookie, decision 0046). */
  readAfter?: () => Promise<WriteMark | undefined>;
}

export function postgresStore(set: ReplicaSet, options: PostgresStoreOptions = {}): PostgresStore {
  let own = options.after;
  const marks: WriteMarks = options.marks ?? { get: () => own, set: (mark) => (own = laterMark(own, mark)) };
  if (options.after && options.marks && !options.marks.get()) options.marks.set(options.after);
  const primary = set.primary.db;
  const readAfter = async () => laterMark(marks.get(), await options.readAfter?.());
  const read = async <T>(fn: (db: PgDb) => Promise<T>): Promise<T> => (await set.read(fn, { after: await readAfter() })).value;
  // A stream of batches reads from one server: the first that answers the first batch (a replica
  // that has replayed this store's last write, or the primary) serves the rest.
  async function* readBatches<T>(open: (db: PgDb) => AsyncGenerator<T, void, undefined>): AsyncGenerator<T, void, undefined> {
    const { value: started } = await set.read(
      async (db) => {
        const batches = open(db);
        return { batches, first: await batches.next() };
      },
      { after: await readAfter() },
    );
    if (started.first.done) return;
    yield started.first.value;
    yield* started.batches;
  }
  const write = async <T>(run: () => Promise<T>): Promise<T> => {
    const value = await run();
    marks.set(await set.currentMark());
    return value;
  };
  const store: PostgresStore = {
    engine: 'postgres',
    get lastWrite() {
      return marks.get();
    },
    events: {
      get: (id, getOptions) => read((db) => pgGetEvent(db, id, getOptions)),
      list: (filters, listOptions) => read((db) => pgListTimeline(db, filters, listOptions)),
      count: (filters, visibility) => read((db) => pgCountTimeline(db, filters, visibility)),
      create: (input, actor, createOptions) => write(() => pgCreateEvent(primary, input, actor, createOptions)),
      update: (id, input, expectedVersion, actor, updateOptions) => write(() => pgUpdateEvent(primary, id, input, expectedVersion, actor, updateOptions)),
      delete: (id, expectedVersion, actor, note) => write(() => pgDeleteEvent(primary, id, expectedVersion, actor, note ?? null)),
      restoreDeleted: (id, expectedVersion, actor) => write(() => pgRestoreDeletedEvent(primary, id, expectedVersion, actor)),
      restoreRevision: (id, revisionId, expectedVersion, actor) => write(() => pgRestoreEventRevision(primary, id, revisionId, expectedVersion, actor)),
      history: (id) => read((db) => pgEventHistory(db, id)),
      revisions: (id) => read((db) => pgListRevisions(db, 'event', id)),
      titles: (ids) => read((db) => pgEventTitles(db, ids)),
      drafts: (limit) => read((db) => pgListDrafts(db, limit)),
      deleted: (limit) => read(async (db) => ({ items: await pgListDeletedEvents(db, limit), total: await pgCountDeletedEvents(db) })),
      // On the primary: an editor opens the form to change what is stored now.
      forEditing: (id) => pgEventForEditing(primary, id),
      vocabulary: () => read((db) => pgFormVocabulary(db)),
      // On the primary: the conflict is with what is stored now, which a replica may not have yet.
      async conflictContext(id, startedFrom, mine) {
        const [theirs, base, latest, actorNames] = await Promise.all([
          pgEventSnapshot(primary, id),
          pgEventSnapshotAtVersion(primary, id, startedFrom),
          pgLatestRevision(primary, 'event', id),
          pgEntityNames(primary, mine.actorIds),
        ]);
        return { theirs, base, latest, actorNames, eventTitle: await pgEventTitles(primary, conflictLinkIds(theirs, base, mine)) };
      },
    },
    timeline: {
      resolve: (parsed, viewer) => read((db) => pgResolveFilters(db, parsed, viewer)),
      view: (filters, viewOptions) =>
        read(async (db) => {
          const visibility = { includeDrafts: viewOptions.includeDrafts };
          const [page, total, chart, facets] = await Promise.all([
            pgListTimeline(db, filters, { ...visibility, position: viewOptions.position, limit: viewOptions.limit }),
            pgCountTimeline(db, filters, visibility),
            pgDensityChart(db, filters, visibility),
            viewOptions.withFacets ? pgTimelineFacets(db, filters, visibility) : null,
          ]);
          return { page, total, chart, facets, suggestion: total === 0 ? await pgSearchSuggestion(db, filters, visibility) : null };
        }),
      pageJson: (filters, pageOptions) =>
        read(async (db) => {
          const visibility = { includeDrafts: pageOptions.includeDrafts };
          const [page, total] = await Promise.all([
            pgListTimeline(db, filters, { ...visibility, position: pageOptions.position, limit: pageOptions.limit }),
            pgCountTimeline(db, filters, visibility),
          ]);
          return eventsPageBody({ ...page, total });
        }),
      countRecordedSince: (since, filters, visibility) => read((db) => pgCountRecordedSince(db, since, filters, visibility)),
      changes: (since, until, filters, visibility) => read((db) => pgChangesSince(set, db, since, until, filters, visibility)),
      firstRecordedAt: () => read((db) => pgFirstRecordedAt(db)),
    },
    exports: {
      rows: (filters, visibility) => readBatches((db) => pgExportRows(db, filters, visibility)),
      summaries: (filters, visibility) => everyEvent(store.events, filters, visibility),
      newest: (filters, visibility, limit) => read(async (db) => (await pgListTimeline(db, { ...filters, sort: 'date' }, { ...visibility, limit })).items),
    },
    entities: {
      get: (id) => read((db) => pgGetEntity(db, id)),
      getFor: (id, visibility) => read((db) => pgGetEntityFor(db, id, visibility)),
      eventCount: (id) => read((db) => pgEntityEventCount(db, id)),
      countries: () => read((db) => pgCountriesWithEvents(db)),
      actors: (page) => read((db) => pgActorsWithEvents(db, page)),
      history: (id) => read((db) => pgEntityHistory(db, id)),
      merges: (id) => read((db) => pgMergesOf(db, id)),
      // On the primary: the conflict view names whoever changed the actor last, which a replica may not know yet.
      latestChange: (id) => pgLatestRevision(primary, 'entity', id),
      create: (input, actor, createOptions) => write(() => pgCreateEntity(primary, input, actor, createOptions)),
      update: (id, input, expectedVersion, actor, updateOptions) => write(() => pgUpdateEntity(primary, id, input, expectedVersion, actor, updateOptions)),
      merge: (params, actor) => write(() => pgMergeEntities(primary, params, actor)),
      undoMerge: (mergeId, actor) => write(() => pgUndoMerge(primary, mergeId, actor)),
    },
    relations: {
      board: (boardOptions) => read((db) => pgRelationsBoard(db, boardOptions)),
      asOf: (asOfOptions) => read((db) => pgRelationsAsOf(db, asOfOptions)),
      forCountry: (code, asOf, countryOptions) => read((db) => pgRelationsForCountry(db, code, asOf, countryOptions)),
      exportRows: (exportOptions) => read((db) => pgRelationsExportRows(db, exportOptions)),
      dyad: (dyadOptions) => read((db) => pgDyadRelations(db, dyadOptions)),
      citing: (eventId, citingOptions) => read((db) => pgStandingChangesCitingEvent(db, eventId, citingOptions)),
      withHistory: (id) => read((db) => pgStandingChangeWithHistory(db, id)),
      // On the primary, as for actors: the conflict view names whoever changed it last.
      latestChange: (id) => pgLatestRevision(primary, 'standing_change', id),
      create: (raw, actor) => write(() => pgCreateStandingChange(primary, raw, actor)),
      update: (id, raw, expectedVersion, actor) => write(() => pgUpdateStandingChange(primary, id, raw, expectedVersion, actor)),
      delete: (id, expectedVersion, actor, note) => write(() => pgDeleteStandingChange(primary, id, expectedVersion, actor, note ?? null)),
      restoreDeleted: (id, expectedVersion, actor) => write(() => pgRestoreStandingChange(primary, id, expectedVersion, actor)),
      restoreRevision: (id, revisionId, expectedVersion, actor) => write(() => pgRestoreStandingChangeRevision(primary, id, revisionId, expectedVersion, actor)),
    },
    lists: {
      versions: () => read((db) => pgListVersionSummaries(db)),
      version: (id) => read((db) => pgGetListVersion(db, id)),
      proposals: (version) => read((db) => pgVersionProposals(db, version)),
      // On the primary: what a staff action is about to decide, as stored now.
      proposal: (id) => pgProposalWithVersion(primary, id),
      suggestions: (entry, limit) => pgSuggestActors(primary, entry, limit),
      entriesOfActor: (entityId) => read((db) => pgListEntriesOfActor(db, entityId)),
      import: (importOptions) => write(() => pgImportListVersion(primary, importOptions)),
      accept: (id, actor, acceptOptions) => write(() => pgAcceptProposal(primary, id, actor, acceptOptions)),
      reject: (id, actor) => write(() => pgRejectProposal(primary, id, actor)),
      acceptAll: (versionId, actor) => write(() => pgAcceptAllOfVersion(primary, versionId, actor)),
      confirmMatch: (input, actor) => write(() => pgConfirmMatch(primary, input, actor)),
      createActorForEntry: (source, entry, actor) => write(() => pgCreateActorForEntry(primary, source, entry, actor)),
      undoMatch: (matchId, actor) => write(() => pgUndoMatch(primary, matchId, actor)),
    },
    imports: {
      // On the primary: the commit checks the state the dry run saw, which a replica may lag behind.
      plan: (rows, fileName, ignoredColumns) => pgPlanImport(set, primary, rows, fileName, ignoredColumns),
      commit: (rows, fileName, expectedDigest, actor, ignoredColumns) => write(() => pgApplyImport(set, primary, rows, fileName, expectedDigest, actor, ignoredColumns)),
    },
    suggest: {
      entities: (text, limit, visibility) => read((db) => pgSearchEntities(db, text, limit, visibility)),
      events: (query, suggestOptions) => read((db) => pgSuggestEvents(db, query, suggestOptions)),
    },
    auth: postgresAuthStore(primary),
    // On the primary: a delivery's state is what several servers' dispatchers agree on.
    outbox: pgOutbox(primary),
    savedViews: postgresSavedViewStore(primary),
    webhooks: postgresWebhookStore(primary),
    async recordFor(filters) {
      if (!filters.asRecorded) return { store, filters, issues: [], asRecorded: null };
      // The past rebuilt from PostgreSQL's history into an in-memory SQLite record (db/pg/as-recorded.ts), read through SQLite's store.
      const { first, built } = await read(async (db) => {
        const firstAt = await pgFirstRecordedAt(db);
        const moment = parseMoment(filters.asRecorded!, { name: 'as_recorded', earliest: firstAt ?? Date.now() });
        if (!moment.ok) return { first: firstAt, built: null };
        try {
          return { first: firstAt, built: await pgAsRecorded(set, db, moment.at) };
        } catch (err) {
          if (err instanceof AsRecordedTooLargeError) return { first: firstAt, built: err };
          throw err;
        }
      });
      const chosen = chooseRecord(filters, first, () => {
        if (built instanceof Error) throw built;
        return built!;
      });
      return { store: chosen.built ? sqliteStore(chosen.built.connection) : store, filters: chosen.filters, issues: chosen.issues, asRecorded: chosen.asRecorded };
    },
  };
  return store;
}

