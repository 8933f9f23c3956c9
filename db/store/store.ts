/**
 * The data-access interface (issue 16): what the app asks of the database, asynchronous, with one
 * implementation per engine (./sqlite.ts, ./postgres.ts). Code above `db/` that goes through a
 * store does not know which engine answers; ./store.test.ts runs one set of behaviour tests
 * against both. The events aggregate is the first part behind it; the rest of the app still calls
 * the SQLite functions directly until it moves here (decision 0045).
 */
import type { BetterAuthOptions } from 'better-auth';
import type { CreateEventOptions, UpdateEventOptions, UpdateResult } from '@/db/mutations/events';
import type { CreateUserOptions } from '@/db/mutations/users';
import type { ChangeActor, EventSnapshot } from '@/db/mutations/revisions';
import type { EventDetail, EventsPage, EventSummary, GetEventOptions, RevisionListItem, Visibility } from '@/db/queries/events';
import type { EntityMatch } from '@/db/queries/entity-search';
import type { EntityDetail } from '@/db/queries/entities';
import type { ActorEntry, CountryEntry } from '@/db/queries/directory';
import type { HistoryEntry, MergeView } from '@/db/queries/revisions';
import type { EntityWriteOptions, MergeParams } from '@/db/mutations/entities';
import type { EntityInput } from '@/lib/validation/entity';
import type { StandingWriteResult } from '@/db/mutations/standings';
import type {
  BoardOptions,
  BoardRow,
  CountryRelations,
  ReadOptions,
  RelationsAsOf,
  RelationsBoard,
  RelationsExport,
  StandingChangeHistoryEntry,
  StandingChangeRecord,
} from '@/db/queries/relations';
import type { ExportRow } from '@/db/queries/export';
import type { EventSuggestion, FormVocabulary } from '@/db/queries/suggest';
import type { ChangesView } from '@/db/queries/changes';
import type { ImportListOptions, ListImportResult } from '@/db/lists/import';
import type { ImportPlan, ImportResult } from '@/db/import/import';
import type { CsvRow } from '@/lib/csv/import';
import type { ActorListEntry, ConfirmMatch, Suggestion } from '@/db/lists/matching';
import type { ProposalView, VersionSummary } from '@/db/lists/queries';
import type { AcceptAllResult, AcceptOptions } from '@/db/lists/review';
import type { ListMatchRow, ListProposalRow, ListVersionRow, SavedViewRow, WebhookDestinationRow } from '@/db/schema';
import type { ListEntry, ListSource } from '@/lib/lists';
import type { DeletedEvent, DraftListItem } from '@/db/queries/staff-lists';
import type { EventForEditing } from '@/db/queries/event-form';
import type { EventHistoryEntry } from '@/db/queries/revisions';
import type { DeliveryLogItem, SavedViewListItem } from '@/db/queries/saved-views';
import type { UserListItem } from '@/db/queries/users';
import type { WebhookDestinationInput } from '@/lib/validation/saved-view';
import type { EventsPageOptions } from '@/db/queries/events-page';
import type { ResolvedFilters } from '@/db/queries/filter-lookups';
import type { TimelineViewData, TimelineViewOptions } from '@/db/queries/timeline-view';
import type { TimelineQueryOptions } from '@/db/queries/timeline';
import type { FilterIssue, ParsedFilters, TimelineFilters } from '@/lib/filters';
import type { Role } from '@/lib/auth/roles';
import type { EventInput } from '@/lib/validation/event';
import type { NewUserInput } from '@/lib/validation/user';

export type Engine = 'sqlite' | 'postgres';

/** Events: read one, list and count a filtered view, and the staff writes with their history. */
export interface EventStore {
  /** One event with everything its page shows, or null when it does not exist or may not be seen. */
  get(id: number, options?: GetEventOptions): Promise<EventDetail | null>;
  /** One page of the filtered timeline, in the filters' order, with the cursor of the next. */
  list(filters: TimelineFilters, options?: TimelineQueryOptions): Promise<EventsPage>;
  /** How many events the filtered view holds. */
  count(filters: TimelineFilters, visibility?: Visibility): Promise<number>;
  create(input: EventInput, actor: ChangeActor, options?: CreateEventOptions): Promise<{ id: number; version: number }>;
  /** Saves an edit made from `expectedVersion`; a stale one is refused with VersionConflictError and nothing is written. */
  update(id: number, input: EventInput, expectedVersion: number, actor: ChangeActor, options?: UpdateEventOptions): Promise<UpdateResult>;
  /** Soft delete: the event leaves the timeline, the API, search and exports. */
  delete(id: number, expectedVersion: number, actor: ChangeActor, note?: string | null): Promise<{ id: number; version: number }>;
  restoreDeleted(id: number, expectedVersion: number, actor: ChangeActor): Promise<{ id: number; version: number }>;
  /** An earlier version's content comes back as a new version. */
  restoreRevision(id: number, revisionId: number, expectedVersion: number, actor: ChangeActor): Promise<UpdateResult>;
  /** The event's history for staff, newest first, each version with what it changed. */
  history(id: number): Promise<EventHistoryEntry[]>;
  /** The event's versions, newest first, without their snapshots. */
  revisions(id: number): Promise<RevisionListItem[]>;
  /** Drafts, most recently changed first (staff). */
  drafts(limit?: number): Promise<DraftListItem[]>;
  /** Deleted events, most recently deleted first (staff), and how many there are in all. */
  deleted(limit?: number): Promise<{ items: DeletedEvent[]; total: number }>;
  /** The edit form's starting point: the event's content as form values, and its version; null when there is no such event. */
  forEditing(id: number): Promise<EventForEditing | null>;
  /** Authorities, programs and tags already in use, most used first, for the form's suggestions. */
  vocabulary(): Promise<FormVocabulary>;
  /** Current titles of events, for links and evidence ("Event #12" when gone). */
  titles(ids: Iterable<number>): Promise<(id: number) => string>;
  /** What the conflict view shows after a save was refused as stale (`startedFrom`: the version the edit began at). */
  conflictContext(id: number, startedFrom: number, mine: { actorIds: number[]; linkIds: number[] }): Promise<ConflictContext>;
}

export interface ConflictContext {
  /** The event as it is now. */
  theirs: EventSnapshot;
  /** The version the edit started from, when recorded. */
  base: EventSnapshot | null;
  /** Who made the latest change, and when. */
  latest: { actor: string; createdAt: string } | null;
  /** Names of the actors the refused edit names. */
  actorNames: Map<number, string>;
  /** Titles of the events any of the three versions links to. */
  eventTitle: (id: number) => string;
}

/** The events the conflict view names: those the stored, the starting and the refused versions link to. */
export function conflictLinkIds(theirs: EventSnapshot, base: EventSnapshot | null, mine: { linkIds: number[] }): number[] {
  return [...theirs.links, ...(base?.links ?? [])].map((l) => l.toEventId).concat(mine.linkIds);
}

/** Which sign-in failures to read: an account's, a client's, or one account's from one client. */
export interface FailureMatch {
  account?: string;
  client?: string;
}

/** Accounts: Better Auth's tables, the sign-in throttle's failures, settings, new accounts. */
export interface AuthStore {
  /** Better Auth's database adapter for this engine and its tables. */
  adapter(): NonNullable<BetterAuthOptions['database']>;
  /** Failure times (milliseconds, oldest first) after `since`, for what `match` names. */
  failureTimes(match: FailureMatch, since: number): Promise<number[]>;
  /** Counts a failure at `at`, forgetting every failure before `forgetBefore` in the same step. */
  recordFailure(account: string, client: string, at: number, forgetBefore: number): Promise<void>;
  clearPairFailures(account: string, client: string): Promise<void>;
  /** A stored setting, or null when it was never set. */
  setting(key: string): Promise<string | null>;
  /** Stores `value` unless the key has one already; returns what is stored (the first writer wins). */
  settingOnce(key: string, value: string): Promise<string>;
  /** A user who signs in with e-mail and password; 409 when the address is taken. */
  createUser(input: NewUserInput, options?: CreateUserOptions): Promise<{ id: string; email: string; role: Role }>;
  /** Every account by e-mail, with when it last used a session. */
  listUsers(): Promise<UserListItem[]>;
  countAdmins(): Promise<number>;
  /** Changes a role; refused (409) when it would leave the tracker without an admin. */
  setRole(id: string, role: Role): Promise<void>;
  /** A new password: the person is signed out everywhere and any sign-in wait is lifted. */
  setPassword(id: string, password: string, options?: CreateUserOptions): Promise<void>;
  /** Removes an account; never one's own, never the last admin. */
  deleteUser(id: string, actingUserId: string): Promise<void>;
}

/** The filtered timeline as the page and `GET /api/events` show it. */
export interface TimelineStore {
  /** Checks a parsed filter's actors and tags against the record and the viewer (unknown or unseen ones become issues). */
  resolve(parsed: ParsedFilters, viewer: Visibility): Promise<ResolvedFilters>;
  /** The first page, the total, the density chart, the facets when asked, and a "did you mean" when nothing matched. */
  view(filters: TimelineFilters, options: TimelineViewOptions & { fresh?: boolean }): Promise<TimelineViewData>;
  /** `GET /api/events`' answer for one page: its JSON, as bytes. */
  pageJson(filters: TimelineFilters, options: EventsPageOptions): Promise<Buffer>;
  /** What changed between `since` and `until` (ms): events (as the filters match them now or then), and, unfiltered, actors and standing changes. */
  changes(since: number, until: number, filters: TimelineFilters, visibility: Visibility): Promise<ChangesView>;
  /** When anything was first recorded (ms), or null for an empty history. */
  firstRecordedAt(): Promise<number | null>;
  /** How many events of the view (as it stands now) were recorded after `since` (an ISO instant): "N new since your last visit". */
  countRecordedSince(since: string, filters: TimelineFilters, visibility: Visibility): Promise<number>;
}

/** What the exports and feeds read: every event of a view, or its newest. */
export interface ExportStore {
  /** Every event of the view in the CSV's and the spreadsheet's shape (lists joined into cells), newest first, a batch at a time. */
  rows(filters: TimelineFilters, visibility: Visibility): AsyncGenerator<ExportRow[], void, undefined>;
  /** Every event of the view as `GET /api/events` shows it, newest first, a batch at a time. */
  summaries(filters: TimelineFilters, visibility: Visibility): AsyncGenerator<EventSummary[], void, undefined>;
  /** The newest events of the view, for a feed. */
  newest(filters: TimelineFilters, visibility: Visibility, limit: number): Promise<EventSummary[]>;
}

/** Actors (persons, organisations, governments, other bodies) and the indexes of actors and countries. */
export interface EntityStore {
  /** Any actor, merged ones included, whoever may see it: for staff pages and writes (which check the role first). */
  get(id: number): Promise<EntityDetail | null>;
  /** The actor as this viewer may see it, or null; a merged actor is seen when the one it was merged into is. */
  getFor(id: number, visibility: Visibility): Promise<EntityDetail | null>;
  /** Events naming the actor in any role, drafts and deleted ones included: what a merge would move. */
  eventCount(id: number): Promise<number>;
  /** Every country a published event involves, by name, with how many such events. */
  countries(): Promise<CountryEntry[]>;
  /** One page of the actors with published events, by name, and how many there are in all. */
  actors(page: number): Promise<{ items: ActorEntry[]; total: number; pages: number }>;
  /** The actor's history, newest first, with differences. */
  history(id: number): Promise<HistoryEntry[]>;
  /** Merges the actor took part in, newest first. */
  merges(id: number): Promise<MergeView[]>;
  /** Who made the latest change to the actor, and when. */
  latestChange(id: number): Promise<{ actor: string; createdAt: string } | null>;
  /** A new actor; refused (409) when another reads the same, unless `allowNamesake`. */
  create(input: EntityInput, actor: ChangeActor, options?: EntityWriteOptions): Promise<{ id: number; version: number }>;
  /** Saves an edit made from `expectedVersion`; a stale one is refused with VersionConflictError. */
  update(id: number, input: EntityInput, expectedVersion: number, actor: ChangeActor, options?: EntityWriteOptions): Promise<{ id: number; version: number; changed: boolean }>;
  /** Two records of one person or body become one; everything moved is kept so the merge can be undone. */
  merge(params: MergeParams, actor: ChangeActor): Promise<{ mergeId: number; eventIds: number[] }>;
  undoMerge(mergeId: number, actor: ChangeActor): Promise<{ survivorId: number; mergedId: number; eventIds: number[] }>;
}

/** Where each state stands with a counterpart (issue 12): standing changes, the relations board, its exports. */
export interface RelationsStore {
  /** The board for one counterpart: a row per subject with recorded standing, its band, events and standing at `asOf`. */
  board(options: BoardOptions, read?: ReadOptions): Promise<RelationsBoard>;
  /** Only the standings at `asOf` (no bands, no events): `GET /api/relations`. */
  asOf(options: { counterpart: string; asOf: string; includeDrafts: boolean }, read?: ReadOptions): Promise<RelationsAsOf>;
  /** A country's standings both ways, for its page. */
  forCountry(code: string, asOf: string, options?: { from?: string; to?: string; includeDrafts?: boolean }): Promise<CountryRelations>;
  /** Dyad-year rows and the changes dated in those years, for the CSV export. */
  exportRows(options: { counterpart: string; fromYear: number; toYear: number; includeDrafts?: boolean }): Promise<RelationsExport>;
  /** One dyad for its page: its row, its live changes with their versions, and (staff) its deleted ones. */
  dyad(options: { subject: string; counterpart: string; asOf: string; from: string; to: string; includeDrafts: boolean; eventLimit?: number }): Promise<{
    row: BoardRow | null;
    changes: StandingChangeRecord[];
    deleted: StandingChangeRecord[];
  }>;
  /** The live changes citing an event as evidence, oldest first. */
  citing(eventId: number, options: { includeDrafts: boolean }): Promise<StandingChangeRecord[]>;
  /** Who made the latest change to a standing change, and when. */
  latestChange(id: number): Promise<{ actor: string; createdAt: string } | null>;
  /** A change (deleted ones included) with its history, newest first; null when there is none. */
  withHistory(id: number): Promise<{ change: StandingChangeRecord; history: StandingChangeHistoryEntry[] } | null>;
  /** Records a change; refused with field errors when it breaks a rule. `raw` is the form's shape, checked here. */
  create(raw: unknown, actor: ChangeActor): Promise<StandingWriteResult>;
  update(id: number, raw: unknown, expectedVersion: number, actor: ChangeActor): Promise<StandingWriteResult>;
  delete(id: number, expectedVersion: number, actor: ChangeActor, note?: string | null): Promise<StandingWriteResult>;
  restoreDeleted(id: number, expectedVersion: number, actor: ChangeActor): Promise<StandingWriteResult>;
  restoreRevision(id: number, revisionId: number, expectedVersion: number, actor: ChangeActor): Promise<StandingWriteResult>;
}

/** Official sanctions lists (issue 13): versions, their proposed changes, matching listed parties to actors. */
export interface ListStore {
  /** Every stored version, newest first, with how many of its proposals are open, accepted, rejected. */
  versions(): Promise<VersionSummary[]>;
  version(id: number): Promise<ListVersionRow | null>;
  /** A version's proposals in review order, each with its party's match or the actors to confirm. */
  proposals(version: ListVersionRow): Promise<ProposalView[]>;
  /** A proposal with its version; 404 when there is none. */
  proposal(id: number): Promise<{ proposal: ListProposalRow; version: ListVersionRow }>;
  /** Actors ranked for a listed party, best first. */
  suggestions(entry: ListEntry, limit: number): Promise<Suggestion[]>;
  /** The list entries matched to an actor, version by version. */
  entriesOfActor(entityId: number): Promise<ActorListEntry[]>;
  /** Imports one version of a list (or a dry run): the version, its entries and its proposals, or nothing. */
  import(options: ImportListOptions): Promise<ListImportResult>;
  /** Accepts a proposal: writes its event (published, or a draft to edit) and returns the event's id. */
  accept(id: number, actor: ChangeActor, options: AcceptOptions): Promise<number>;
  reject(id: number, actor: ChangeActor): Promise<void>;
  acceptAll(versionId: number, actor: ChangeActor): Promise<AcceptAllResult>;
  confirmMatch(input: ConfirmMatch, actor: ChangeActor): Promise<number>;
  /** A new actor from a list entry, matched to it. */
  createActorForEntry(source: ListSource, entry: ListEntry, actor: ChangeActor): Promise<number>;
  undoMatch(matchId: number, actor: ChangeActor): Promise<ListMatchRow>;
}

/** The CSV import of events: a dry run, then the commit of exactly what it showed. */
export interface ImportStore {
  /** The dry run: what each row would do, with its problems and warnings; writes nothing. */
  plan(rows: CsvRow[], fileName: string, ignoredColumns: string[]): Promise<ImportPlan>;
  /** Writes what the dry run with `expectedDigest` showed, or throws ImportRefusedError (problems, changed since, imported already) and writes nothing. */
  commit(rows: CsvRow[], fileName: string, expectedDigest: string, actor: ChangeActor, ignoredColumns: string[]): Promise<{ result: ImportResult; plan: ImportPlan }>;
}

/** What the search boxes of the filters and the staff forms ask as a person types. */
export interface SuggestStore {
  /** Actors by name or alias, best first, each with how many events the viewer can see for it. */
  entities(text: string, limit: number, visibility: Visibility): Promise<EntityMatch[]>;
  /** Events to link to, by title or number ("12", "#12"), newest first; drafts included, deleted ones not. */
  events(query: string, options?: { exclude?: number | null; limit?: number }): Promise<EventSuggestion[]>;
}

/**
 * Every event of a view, page after page of `events.list` in date order: the JSON export's
 * batches, on either engine.
 */
export async function* everyEvent(events: EventStore, filters: TimelineFilters, visibility: Visibility): AsyncGenerator<EventSummary[], void, undefined> {
  const dateOrder = { ...filters, sort: 'date' as const };
  let position: TimelineQueryOptions['position'] = null;
  for (;;) {
    const page = await events.list(dateOrder, { ...visibility, position, limit: 200 });
    if (page.items.length > 0) yield page.items;
    if (!page.nextCursor) return;
    const last = page.items[page.items.length - 1]!;
    position = { kind: 'date', cursor: { date: last.date, id: last.id } };
  }
}

/** The record a request reads: the live one, or (with `as_recorded`) the record as it stood then. */
export interface RecordedStore {
  store: TrackerStore;
  /** The filters without `asRecorded` when it could not be used (the issue says why). */
  filters: TimelineFilters;
  issues: FilterIssue[];
  asRecorded: { at: number; iso: string; requested: string } | null;
}

/** A queued alert the dispatcher may send now, with its destination. */
export interface DueDelivery {
  id: number;
  attempt: number;
  payload: string;
  nextAttemptAt: string | null;
  destinationId: number;
  url: string;
  secret: string;
  enabled: boolean;
}

/** What an attempt at a delivery came to (only the fields it sets). */
export interface DeliveryOutcome {
  state?: 'pending' | 'delivered' | 'failed' | 'gave_up';
  attempt?: number;
  durationMs?: number | null;
  statusCode?: number | null;
  error?: string | null;
  nextAttemptAt?: string | null;
}

/** The webhook outbox as the dispatcher works through it (server/alerts/dispatcher.ts; decision 0035). */
export interface OutboxStore {
  /** Deliveries pending, or failed with their retry time reached, by `nowIso`: the earliest first, at most `batch`. */
  due(nowIso: string, batch: number): Promise<DueDelivery[]>;
  /**
   * Takes a due delivery until `until` if nobody else has (its due time is still `dueAt`): false
   * when another step, or another server, took it first. Only the taker sends it.
   */
  lease(id: number, dueAt: string, until: string): Promise<boolean>;
  record(id: number, outcome: DeliveryOutcome, nowIso: string): Promise<void>;
  /** Switches a destination off, saying why (a receiver that answers "gone"). */
  disableDestination(id: number, reason: string): Promise<void>;
  /** When the next delivery falls due (ms since the epoch), or null when nothing waits. */
  nextDueAt(): Promise<number | null>;
}

/** A person's saved views, their private feeds and webhook subscriptions (decision 0035). Another person's view reads as missing (404). */
export interface SavedViewStore {
  /** `name` is already checked; `query` is the canonical filter string. */
  create(userId: string, name: string, query: string): Promise<{ id: number }>;
  rename(userId: string, id: number, name: string): Promise<void>;
  delete(userId: string, id: number): Promise<{ name: string }>;
  /** Opening the view: "N new" counts from `at` on. Returns the saved query. */
  markSeen(userId: string, id: number, at?: string): Promise<string>;
  /** A new private-feed token, returned once; the old one stops working at once. */
  regenerateFeedToken(userId: string, id: number): Promise<string>;
  revokeFeedToken(userId: string, id: number): Promise<void>;
  subscribe(userId: string, id: number, destinationId: number): Promise<void>;
  unsubscribe(userId: string, id: number, destinationId: number): Promise<void>;
  /** The person's views by name, each with "N new since you last opened it" and its subscriptions. */
  list(userId: string, visibility: Visibility): Promise<SavedViewListItem[]>;
  /** The filters of one of the person's views, or null. */
  query(userId: string, id: number): Promise<string | null>;
  /** The view behind a private feed URL, or null for a wrong, revoked or malformed token. */
  byFeedToken(id: number, token: string | null): Promise<SavedViewRow | null>;
  /** The latest deliveries of the person's views. */
  deliveriesOfOwner(userId: string, limit: number): Promise<DeliveryLogItem[]>;
}

/** Webhook destinations, as admins manage them. */
export interface WebhookStore {
  destinations(): Promise<WebhookDestinationRow[]>;
  enabledDestinations(): Promise<{ id: number; label: string }[]>;
  /** A new destination with a generated secret, which is shown once. */
  createDestination(input: WebhookDestinationInput, createdBy: string): Promise<{ id: number; secret: string }>;
  setDestinationEnabled(id: number, enabled: boolean, reason?: string | null): Promise<void>;
  /** The latest deliveries to one destination. */
  deliveriesTo(destinationId: number, limit: number): Promise<DeliveryLogItem[]>;
}

export interface TrackerStore {
  readonly engine: Engine;
  readonly savedViews: SavedViewStore;
  readonly webhooks: WebhookStore;
  readonly events: EventStore;
  readonly timeline: TimelineStore;
  readonly exports: ExportStore;
  readonly entities: EntityStore;
  readonly relations: RelationsStore;
  readonly lists: ListStore;
  readonly imports: ImportStore;
  readonly suggest: SuggestStore;
  readonly auth: AuthStore;
  readonly outbox: OutboxStore;
  /** The store to read for these filters: this one, or the record as it stood at `as_recorded`. */
  recordFor(filters: TimelineFilters): Promise<RecordedStore>;
}
