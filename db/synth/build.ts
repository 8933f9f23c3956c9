/**
 * Writes a synthetic data set into a new SQLite file. The schema comes from the app's own
 * migrations; rows go in through multi-row prepared statements in large transactions with the
 * journal and fsyncs off (a failed build is thrown away, never repaired), then the search index
 * is rebuilt in one statement and the file is left in the state the app expects: WAL mode,
 * statistics gathered, integrity checked. See docs/decisions/0008-synthetic-data.md.
 *
 * The triggers that maintain derived data (db/derived/counts.ts) are dropped for the load like the
 * indexes: the loader writes the junction rows' event facts and first-role flags itself, and the
 * counts are computed once at the end.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { openDatabase } from '@/db/engine/client';
import { rebuildDerived } from '@/db/derived/counts';
import { migrateDatabase } from '@/db/engine/migrate';
import { rebuildSearchIndex } from '@/db/derived/search-index';
import { BulkInsert } from './bulk-insert';
import { synthesise } from './generate';
import { standingCounterparts } from './standings';
import { entitySnapshotJson, eventSnapshotJson } from './snapshots';

/** Who the revisions of synthetic rows name as the author. */
export const SYNTH_ACTOR = 'synthetic data script';

export interface BuildOptions {
  file: string;
  events: number;
  seed: string;
  /** Write an `import` revision per event and entity (and a `delete` one per deleted event). */
  revisions: boolean;
  /** Drop the migrations' secondary indexes for the load and recreate them after it (faster at scale). */
  deferIndexes?: boolean;
  onProgress?: (progress: BuildProgress) => void;
}

export type BuildPhase = 'schema' | 'entities' | 'events' | 'standings' | 'indexes' | 'counts' | 'search' | 'analyze' | 'check';

export interface BuildProgress {
  phase: BuildPhase;
  done?: number;
  total?: number;
}

export interface BuildResult {
  counts: Record<string, number>;
  phases: { phase: BuildPhase; ms: number }[];
  bytes: number;
}

export const SYNTH_TABLES = [
  'events',
  'event_countries',
  'event_entities',
  'event_tags',
  'event_links',
  'sources',
  'entities',
  'entity_aliases',
  'tags',
  'revisions',
  'events_fts',
  'standing_changes',
  'standing_change_evidence',
] as const;

/** Rows per transaction: large enough that commits cost nothing, small enough to report progress. */
const EVENTS_PER_COMMIT = 25_000;

/** Times each phase of a build and reports the start of the next. */
class PhaseClock {
  readonly phases: BuildResult['phases'] = [];
  private phase: BuildPhase = 'schema';
  private started = performance.now();

  constructor(private readonly onProgress: BuildOptions['onProgress']) {
    onProgress?.({ phase: this.phase });
  }

  enter(next: BuildPhase | null): void {
    const now = performance.now();
    this.phases.push({ phase: this.phase, ms: now - this.started });
    this.started = now;
    if (next) {
      this.phase = next;
      this.onProgress?.({ phase: next });
    }
  }
}

/**
 * Settings for the load only: nothing here needs to survive a crash, so no journal and no fsync.
 * The app's own settings (WAL, synchronous FULL, foreign keys) apply when it opens the file.
 */
function prepareForLoad(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  // Every reference is generated to exist, and the tests run foreign_key_check on a built file.
  sqlite.pragma('foreign_keys = OFF');
  // CHECK constraints cost about as much as the insert itself; quick_check at the end verifies
  // every CHECK on every row, so a generator bug still fails the build.
  sqlite.pragma('ignore_check_constraints = ON');
}

const EVENT_FACTS = ['event_visibility', 'event_type', 'event_date', 'event_date_precision'];

/** One multi-row INSERT per table the load writes, and a commit that flushes them all. */
function loadWriters(sqlite: Database.Database) {
  const w = {
    tags: new BulkInsert(sqlite, 'tags', ['id', 'slug', 'label']),
    entities: new BulkInsert(sqlite, 'entities', [
      'id', 'kind', 'name', 'description', 'country_code', 'opensanctions_id', 'ofac_uid', 'created_at', 'updated_at', 'version',
    ]),
    aliases: new BulkInsert(sqlite, 'entity_aliases', ['entity_id', 'alias']),
    events: new BulkInsert(sqlite, 'events', [
      'id', 'type', 'title', 'summary', 'details', 'date', 'date_precision', 'effective_date', 'effective_date_precision',
      'end_date', 'end_date_precision', 'status', 'legal_authority', 'program', 'external_id', 'created_at', 'updated_at',
      'version', 'deleted_at',
    ], 32),
    countries: new BulkInsert(sqlite, 'event_countries', ['event_id', 'country_code', 'role', ...EVENT_FACTS, 'first_role']),
    actors: new BulkInsert(sqlite, 'event_entities', ['event_id', 'entity_id', 'role', ...EVENT_FACTS, 'first_role']),
    eventTags: new BulkInsert(sqlite, 'event_tags', ['event_id', 'tag_id', ...EVENT_FACTS]),
    sources: new BulkInsert(sqlite, 'sources', ['event_id', 'url', 'title', 'publisher', 'published_date', 'excerpt', 'position']),
    links: new BulkInsert(sqlite, 'event_links', ['from_event_id', 'to_event_id', 'kind']),
    standings: new BulkInsert(sqlite, 'standing_changes', [
      'id', 'subject', 'counterpart', 'date', 'precision', 'status', 'level', 'embassy', 'ambassador_recalled', 'note', 'created_at', 'updated_at', 'version',
    ]),
    evidence: new BulkInsert(sqlite, 'standing_change_evidence', ['change_id', 'event_id']),
    revisions: new BulkInsert(sqlite, 'revisions', ['record_type', 'record_id', 'action', 'version', 'actor', 'created_at', 'snapshot'], 32),
  };
  const flush = () => {
    for (const buffer of Object.values(w)) buffer.flush();
  };
  return {
    ...w,
    flush,
    commit: () => {
      flush();
      sqlite.exec('COMMIT; BEGIN');
    },
  };
}

type Writers = ReturnType<typeof loadWriters>;
type SynthData = ReturnType<typeof synthesise>;

function loadEntities(data: SynthData, w: Writers, options: BuildOptions): void {
  const total = data.entityIndex.count;
  for (const e of data.entities) {
    w.entities.push(e.id, e.kind, e.name, e.description, e.countryCode, e.opensanctionsId, e.ofacUid, e.createdAt, e.createdAt, 1);
    for (const alias of e.aliases) w.aliases.push(e.id, alias);
    if (options.revisions) w.revisions.push('entity', e.id, 'import', 1, SYNTH_ACTOR, e.createdAt, entitySnapshotJson(e));
    if (e.id % EVENTS_PER_COMMIT === 0) {
      w.commit();
      options.onProgress?.({ phase: 'entities', done: e.id, total });
    }
  }
  w.commit();
}

/** Events with their junction rows (carrying the event's facts, as the triggers would), sources, links and history. */
function loadEvents(data: SynthData, w: Writers, options: BuildOptions): Map<string, number[]> {
  const names = data.entityIndex.names;
  const pools = new EvidencePools(standingCounterparts(data.countryOrder));
  const tagLabels = data.tags.map((t) => t.label);
  for (const e of data.events()) {
    w.events.push(
      e.id, e.type, e.title, e.summary, e.details, e.date, e.datePrecision, e.effectiveDate, e.effectiveDatePrecision,
      e.endDate, e.endDatePrecision, e.status, e.legalAuthority, e.program, e.externalId, e.createdAt, e.updatedAt,
      e.version, e.deletedAt,
    );
    const f = [e.deletedAt ? 'deleted' : e.status, e.type, e.date, e.datePrecision] as const;
    if (f[0] === 'published') pools.offer(e.id, e.countries);
    for (const c of e.countries) w.countries.push(e.id, c.code, c.role, ...f, isFirstRole(e.countries, c.code, c.role, (x) => x.code));
    for (const a of e.actors) w.actors.push(e.id, a.entityId, a.role, ...f, isFirstRole(e.actors, a.entityId, a.role, (x) => x.entityId));
    for (const t of e.tagIds) w.eventTags.push(e.id, t, ...f);
    for (let i = 0; i < e.sources.length; i++) {
      const s = e.sources[i]!;
      w.sources.push(e.id, s.url, s.title, s.publisher, s.publishedDate, s.excerpt, i);
    }
    for (const l of e.links) w.links.push(e.id, l.toEventId, l.kind);
    if (options.revisions) {
      const created = { version: 1, updatedAt: e.createdAt, deletedAt: null };
      w.revisions.push('event', e.id, 'import', 1, SYNTH_ACTOR, e.createdAt, eventSnapshotJson(e, names, tagLabels, created));
      if (e.deletedAt) {
        const deleted = { version: e.version, updatedAt: e.updatedAt, deletedAt: e.deletedAt };
        w.revisions.push('event', e.id, 'delete', e.version, SYNTH_ACTOR, e.deletedAt, eventSnapshotJson(e, names, tagLabels, deleted));
      }
    }
    if (e.id % EVENTS_PER_COMMIT === 0) {
      w.commit();
      options.onProgress?.({ phase: 'events', done: e.id, total: options.events });
    }
  }
  return pools.pools;
}

/** Up to POOL_SIZE published events per counterpart, spread over the whole id range (every k-th). */
const POOL_SIZE = 2_000;
class EvidencePools {
  readonly pools = new Map<string, number[]>();
  private readonly seen = new Map<string, number>();
  constructor(counterparts: readonly string[]) {
    for (const c of counterparts) {
      this.pools.set(c, []);
      this.seen.set(c, 0);
    }
  }
  offer(id: number, countries: readonly { code: string }[]): void {
    let last = '';
    for (const { code } of countries) {
      if (code === last) continue;
      last = code;
      const pool = this.pools.get(code);
      if (!pool) continue;
      const n = this.seen.get(code)! + 1;
      this.seen.set(code, n);
      if (pool.length < POOL_SIZE) pool.push(id);
      // Thin the pool as it fills, so that it keeps a spread of ids and stays small.
      else if (n % 7 === 0) pool[(n >>> 3) % POOL_SIZE] = id;
    }
  }
}

/** Standing changes with their evidence (and an `import` revision each, like events). */
function loadStandings(data: SynthData, pools: Map<string, number[]>, w: Writers, options: BuildOptions): void {
  for (const c of data.standingChanges(pools)) {
    w.standings.push(c.id, c.subject, c.counterpart, c.date, c.precision, c.status, c.level, c.embassy, c.ambassadorRecalled, c.note, c.createdAt, c.createdAt, 1);
    for (const eventId of c.evidenceEventIds) w.evidence.push(c.id, eventId);
    if (options.revisions) {
      const { id, evidenceEventIds, createdAt, ...rest } = c;
      const snapshot = { id, ...rest, evidenceEventIds, version: 1, createdAt, updatedAt: createdAt, createdBy: null, updatedBy: null, deletedAt: null };
      w.revisions.push('standing_change', id, 'import', 1, SYNTH_ACTOR, createdAt, JSON.stringify(snapshot));
    }
  }
}

/** Back to the state the app expects: WAL, every CHECK verified, and the row counts of the build. */
function checkBuilt(sqlite: Database.Database): Record<string, number> {
  sqlite.pragma('ignore_check_constraints = OFF');
  sqlite.pragma('journal_mode = WAL');
  const check = sqlite.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new Error(`quick_check on the synthetic database reported: ${String(check)}`);
  const counts: Record<string, number> = {};
  for (const table of SYNTH_TABLES) {
    counts[table] = (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}

export function buildSynthDatabase(options: BuildOptions): BuildResult {
  if (fs.existsSync(options.file)) throw new Error(`buildSynthDatabase: ${options.file} already exists`);
  const clock = new PhaseClock(options.onProgress);
  const { sqlite, db } = openDatabase(options.file, { check: false });
  try {
    migrateDatabase(db);
    prepareForLoad(sqlite);
    const deferred = (options.deferIndexes ?? true) ? dropSecondaryIndexes(sqlite) : [];
    const triggers = dropTriggers(sqlite);

    const data = synthesise(options.seed, options.events);
    const w = loadWriters(sqlite);
    sqlite.exec('BEGIN');
    for (const t of data.tags) w.tags.push(t.id, t.slug, t.label);

    clock.enter('entities');
    loadEntities(data, w, options);

    clock.enter('events');
    const pools = loadEvents(data, w, options);

    clock.enter('standings');
    loadStandings(data, pools, w, options);
    w.flush();
    sqlite.exec('COMMIT');
    options.onProgress?.({ phase: 'events', done: options.events, total: options.events });

    if (deferred.length > 0) {
      clock.enter('indexes');
      for (const { sql } of deferred) sqlite.exec(sql);
    }

    clock.enter('counts');
    sqlite.exec('BEGIN');
    rebuildDerived(sqlite, { facts: false });
    for (const { sql } of triggers) sqlite.exec(sql);
    sqlite.exec('COMMIT');

    clock.enter('search');
    rebuildSearchIndex(db);

    clock.enter('analyze');
    sqlite.exec('ANALYZE');
    sqlite.pragma('optimize');

    clock.enter('check');
    const counts = checkBuilt(sqlite);
    sqlite.close();
    clock.enter(null);
    return { counts, phases: clock.phases, bytes: fs.statSync(options.file).size };
  } catch (err) {
    if (sqlite.open) sqlite.close();
    throw err;
  }
}

/** 1 on the row that the triggers would mark as its (event, value)'s first role: the smallest role. */
function isFirstRole<T extends { role: string }, V>(rows: readonly T[], value: V, role: string, valueOf: (r: T) => V): number {
  return rows.some((r) => valueOf(r) === value && r.role < role) ? 0 : 1;
}

/** Drops every trigger (they maintain derived data row by row) and returns their SQL to recreate them. */
function dropTriggers(sqlite: Database.Database): { name: string; sql: string }[] {
  const triggers = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)
    .all() as { name: string; sql: string }[];
  for (const { name } of triggers) sqlite.exec(`DROP TRIGGER "${name.replace(/"/g, '""')}"`);
  return triggers;
}

/**
 * Drops every index the migrations declared, whatever they are (not the ones behind PRIMARY KEY
 * or UNIQUE constraints, which have no SQL), and returns their SQL to recreate them.
 */
function dropSecondaryIndexes(sqlite: Database.Database): { name: string; sql: string }[] {
  const indexes = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
    .all() as { name: string; sql: string }[];
  for (const { name } of indexes) sqlite.exec(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  return indexes;
}
