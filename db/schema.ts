/**
 * The tracker's data model. Shapes follow what serious sanctions and event datasets hold
 * (FollowTheMoney `Sanction`, OFAC SDN entries, ACLED/CoronaNet rows): several dates with a
 * precision, actors with roles, legal authorities, several sources per event, typed links.
 *
 * Types are inferred from these tables (`typeof events.$inferSelect`) and never written twice.
 * The full-text index (`events_fts`) and the append-only guard on `revisions` are SQL that
 * drizzle-kit cannot express; they live in a custom migration (see db/migrations).
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { COUNTRY_ROLES } from '@/lib/countries';
import { DATE_PRECISIONS } from '@/lib/dates';
import { EVENT_TYPE_KEYS } from '@/lib/event-types';
import { ENTRY_KINDS, LIST_FORMATS, LIST_SOURCES, type ListAlias, type ListDate, type ListEntry, type ListIdentifier } from '@/lib/lists/types';
import { user } from './auth-schema';
import { CHANGE_STATUSES, EMBASSY_VALUES, LEVEL_VALUES, RECALLED_VALUES } from '@/lib/relations/scale';
import { SOURCE_URL_CHECK } from '@/lib/validation/source-url';
import {
  ENTITY_KINDS,
  ENTITY_ROLES,
  EVENT_STATUSES,
  LINK_KINDS,
  REVISION_ACTIONS,
  REVISION_RECORD_TYPES,
} from '@/lib/vocabulary';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

function inList(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}

export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    type: text('type', { enum: EVENT_TYPE_KEYS }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    details: text('details'),
    /** First day of the period the event happened in (YYYY-MM-DD); see lib/dates.ts. */
    date: text('date').notNull(),
    datePrecision: text('date_precision', { enum: DATE_PRECISIONS }).notNull().default('day'),
    /** When a measure takes effect, which often differs from when it is announced. */
    effectiveDate: text('effective_date'),
    effectiveDatePrecision: text('effective_date_precision', { enum: DATE_PRECISIONS }),
    endDate: text('end_date'),
    endDatePrecision: text('end_date_precision', { enum: DATE_PRECISIONS }),
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('draft'),
    /** e.g. "Caesar Syria Civilian Protection Act of 2019". */
    legalAuthority: text('legal_authority'),
    /** Sanctions program code, e.g. "SYRIA-CAESAR". */
    program: text('program'),
    /** A stable key from where the row came from (a seed key, a dataset id); unique when set. */
    externalId: text('external_id'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    /** User id, or null for rows written by scripts (the revision names the script). */
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
    /** Optimistic concurrency: every save states the version it started from. */
    version: integer('version').notNull().default(1),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    // Partial indexes over the events that are not deleted (what every read shows), covering the
    // columns that filters, counts and the chart need, so that they never read the wide rows
    // (docs/performance.md). `deleted_at` is listed although it is always NULL here: SQLite only
    // treats an index as covering when every column the query names is in it.
    // The timeline, newest first: `status = ?` then (date, id) in index order, no sort step.
    index('events_live_date_idx')
      .on(t.status, t.date, t.id, t.type, t.datePrecision, t.legalAuthority, t.program, t.deletedAt)
      .where(sql`deleted_at IS NULL`),
    index('events_live_type_idx').on(t.status, t.type, t.date, t.id, t.datePrecision, t.deletedAt).where(sql`deleted_at IS NULL`),
    index('events_authority_idx')
      .on(t.legalAuthority, t.status, t.date, t.id, t.type, t.datePrecision, t.deletedAt)
      .where(sql`deleted_at IS NULL AND legal_authority IS NOT NULL`),
    index('events_program_idx')
      .on(t.program, t.status, t.date, t.id, t.type, t.datePrecision, t.deletedAt)
      .where(sql`deleted_at IS NULL AND program IS NOT NULL`),
    uniqueIndex('events_external_id_idx').on(t.externalId),
    // "N new since your last visit" (db/queries/changes.ts countRecordedSince) reads events by when
    // they were recorded; without it every returning reader's timeline scanned the table.
    index('events_live_created_idx').on(t.createdAt, t.status).where(sql`deleted_at IS NULL`),
    check('events_type_check', inList('type', EVENT_TYPE_KEYS)),
    check('events_status_check', inList('status', EVENT_STATUSES)),
    check('events_date_check', sql`date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
    check('events_date_precision_check', inList('date_precision', DATE_PRECISIONS)),
    check(
      'events_effective_date_check',
      sql`(effective_date IS NULL AND effective_date_precision IS NULL) OR (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND effective_date_precision IN ('day', 'month', 'year'))`,
    ),
    check(
      'events_end_date_check',
      sql`(end_date IS NULL AND end_date_precision IS NULL) OR (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND end_date_precision IN ('day', 'month', 'year') AND end_date >= date)`,
    ),
    check('events_title_check', sql`length(trim(title)) > 0`),
    check('events_version_check', sql`version >= 1`),
  ],
);


/**
 * Copies of the event's visibility, type and date on each row of the junction tables (countries,
 * actors, tags), so that counting and faceting over them are index-only scans that never visit
 * `events`. They are not written by the app's code: triggers (migration 0005, db/derived/counts.ts)
 * fill them when a row is inserted and copy every change of the event onto its rows, whoever
 * writes. `event_visibility` is 'published', 'draft' or 'deleted'.
 *
 * `first_role` marks one row per (event, value) when a value takes part in several roles (Syria as
 * actor and target of one event), so that "events involving Syria in any role" is a plain count.
 *
 * The three junction tables are WITHOUT ROWID tables (migration 0005), clustered on their primary
 * key, which starts with the event: an event's countries, actors or tags and their copied facts
 * are one seek. drizzle-kit cannot declare that; a generated migration that rebuilds one of these
 * tables must add `WITHOUT ROWID` back by hand.
 */
function eventFacts() {
  return {
    eventVisibility: text('event_visibility').notNull().default(''),
    eventType: text('event_type').notNull().default(''),
    eventDate: text('event_date').notNull().default(''),
    eventDatePrecision: text('event_date_precision').notNull().default(''),
  };
}

export const eventCountries = sqliteTable(
  'event_countries',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** ISO 3166-1 alpha-2. */
    countryCode: text('country_code').notNull(),
    role: text('role', { enum: COUNTRY_ROLES }).notNull(),
    ...eventFacts(),
    firstRole: integer('first_role', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.countryCode, t.role] }),
    // By country (the filter, and counts per country), event ids in order within a country.
    index('event_countries_lookup_idx').on(
      t.countryCode, t.eventVisibility, t.eventId, t.firstRole, t.role, t.eventType, t.eventDate, t.eventDatePrecision,
    ),
    // By type and date (facet counts of a view filtered by type or dates).
    index('event_countries_scan_idx').on(
      t.eventVisibility, t.eventType, t.eventDate, t.countryCode, t.eventId, t.firstRole, t.role, t.eventDatePrecision,
    ),
    check('event_countries_code_check', sql`country_code GLOB '[A-Z][A-Z]'`),
    check('event_countries_role_check', inList('role', COUNTRY_ROLES)),
  ],
);

export const entities = sqliteTable(
  'entities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ENTITY_KINDS }).notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** Country an entity belongs to (a government's state, a person's nationality), ISO alpha-2. */
    countryCode: text('country_code'),
    opensanctionsId: text('opensanctions_id'),
    ofacUid: text('ofac_uid'),
    /** Set when this entity was merged into another; its events moved to the survivor. */
    mergedIntoId: integer('merged_into_id'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
    version: integer('version').notNull().default(1),
    /**
     * Staff made this actor public on purpose. Otherwise an actor is public only while a published,
     * not deleted event involves it (db/queries/entity-visibility.ts); until then only staff see it.
     */
    madePublic: integer('made_public', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('entities_name_idx').on(t.name),
    index('entities_merged_idx').on(t.mergedIntoId),
    check('entities_kind_check', inList('kind', ENTITY_KINDS)),
    check('entities_name_check', sql`length(trim(name)) > 0`),
    check('entities_country_check', sql`country_code IS NULL OR country_code GLOB '[A-Z][A-Z]'`),
  ],
);

export const entityAliases = sqliteTable(
  'entity_aliases',
  {
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.alias] }), index('entity_aliases_alias_idx').on(t.alias)],
);

export const eventEntities = sqliteTable(
  'event_entities',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    role: text('role', { enum: ENTITY_ROLES }).notNull(),
    ...eventFacts(),
    firstRole: integer('first_role', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.entityId, t.role] }),
    index('event_entities_lookup_idx').on(
      t.entityId, t.eventVisibility, t.eventId, t.firstRole, t.eventType, t.eventDate, t.eventDatePrecision,
    ),
    index('event_entities_scan_idx').on(
      t.eventVisibility, t.eventType, t.eventDate, t.entityId, t.eventId, t.firstRole, t.eventDatePrecision,
    ),
    check('event_entities_role_check', inList('role', ENTITY_ROLES)),
  ],
);

export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** Optional: a source without a known address is still a source. http(s) only. */
    url: text('url'),
    title: text('title').notNull(),
    publisher: text('publisher'),
    publishedDate: text('published_date'),
    excerpt: text('excerpt'),
    /**
     * What we know about the source beyond its excerpt, in our words: a publication date inferred
     * from the text rather than printed, or an event date computed from it ("a year ago"). Shown
     * with the source; not searched (it is about the source, not the event).
     */
    note: text('note'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('sources_event_idx').on(t.eventId, t.position),
    // The same rule as the validation (lib/validation/source-url.ts), so that nothing it accepts is refused here.
    check('sources_url_check', sql.raw(SOURCE_URL_CHECK)),
    check('sources_title_check', sql`length(trim(title)) > 0`),
    check(
      'sources_published_date_check',
      sql`published_date IS NULL OR published_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`,
    ),
  ],
);

export const tags = sqliteTable(
  'tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    label: text('label').notNull(),
  },
  (t) => [uniqueIndex('tags_slug_idx').on(t.slug), check('tags_slug_check', sql`slug GLOB '[a-z0-9]*'`)],
);

export const eventTags = sqliteTable(
  'event_tags',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'restrict' }),
    ...eventFacts(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.tagId] }),
    index('event_tags_lookup_idx').on(t.tagId, t.eventVisibility, t.eventId, t.eventType, t.eventDate, t.eventDatePrecision),
    index('event_tags_scan_idx').on(t.eventVisibility, t.eventType, t.eventDate, t.tagId, t.eventId, t.eventDatePrecision),
  ],
);


/**
 * Facet counts of the published timeline with no filter, maintained by triggers (migration 0005,
 * db/derived/counts.ts) in the transaction of every write: how many published, not deleted events
 * involve each country (in any role, and per role), actor, tag, legal authority and program.
 * `value` holds the country code, entity id, tag id, authority or program as text.
 */
export const facetCounts = sqliteTable(
  'facet_counts',
  {
    facet: text('facet').notNull(),
    value: text('value').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.facet, t.value] }), index('facet_counts_top_idx').on(t.facet, t.n)],
);

/**
 * Published, not deleted events per month, date precision and type, maintained like
 * `facet_counts`: the total, the type and year facets and the density chart of any view filtered
 * only by type and whole months are sums over these few thousand rows.
 */
export const eventMonthCounts = sqliteTable(
  'event_month_counts',
  {
    month: text('month').notNull(),
    datePrecision: text('date_precision', { enum: DATE_PRECISIONS }).notNull(),
    type: text('type', { enum: EVENT_TYPE_KEYS }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.datePrecision, t.type] })],
);

export const eventLinks = sqliteTable(
  'event_links',
  {
    fromEventId: integer('from_event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    toEventId: integer('to_event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: LINK_KINDS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fromEventId, t.toEventId, t.kind] }),
    index('event_links_to_idx').on(t.toEventId),
    check('event_links_kind_check', inList('kind', LINK_KINDS)),
    check('event_links_not_self_check', sql`from_event_id <> to_event_id`),
  ],
);

/**
 * Standing changes (issue 12, docs/relations-scale.md): one dated step in a subject's standing with
 * a counterpart. The subject is a state (ISO alpha-2, upper case) or an organisation key (lower
 * case, e.g. 'arab-league'); lib/relations/scale.ts `subjectKind` tells them apart. Each fact is
 * NULL when the change does not speak to it; 'unknown' when the sources do not say.
 * Deleted changes keep their row (`deleted_at`) so that history and restore work as for events.
 */
export const standingChanges = sqliteTable(
  'standing_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subject: text('subject').notNull(),
    counterpart: text('counterpart').notNull(),
    /** First day of the period (YYYY-MM-DD), at `precision`. */
    date: text('date').notNull(),
    precision: text('precision', { enum: DATE_PRECISIONS }).notNull(),
    status: text('status', { enum: CHANGE_STATUSES }).notNull(),
    level: text('level', { enum: LEVEL_VALUES }),
    embassy: text('embassy', { enum: EMBASSY_VALUES }),
    /** 'yes', 'no' or 'unknown' (lib RecalledValue true / false / 'unknown'); NULL: does not say. */
    ambassadorRecalled: text('ambassador_recalled', { enum: RECALLED_VALUES }),
    note: text('note'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
    version: integer('version').notNull().default(1),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    index('standing_changes_counterpart_idx').on(t.counterpart, t.date).where(sql`deleted_at IS NULL`),
    index('standing_changes_dyad_idx').on(t.subject, t.counterpart, t.date).where(sql`deleted_at IS NULL`),
    check('standing_changes_subject_check', sql`subject GLOB '[A-Z][A-Z]' OR (subject GLOB '[a-z0-9]*' AND length(subject) BETWEEN 1 AND 60)`),
    check('standing_changes_counterpart_check', sql`counterpart GLOB '[A-Z][A-Z]' AND counterpart <> subject`),
    check('standing_changes_date_check', sql`date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
    check('standing_changes_precision_check', inList('precision', DATE_PRECISIONS)),
    check('standing_changes_status_check', inList('status', CHANGE_STATUSES)),
    check('standing_changes_level_check', sql`level IS NULL OR ${inList('level', LEVEL_VALUES)}`),
    check('standing_changes_embassy_check', sql`embassy IS NULL OR ${inList('embassy', EMBASSY_VALUES)}`),
    check('standing_changes_recalled_check', sql`ambassador_recalled IS NULL OR ${inList('ambassador_recalled', RECALLED_VALUES)}`),
    check('standing_changes_says_something_check', sql`level IS NOT NULL OR embassy IS NOT NULL OR ambassador_recalled IS NOT NULL`),
    check('standing_changes_version_check', sql`version >= 1`),
  ],
);

/** The timeline events that show a standing change; at least one per change (checked on write). */
export const standingChangeEvidence = sqliteTable(
  'standing_change_evidence',
  {
    changeId: integer('change_id')
      .notNull()
      .references(() => standingChanges.id, { onDelete: 'cascade' }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.changeId, t.eventId] }), index('standing_change_evidence_event_idx').on(t.eventId)],
);

/**
 * The organisations a standing can be recorded for (issue 12), by the key the board uses and the
 * actor name the timeline records them under: the same list as ORGANISATION_NAMES in
 * lib/relations/regions.ts (a test keeps them equal). The triggers that maintain `event_pairs` read
 * it to find an event's organisation sides. Filled by migration 0016; a key added later needs a
 * migration that inserts it and refills `event_pairs` (db/derived/pairs.ts, rebuildEventPairs).
 */
export const relationOrganisations = sqliteTable('relation_organisations', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
});

/**
 * The timeline's events between two sides, one row per (country, other side, event), for the
 * relations board's markers and counts (decision 0036): `country` is a country of the event in any
 * role, `side` another country of it or an organisation among its actors (by its key in
 * `relation_organisations`). Only live events (published or draft) have rows; the event's date,
 * precision, type and title are copied here so that the board reads one index range per side.
 *
 * Not written by the app's code: triggers (migration 0016) rewrite an event's rows whenever its
 * countries, its organisation actors or its copied facts change, whoever writes. A WITHOUT ROWID
 * table clustered on its primary key (drizzle-kit cannot declare that; see migration 0016).
 */
export const eventPairs = sqliteTable(
  'event_pairs',
  {
    country: text('country').notNull(),
    side: text('side').notNull(),
    eventDate: text('event_date').notNull(),
    eventId: integer('event_id').notNull(),
    /** 'published' or 'draft'. */
    eventVisibility: text('event_visibility').notNull(),
    eventDatePrecision: text('event_date_precision').notNull(),
    eventType: text('event_type').notNull(),
    eventTitle: text('event_title').notNull(),
  },
  (t) => [primaryKey({ columns: [t.country, t.side, t.eventDate, t.eventId] }), index('event_pairs_event_idx').on(t.eventId)],
);

/**
 * Append-only history: one row per change, written in the same transaction as the change, with
 * the full snapshot of the record after it. Triggers in the custom migration refuse UPDATE and
 * DELETE on this table.
 */
export const revisions = sqliteTable(
  'revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordType: text('record_type', { enum: REVISION_RECORD_TYPES }).notNull(),
    recordId: integer('record_id').notNull(),
    action: text('action', { enum: REVISION_ACTIONS }).notNull(),
    /** The record's version after this change. */
    version: integer('version').notNull(),
    userId: text('user_id'),
    /** Who made the change, as people read it (an e-mail, or "seed script"); kept if the user goes. */
    actor: text('actor').notNull(),
    createdAt: text('created_at').notNull().default(now),
    /** JSON: the full record after the change. */
    snapshot: text('snapshot', { mode: 'json' }).notNull(),
    note: text('note'),
  },
  (t) => [
    index('revisions_record_idx').on(t.recordType, t.recordId, t.id),
    // What changed since a moment (/changes) and the record as it stood then (as_recorded) read
    // revisions by time.
    index('revisions_time_idx').on(t.recordType, t.createdAt),
    check('revisions_record_type_check', inList('record_type', REVISION_RECORD_TYPES)),
    check('revisions_action_check', inList('action', REVISION_ACTIONS)),
  ],
);

/**
 * One row per merge of two actors, with what it moved, so that the merge can be undone exactly:
 * which event links moved to the survivor, which were dropped as duplicates of links the survivor
 * already had, which aliases and identifiers the survivor gained.
 */
export const entityMerges = sqliteTable(
  'entity_merges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    survivorId: integer('survivor_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    mergedId: integer('merged_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    /** JSON: links `{ eventId, role }` re-pointed from the merged entity to the survivor. */
    moved: text('moved', { mode: 'json' }).$type<{ eventId: number; role: string }[]>().notNull(),
    /** JSON: links of the merged entity removed because the survivor already had them. */
    dropped: text('dropped', { mode: 'json' }).$type<{ eventId: number; role: string }[]>().notNull(),
    /** JSON: aliases added to the survivor (the merged name and its aliases it lacked). */
    addedAliases: text('added_aliases', { mode: 'json' }).$type<string[]>().notNull(),
    /** JSON: fields the survivor lacked and took from the merged entity (identifiers, country...). */
    copiedFields: text('copied_fields', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    createdAt: text('created_at').notNull().default(now),
    createdBy: text('created_by'),
    undoneAt: text('undone_at'),
    undoneBy: text('undone_by'),
  },
  (t) => [
    index('entity_merges_survivor_idx').on(t.survivorId),
    index('entity_merges_merged_idx').on(t.mergedId),
    check('entity_merges_distinct_check', sql`survivor_id <> merged_id`),
  ],
);

/**
 * One row per committed CSV import, keyed by the digest of the dry run it confirmed. The digest
 * names the database state the dry run was checked against (db/import/import.ts), so a digest can only
 * ever be committed once: sending the same confirmation again is refused with the date and the
 * person of the first commit, instead of writing the rows twice.
 */
export const importCommits = sqliteTable(
  'import_commits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    digest: text('digest').notNull(),
    fileName: text('file_name').notNull(),
    userId: text('user_id'),
    /** Who imported, as people read it (kept if the user goes). */
    actor: text('actor').notNull(),
    createdAt: text('created_at').notNull().default(now),
    rowCount: integer('row_count').notNull(),
    created: integer('created').notNull(),
    updated: integer('updated').notNull(),
    unchanged: integer('unchanged').notNull(),
    actorsCreated: integer('actors_created').notNull(),
  },
  (t) => [uniqueIndex('import_commits_digest_idx').on(t.digest)],
);

/**
 * Official sanctions lists (issue 13, decision 0027). Each import of a list file is a version;
 * its entries are stored as the reader gave them, and the difference from the version before
 * becomes proposals that staff accept (publishing an event that cites the version), reject
 * (remembered in `list_rejections`) or edit. `list_matches` ties a list's entry key to an actor.
 */
export const listVersions = sqliteTable(
  'list_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** lib/lists LIST_SOURCES: 'ofac-sdn', 'un-sc', 'eu-fsf', 'uk-fcdo', 'opensanctions'. */
    source: text('source', { enum: LIST_SOURCES }).notNull(),
    format: text('format', { enum: LIST_FORMATS }).notNull(),
    fileName: text('file_name').notNull(),
    /** SHA-256 of the file's bytes (of the three files, for the OFAC CSV set), hex. */
    sha256: text('sha256').notNull(),
    /** The publication date the file states (or staff supplied, see `published_by`), first day at its precision. */
    publishedAt: text('published_at'),
    publishedPrecision: text('published_precision', { enum: DATE_PRECISIONS }),
    publishedRaw: text('published_raw'),
    /** 'list' when the file states the date, 'staff' when the person importing supplied it. */
    publishedBy: text('published_by', { enum: ['list', 'staff'] }),
    entryCount: integer('entry_count').notNull(),
    statedRecordCount: integer('stated_record_count'),
    /** The version this one was compared with (null for the first version of a list). */
    previousVersionId: integer('previous_version_id'),
    designations: integer('designations').notNull().default(0),
    removals: integer('removals').notNull().default(0),
    amendments: integer('amendments').notNull().default(0),
    /** Changes not proposed again because staff rejected the same change before. */
    skippedRejected: integer('skipped_rejected').notNull().default(0),
    importedByUserId: text('imported_by_user_id'),
    importedBy: text('imported_by').notNull(),
    importedAt: text('imported_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('list_versions_hash_idx').on(t.source, t.sha256),
    index('list_versions_source_idx').on(t.source, t.publishedAt, t.id),
    check('list_versions_source_check', inList('source', LIST_SOURCES)),
    check('list_versions_published_check', sql`published_at IS NULL OR published_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
  ],
);

export const listEntries = sqliteTable(
  'list_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    versionId: integer('version_id')
      .notNull()
      .references(() => listVersions.id, { onDelete: 'cascade' }),
    /** The entry's key within its list (OFAC uid, UN DATAID, EU logicalId, UK UniqueID, OpenSanctions id). */
    entryKey: text('entry_key').notNull(),
    kind: text('kind', { enum: ENTRY_KINDS }).notNull(),
    name: text('name').notNull(),
    /** lib/text/normalise.ts `nameKey` of the name, for matching. */
    nameKey: text('name_key').notNull(),
    aliases: text('aliases', { mode: 'json' }).$type<ListAlias[]>().notNull(),
    identifiers: text('identifiers', { mode: 'json' }).$type<ListIdentifier[]>().notNull(),
    programs: text('programs', { mode: 'json' }).$type<string[]>().notNull(),
    authorities: text('authorities', { mode: 'json' }).$type<string[]>().notNull(),
    listingDates: text('listing_dates', { mode: 'json' }).$type<ListDate[]>().notNull(),
    remarks: text('remarks', { mode: 'json' }).$type<string[]>().notNull(),
    /** The whole entry as the reader gave it, to compare versions without reading the file again. */
    entry: text('entry', { mode: 'json' }).$type<ListEntry>().notNull(),
    /** lib/lists `entryHash`: equal hashes, no amendment. */
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('list_entries_version_key_idx').on(t.versionId, t.entryKey),
    index('list_entries_name_key_idx').on(t.nameKey),
  ],
);

export const LIST_PROPOSAL_KINDS = ['designation', 'removal', 'amendment'] as const;
export const LIST_PROPOSAL_STATUSES = ['proposed', 'accepted', 'rejected'] as const;

export const listProposals = sqliteTable(
  'list_proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    versionId: integer('version_id')
      .notNull()
      .references(() => listVersions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: LIST_PROPOSAL_KINDS }).notNull(),
    entryKey: text('entry_key').notNull(),
    name: text('name').notNull(),
    /** The entry in the version before (amendments, removals) and in this version (designations, amendments). */
    before: text('before', { mode: 'json' }).$type<ListEntry | null>(),
    after: text('after', { mode: 'json' }).$type<ListEntry | null>(),
    /** Amendments: each changed field with its values before and after (lib/lists FieldChange). */
    fields: text('fields', { mode: 'json' }).$type<unknown[]>().notNull(),
    /** Identifies the change itself, so a rejected change is not proposed again. */
    fingerprint: text('fingerprint').notNull(),
    /** The list's own listing date (or for amendments its own "updated" date), when it gives one. */
    listDate: text('list_date'),
    listDatePrecision: text('list_date_precision', { enum: DATE_PRECISIONS }),
    listDateRaw: text('list_date_raw'),
    /** The change happened after the previous version's publication date and on or before this one's. */
    afterPublishedAt: text('after_published_at'),
    onOrBeforePublishedAt: text('on_or_before_published_at'),
    /** A designation whose listing date is older than the previous version (re-listed, or missing from it). */
    listedBeforePrevious: integer('listed_before_previous', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: LIST_PROPOSAL_STATUSES }).notNull().default('proposed'),
    eventId: integer('event_id').references(() => events.id, { onDelete: 'set null' }),
    decidedByUserId: text('decided_by_user_id'),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
  },
  (t) => [
    index('list_proposals_version_idx').on(t.versionId, t.status, t.kind),
    index('list_proposals_event_idx').on(t.eventId),
    check('list_proposals_kind_check', inList('kind', LIST_PROPOSAL_KINDS)),
    check('list_proposals_status_check', inList('status', LIST_PROPOSAL_STATUSES)),
  ],
);

export const listRejections = sqliteTable(
  'list_rejections',
  {
    source: text('source', { enum: LIST_SOURCES }).notNull(),
    entryKey: text('entry_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    proposalId: integer('proposal_id').references(() => listProposals.id, { onDelete: 'set null' }),
    rejectedByUserId: text('rejected_by_user_id'),
    rejectedBy: text('rejected_by').notNull(),
    rejectedAt: text('rejected_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.source, t.entryKey, t.fingerprint] })],
);

export const LIST_MATCH_METHODS = ['identifier', 'name', 'picked', 'created'] as const;

export const listMatches = sqliteTable(
  'list_matches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source', { enum: LIST_SOURCES }).notNull(),
    entryKey: text('entry_key').notNull(),
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    /** How the actor was found: a shared identifier, a name score, picked by hand, or created from the entry. */
    method: text('method', { enum: LIST_MATCH_METHODS }).notNull(),
    score: integer('score_permille'),
    /** What matched, as people read it ("ofac-uid 90002", "TEST BANK TWO ~ Test Bank Two"). */
    basis: text('basis'),
    confirmedByUserId: text('confirmed_by_user_id'),
    confirmedBy: text('confirmed_by').notNull(),
    confirmedAt: text('confirmed_at').notNull().default(now),
    undoneAt: text('undone_at'),
    undoneBy: text('undone_by'),
  },
  (t) => [
    // One standing match per entry of a list; undone matches stay as history.
    uniqueIndex('list_matches_entry_idx').on(t.source, t.entryKey).where(sql`undone_at IS NULL`),
    index('list_matches_entity_idx').on(t.entityId),
    check('list_matches_method_check', inList('method', LIST_MATCH_METHODS)),
  ],
);

/**
 * Saved views (issue 14, decision 0035): a signed-in person's named filter, stored as the canonical
 * query string of lib/filters.ts, so it opens exactly as saved and reads the same filter schema as
 * every other view. `last_seen_at` answers "N new since you last opened it". The private feed's
 * token is stored only as its SHA-256 (a leaked database does not leak working feed URLs); the
 * prefix lets the owner recognise which token a feed reader holds.
 */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** `filtersQueryString` of the saved filters: canonical, without "?"; empty for all events. */
    query: text('query').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    lastSeenAt: text('last_seen_at').notNull().default(now),
    feedTokenHash: text('feed_token_hash'),
    feedTokenPrefix: text('feed_token_prefix'),
    feedTokenCreatedAt: text('feed_token_created_at'),
    feedTokenRevokedAt: text('feed_token_revoked_at'),
  },
  (t) => [
    index('saved_views_user_idx').on(t.userId, t.name),
    uniqueIndex('saved_views_token_idx').on(t.feedTokenHash),
    check('saved_views_name_check', sql`length(trim(name)) BETWEEN 1 AND 80 AND name = trim(name)`),
  ],
);

/** Where webhooks may go: only URLs an admin entered here (http or https, no credentials). */
export const webhookDestinations = sqliteTable(
  'webhook_destinations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    url: text('url').notNull(),
    label: text('label').notNull(),
    /** The HMAC key (lib/alerts/webhook-signing.ts); shown on the admin page only. */
    secret: text('secret').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** Why it was switched off, when the receiver said so (410 Gone) rather than an admin. */
    disabledReason: text('disabled_reason'),
  },
  () => [check('webhook_destinations_url_check', sql`url LIKE 'http://%' OR url LIKE 'https://%'`)],
);

/** A saved view's alerts to one destination. */
export const webhookSubscriptions = sqliteTable(
  'webhook_subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    savedViewId: integer('saved_view_id')
      .notNull()
      .references(() => savedViews.id, { onDelete: 'cascade' }),
    destinationId: integer('destination_id')
      .notNull()
      .references(() => webhookDestinations.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('webhook_subscriptions_pair_idx').on(t.savedViewId, t.destinationId), index('webhook_subscriptions_destination_idx').on(t.destinationId)],
);

export const DELIVERY_STATES = ['pending', 'delivered', 'failed', 'gave_up'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * The outbox and the delivery log in one (decision 0035): a write that records or publishes an
 * event inserts `pending` rows in its own transaction; the dispatcher sends them after commit and
 * records each attempt here. `failed` waits for its retry at `next_attempt_at`.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    eventId: integer('event_id').notNull(),
    /** "recorded" (created published) or "published" (a draft published). */
    trigger: text('trigger').notNull(),
    /** The JSON body, fixed when the event was written, so every retry sends the same bytes. */
    payload: text('payload').notNull(),
    payloadHash: text('payload_hash').notNull(),
    attempt: integer('attempt').notNull().default(0),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    nextAttemptAt: text('next_attempt_at'),
    state: text('state', { enum: DELIVERY_STATES }).notNull().default('pending'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.state, t.nextAttemptAt),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.id),
    check('webhook_deliveries_state_check', inList('state', DELIVERY_STATES)),
  ],
);

export type SavedViewRow = typeof savedViews.$inferSelect;
export type WebhookDestinationRow = typeof webhookDestinations.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

export type ListVersionRow = typeof listVersions.$inferSelect;
export type ListEntryRow = typeof listEntries.$inferSelect;
export type ListProposalRow = typeof listProposals.$inferSelect;
export type ListMatchRow = typeof listMatches.$inferSelect;

export type EventRow = typeof events.$inferSelect;
export type NewEventRow = typeof events.$inferInsert;
export type EntityRow = typeof entities.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;
export type TagRow = typeof tags.$inferSelect;
export type RevisionRow = typeof revisions.$inferSelect;
export type EntityMergeRow = typeof entityMerges.$inferSelect;
export type StandingChangeRow = typeof standingChanges.$inferSelect;

export * from './auth-schema';
export type ImportCommitRow = typeof importCommits.$inferSelect;
