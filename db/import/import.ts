/**
 * CSV import. `planImport` is the dry run: for every row, whether it will create an event, update
 * one (matched by id), change nothing, or fail, with each problem named by row and column, and
 * warnings that do not stop it (a new row that looks like an event already recorded, an actor the
 * file calls another kind than the one recorded). `applyImport` writes what the editor confirmed,
 * or nothing at all.
 *
 * The confirmation is bound to the database state the dry run was checked against: the plan's
 * digest covers what would be written and the state (the last revision's id: every change to
 * events and actors appends one). The commit plans again, refuses unless it finds the same digest,
 * then writes in one IMMEDIATE transaction that first checks the state has not moved since. Each
 * committed digest is recorded (`import_commits`), so sending the same confirmation twice is
 * refused with when and by whom it was imported, instead of creating the rows again.
 *
 * The planning, which is most of the work, runs before the transaction and, through the `*Async`
 * functions the route uses, in chunks that give the event loop back to other requests; the writing
 * uses statements prepared once (`createEventsInBulk`), so the server keeps answering during a
 * 5,000-row import.
 *
 * Actors are matched by name or alias under their name key (lib/text/normalise.ts: case, accents,
 * invisible characters, full-width letters and Arabic letter variants do not count); names
 * that match no actor are created, of the kind the file gives ("Name (target, person)") or as
 * organisations. Tags are matched by slug. Columns missing from the file leave an updated event's
 * fields as they are, so exporting a view and importing the file again changes nothing.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '@/db/engine/client';
import { commitInWorker, warmImportWorker } from './worker-client';
import { createEntitiesInBulk } from '@/db/mutations/entities';
import { createEventsInBulk, NothingChanged, snapshotToInput, updateEventInTx } from '@/db/mutations/events';
import { eventSnapshot, type ChangeActor, type EventSnapshot } from '@/db/mutations/revisions';
import { entities, entityAliases, events, importCommits, tags, type ImportCommitRow } from '@/db/schema';
import type { CellError, CsvRow, ImportColumn, ParsedRow } from '@/lib/csv/import';
import { parseRow } from '@/lib/csv/import';
import { contentFromInput, contentFromSnapshot, EVENT_FIELDS, fieldEquals } from '@/lib/event-content';
import { titleComparer } from '@/lib/similar-title';
import { slugify } from '@/lib/slug';
import { nameKey } from '@/lib/text/normalise';
import { entityInputSchema } from '@/lib/validation/entity';
import { eventInputSchema, type EventInput, type EventInputRaw } from '@/lib/validation/event';
import { ENTITY_KIND_LABELS, EVENT_STATUSES, type EntityKind, type EntityRole } from '@/lib/vocabulary';

export type ImportAction = 'create' | 'update' | 'unchanged' | 'error';

/** What the editor sees for one row of the dry run. */
export interface ImportRowPlan {
  line: number;
  action: ImportAction;
  eventId: number | null;
  title: string;
  errors: CellError[];
  /** Worth a look, but no reason to stop: a look-alike of an existing event, an actor's kind. */
  warnings: CellError[];
  /** For updates: the fields that change, as people read them. */
  changes: string[];
  /** Actor names in this row that match no actor and will be created. */
  newActors: string[];
  /** Tags in this row that do not exist yet. */
  newTags: string[];
}

export interface ImportPlan {
  fileName: string;
  rows: ImportRowPlan[];
  counts: Record<ImportAction, number>;
  ignoredColumns: string[];
  newActors: string[];
  /** The kind each new actor will have: the file's, or organisation when it does not say. */
  newActorKinds: Record<string, EntityKind>;
  newTags: string[];
  /** Fingerprint of what the import would write and of the database state it was checked against. */
  digest: string;
}

/** Kind given to actors an import creates when the file does not say; staff can change it on the actor's page. */
export const IMPORTED_ACTOR_KIND = 'organisation' as const;

/** Rows planned between two turns of the event loop. */
const CHUNK = 250;

interface ActorRef {
  entityId: number | null;
  /** The key new actors are found by (lib/text/normalise.ts `nameKey`). */
  key: string;
  role: EntityRole;
}

export interface PreparedRow {
  plan: ImportRowPlan;
  input?: EventInput;
  actors?: ActorRef[];
  expectedVersion?: number;
}

export interface Preparation {
  plan: ImportPlan;
  prepared: PreparedRow[];
  /** The database state the plan was made in. */
  state: number;
  /** Stored names of the existing actors the rows name. */
  actorNames: Map<number, string>;
  /** New actors by key, with the name and kind they will be created with. */
  newActors: Map<string, { name: string; kind: EntityKind }>;
}

const COLUMN_OF_FIELD: Record<string, ImportColumn> = {
  type: 'type',
  title: 'title',
  summary: 'summary',
  details: 'details',
  date: 'date',
  datePrecision: 'date_precision',
  effectiveDate: 'effective_date',
  effectiveDatePrecision: 'effective_date',
  endDate: 'end_date',
  endDatePrecision: 'end_date',
  status: 'status',
  legalAuthority: 'legal_authority',
  program: 'program',
  countries: 'countries',
  actors: 'actors',
  tags: 'tags',
};

function issueToCellError(issue: { path: PropertyKey[]; message: string }): CellError {
  const [field, index, sub] = issue.path as (string | number)[];
  if (field === 'sources') {
    return { column: sub === 'url' ? 'source_urls' : 'source_titles', message: `Source ${Number(index) + 1}: ${issue.message}` };
  }
  const column = COLUMN_OF_FIELD[String(field)] ?? 'title';
  const prefix = typeof index === 'number' ? `${column === 'tags' ? 'Tag' : column === 'countries' ? 'Country' : 'Entry'} ${index + 1}: ` : '';
  return { column, message: `${prefix}${issue.message}` };
}

/**
 * The state a dry run is bound to: the newest revision. Every change to an event or an actor, by
 * the app or a script, appends one (revisions cannot be deleted), so the number only grows.
 */
export function databaseState(db: DbOrTx): number {
  return db.get<{ n: number }>(sql`SELECT coalesce(max(id), 0) AS n FROM revisions`).n;
}

export interface MatchedActor {
  id: number;
  name: string;
  kind: EntityKind;
}

/**
 * What the dry run reads, synchronously: SQLite's own queries (`sqliteImportReader`), or what was
 * read from PostgreSQL beforehand (db/pg/import.ts), so that one planning code serves both engines.
 */
export interface ImportReader {
  /** The newest revision (`databaseState`). */
  state(): number;
  /** Actors (not merged) by name, and by each alias. */
  actors(): { names: MatchedActor[]; aliases: (MatchedActor & { alias: string })[] };
  /** Stored labels of the tags with these slugs. */
  tags(slugs: string[]): { slug: string; label: string }[];
  /** Whether an event exists, and when it was deleted. */
  event(id: number): { deletedAt: string | null } | undefined;
  /** The stored event, and the input it would be saved with unchanged (merged actors resolved). */
  snapshot(id: number): { snapshot: EventSnapshot; input: Partial<EventInputRaw> };
  /** Live events of one type on one date (and precision), for the look-alike warnings. */
  sameDay(type: string, date: string, datePrecision: string): { id: number; title: string }[];
}

/** The reader over a SQLite database. */
export function sqliteImportReader(db: DbOrTx): ImportReader {
  const p = sql.placeholder;
  let sameDay: { all: (values: Record<string, unknown>) => { id: number; title: string }[] } | null = null;
  return {
    state: () => databaseState(db),
    actors() {
      const columns = { id: entities.id, name: entities.name, kind: entities.kind };
      const names = db.select(columns).from(entities).where(isNull(entities.mergedIntoId)).all();
      const aliases = db
        .select({ ...columns, alias: entityAliases.alias })
        .from(entityAliases)
        .innerJoin(entities, eq(entities.id, entityAliases.entityId))
        .where(isNull(entities.mergedIntoId))
        .all();
      return { names, aliases };
    },
    tags(slugs) {
      const out: { slug: string; label: string }[] = [];
      for (let i = 0; i < slugs.length; i += 400) out.push(...db.select({ slug: tags.slug, label: tags.label }).from(tags).where(inArray(tags.slug, slugs.slice(i, i + 400))).all());
      return out;
    },
    event: (id) => db.select({ id: events.id, deletedAt: events.deletedAt }).from(events).where(eq(events.id, id)).get(),
    snapshot(id) {
      const snapshot = eventSnapshot(db, id);
      return { snapshot, input: snapshotToInput(db as Tx, snapshot) };
    },
    sameDay(type, date, datePrecision) {
      sameDay ??= db
        .select({ id: events.id, title: events.title })
        .from(events)
        .where(and(inArray(events.status, [...EVENT_STATUSES]), eq(events.type, p('type')), eq(events.date, p('date')), eq(events.datePrecision, p('datePrecision')), isNull(events.deletedAt)))
        .prepare();
      return sameDay.all({ type, date, datePrecision });
    },
  };
}

/**
 * Finds actors by name or alias under their name key; merged actors are not matched. Keys are
 * computed here, once per dry run or commit, over every name (as db/mutations/entities.ts
 * `namesakesOf` does, and at the same cost).
 */
function matchActors(reader: ImportReader, keys: string[]): Map<string, MatchedActor[]> {
  const out = new Map<string, MatchedActor[]>();
  const wanted = new Set(keys);
  if (wanted.size === 0) return out;
  const add = (actor: MatchedActor, name: string) => {
    const key = nameKey(name);
    if (!wanted.has(key)) return;
    const found = out.get(key) ?? [];
    if (!found.some((a) => a.id === actor.id)) found.push(actor);
    out.set(key, found);
  };
  const { names, aliases } = reader.actors();
  for (const r of names) add(r, r.name);
  for (const { alias, ...actor } of aliases) add(actor, alias);
  return out;
}

function existingTagLabels(reader: ImportReader, labels: string[]): Map<string, string> {
  const slugs = [...new Set(labels.map((label) => slugify(label)).filter(Boolean))];
  return new Map(reader.tags(slugs).map((t) => [t.slug, t.label]));
}

function count(rows: ImportRowPlan[]): Record<ImportAction, number> {
  const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.action]++;
  return counts;
}

const kindLabel = (kind: EntityKind) => ENTITY_KIND_LABELS[kind].toLowerCase();

/**
 * The dry run's work, in steps: the generator yields between chunks of rows, so that a caller on
 * the server can let other requests run (`runYielding`); `runAtOnce` does it in one go.
 */
export function* prepareSteps(
  reader: ImportReader,
  rows: CsvRow[],
  fileName: string,
  ignoredColumns: string[],
  { warnings = true }: { warnings?: boolean } = {},
): Generator<void, Preparation, void> {
  const state = reader.state();
  const parsed: ParsedRow[] = [];
  for (const [i, row] of rows.entries()) {
    parsed.push(parseRow(row));
    if (i % CHUNK === CHUNK - 1) yield;
  }

  // Actor names as the actor form would store them (whitespace collapsed), checked once each.
  const checked = new Map<string, { name: string } | { error: string }>();
  const checkName = (raw: string) => {
    let result = checked.get(raw);
    if (!result) {
      const check = entityInputSchema.safeParse({ kind: IMPORTED_ACTOR_KIND, name: raw });
      result = check.success ? { name: check.data.name } : { error: check.error.issues[0]!.message };
      checked.set(raw, result);
    }
    return result;
  };
  const keyOf = (raw: string) => {
    const c = checkName(raw);
    return nameKey('name' in c ? c.name : raw);
  };
  const matches = matchActors(reader, parsed.flatMap((r) => r.actors?.map((a) => keyOf(a.name)) ?? []));
  const actorNames = new Map<number, string>();
  for (const found of matches.values()) for (const a of found) actorNames.set(a.id, a.name);
  const tagLabels = existingTagLabels(reader, parsed.flatMap((r) => r.fields.tags ?? []));
  yield;

  // New actors: the first spelling and the first kind the file gives a name are the ones created.
  const newActors = new Map<string, { name: string; kind: EntityKind; kindLine: number | null }>();
  for (const row of parsed) {
    for (const a of row.actors ?? []) {
      const key = keyOf(a.name);
      const c = checkName(a.name);
      if (matches.has(key) || !('name' in c)) continue;
      const known = newActors.get(key);
      if (!known) newActors.set(key, { name: c.name, kind: a.kind ?? IMPORTED_ACTOR_KIND, kindLine: a.kind ? row.line : null });
      else if (a.kind && known.kindLine === null) Object.assign(known, { kind: a.kind, kindLine: row.line });
    }
  }

  const seenIds = new Map<number, number>();
  const prepared: PreparedRow[] = [];
  for (const [i, row] of parsed.entries()) {
    prepared.push(prepareRow(reader, row, { keyOf, checkName, matches, newActors, tagLabels, seenIds }));
    if (i % CHUNK === CHUNK - 1) yield;
  }
  // The commit needs only the digest: warnings were for the editor reading the dry run.
  if (warnings) yield* warnAboutLookalikes(reader, prepared);

  const planRows = prepared.map((p) => p.plan);
  const writtenActors = new Set(prepared.flatMap((p) => (p.plan.action === 'error' ? [] : (p.actors ?? []).filter((a) => a.entityId === null).map((a) => a.key))));
  const created = [...newActors].filter(([key]) => writtenActors.has(key));
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        state,
        created.map(([, a]) => [a.name, a.kind]),
        prepared.map((p) => [p.plan.line, p.plan.action, p.plan.eventId, p.expectedVersion ?? null, p.input ?? null, p.actors ?? null]),
      ]),
    )
    .digest('hex');
  return {
    prepared,
    state,
    actorNames,
    newActors: new Map(created.map(([key, a]) => [key, { name: a.name, kind: a.kind }])),
    plan: {
      fileName,
      rows: planRows,
      counts: count(planRows),
      ignoredColumns,
      newActors: created.map(([, a]) => a.name),
      newActorKinds: Object.fromEntries(created.map(([, a]) => [a.name, a.kind])),
      newTags: [...new Set(planRows.flatMap((r) => (r.action === 'error' ? [] : r.newTags)))],
      digest,
    },
  };
}

interface RowContext {
  keyOf: (raw: string) => string;
  checkName: (raw: string) => { name: string } | { error: string };
  matches: Map<string, MatchedActor[]>;
  newActors: Map<string, { name: string; kind: EntityKind; kindLine: number | null }>;
  tagLabels: Map<string, string>;
  seenIds: Map<number, number>;
}

function prepareRow(reader: ImportReader, row: ParsedRow, ctx: RowContext): PreparedRow {
  const errors: CellError[] = [...row.errors];
  const warnings: CellError[] = [];
  const plan: ImportRowPlan = {
    line: row.line,
    action: 'error',
    eventId: row.id,
    title: row.fields.title ?? '',
    errors,
    warnings,
    changes: [],
    newActors: [],
    newTags: [],
  };

  // Actors: by name or alias; unknown names become new actors, ambiguous ones are refused.
  const actors: ActorRef[] | undefined = row.actors?.map(({ name, role, kind }) => {
    const key = ctx.keyOf(name);
    const found = ctx.matches.get(key) ?? [];
    if (found.length > 1) {
      errors.push({
        column: 'actors',
        message: `"${name}" matches ${found.length} actors (${found.map((a) => `#${a.id}`).join(', ')}); merge the duplicates or rename one, then import again.`,
      });
    } else if (found.length === 1 && kind && kind !== found[0]!.kind) {
      warnings.push({
        column: 'actors',
        message: `"${found[0]!.name}" is recorded as a ${kindLabel(found[0]!.kind)}, not a ${kindLabel(kind)}; the import does not change an actor's kind (change it on the actor's page).`,
      });
    } else if (found.length === 0) {
      const check = ctx.checkName(name);
      if ('error' in check) errors.push({ column: 'actors', message: `"${name}": ${check.error}` });
      else {
        const created = ctx.newActors.get(key)!;
        if (kind && kind !== created.kind) {
          errors.push({
            column: 'actors',
            message: `"${name}" is a ${kindLabel(created.kind)} at line ${created.kindLine}; give one kind for an actor.`,
          });
        }
        if (!plan.newActors.includes(created.name)) plan.newActors.push(created.name);
      }
    }
    return { entityId: found.length === 1 ? found[0]!.id : null, key, role };
  });

  const fileTags = row.fields.tags?.map((label) => ctx.tagLabels.get(slugify(label)) ?? label);
  plan.newTags = (fileTags ?? []).filter((label) => !ctx.tagLabels.has(slugify(label)));

  let existing: EventSnapshot | null = null;
  let existingInput: Partial<EventInputRaw> | null = null;
  if (row.id !== null) {
    const first = ctx.seenIds.get(row.id);
    if (first !== undefined) errors.push({ column: 'id', message: `Event #${row.id} is already in the file at line ${first}.` });
    ctx.seenIds.set(row.id, row.line);
    const found = reader.event(row.id);
    if (!found) errors.push({ column: 'id', message: `There is no event #${row.id}. Leave id empty to create a new event.` });
    else if (found.deletedAt) errors.push({ column: 'id', message: `Event #${row.id} is deleted; restore it first, or leave id empty to create a new event.` });
    else ({ snapshot: existing, input: existingInput } = reader.snapshot(row.id));
  }

  // The event as it will be: the stored one (for an update) with the file's columns on top.
  const base: Partial<EventInputRaw> = existingInput ?? { status: 'draft' };
  const f = row.fields;
  const raw: Record<string, unknown> = { ...base };
  for (const key of ['type', 'title', 'summary', 'details', 'status', 'legalAuthority', 'program', 'countries'] as const) {
    if (f[key] !== undefined) raw[key] = f[key];
  }
  if (f.date !== undefined) {
    raw.date = f.date;
    raw.datePrecision = f.datePrecision;
  }
  if (f.effectiveDate !== undefined) {
    raw.effectiveDate = f.effectiveDate;
    raw.effectiveDatePrecision = undefined;
  }
  if (f.endDate !== undefined) {
    raw.endDate = f.endDate;
    raw.endDatePrecision = undefined;
  }
  if (fileTags) raw.tags = fileTags;
  if (f.sources) {
    // Keep what the CSV cannot carry (publisher, date, excerpt) for sources it names unchanged.
    const kept = existing?.sources ?? [];
    raw.sources = f.sources.map((s) => kept.find((k) => k.url === s.url && k.title === s.title) ?? { ...s, publisher: null, publishedDate: null, excerpt: null, note: null });
  }
  // Actors are checked against the database above; the schema sees the known ones only.
  const knownActors = actors ? actors.filter((a) => a.entityId !== null).map((a) => ({ entityId: a.entityId!, role: a.role })) : undefined;
  if (knownActors) raw.actors = knownActors;

  const result = eventInputSchema.safeParse(raw);
  if (!result.success) {
    // A column the row's reading already found wrong is not reported twice.
    const reported = new Set(row.errors.map((e) => e.column));
    errors.push(...result.error.issues.map(issueToCellError).filter((e) => !reported.has(e.column)));
  }
  if (errors.length > 0 || !result.success) return { plan };

  plan.title = result.data.title;
  const allActors: ActorRef[] = actors ?? (existing?.actors ?? []).map((a) => ({ entityId: a.entityId, key: nameKey(a.name), role: a.role }));
  if (!existing) return { plan: { ...plan, action: 'create' }, input: result.data, actors: allActors };

  // An update: which fields change? New actors always count as a change.
  const names = new Map(existing.actors.map((a) => [a.entityId, a.name]));
  const before = contentFromSnapshot(existing);
  const after = contentFromInput(
    { ...result.data, actors: allActors.map((a) => ({ entityId: a.entityId ?? -1, role: a.role })) },
    (id) => names.get(id) ?? '',
  );
  plan.changes = EVENT_FIELDS.filter((field) => !fieldEquals(before, after, field.key)).map((field) => field.label);
  return {
    plan: { ...plan, action: plan.changes.length > 0 ? 'update' : 'unchanged' },
    input: result.data,
    actors: allActors,
    expectedVersion: existing.version,
  };
}

/**
 * A new row that looks like an event already recorded, or like an earlier row of the file: same
 * type, same date (and precision), similar title (lib/similar-title.ts). A warning, not a problem:
 * two designations on one day can share most of their words.
 */
export function* warnAboutLookalikes(reader: ImportReader, prepared: PreparedRow[]): Generator<void, void, void> {
  const titles = titleComparer();
  const earlier = new Map<string, { line: number; title: string }[]>();
  for (const [i, row] of prepared.entries()) {
    if (row.plan.action === 'create' && row.input) {
      const { type, date, datePrecision, title } = row.input;
      const similar = reader.sameDay(type, date, datePrecision).filter((e) => titles.similar(e.title, title));
      for (const e of similar.slice(0, 3)) {
        row.plan.warnings.push({
          column: 'title',
          message: `Looks like event #${e.id}, "${e.title}" (same type, date and a similar title). If it is that event, put ${e.id} in the id column to update it, or leave the row out.`,
        });
      }
      if (similar.length > 3) row.plan.warnings.push({ column: 'title', message: `…and ${similar.length - 3} more events like it.` });
      const key = `${type}|${date}|${datePrecision}`;
      const twin = earlier.get(key)?.find((r) => titles.similar(r.title, title));
      if (twin) row.plan.warnings.push({ column: 'title', message: `Looks like line ${twin.line} of this file (same type, date and a similar title).` });
      earlier.set(key, [...(earlier.get(key) ?? []), { line: row.plan.line, title }]);
    }
    if (i % CHUNK === CHUNK - 1) yield;
  }
}

export function runAtOnce<T>(steps: Generator<void, T, void>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Runs the steps, letting other requests in between them (setImmediate: after pending I/O). */
export async function runYielding<T>(steps: Generator<void, T, void>): Promise<T> {
  let step = steps.next();
  while (!step.done) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    step = steps.next();
  }
  return step.value;
}

/**
 * The last dry runs of each connection, kept for a few minutes so that confirming one does not
 * plan the whole file again (for 5,000 rows, most of a commit's time). Only a shortcut: the entry
 * must be for the same rows, file name and digest, the commit checks in its transaction that the
 * database is still in the state the dry run saw, and a confirmation that finds nothing here (an
 * older dry run, another process, a restart) plans again. At most two per connection.
 */
const RECENT_PLANS = 2;
const RECENT_PLAN_MS = 10 * 60_000;
const recentPlans = new WeakMap<object, Map<string, { prep: Preparation; at: number }>>();

export function inputKey(rows: CsvRow[], fileName: string, ignoredColumns: string[]): string {
  return createHash('sha256').update(JSON.stringify([fileName, ignoredColumns, rows])).digest('hex');
}

export function remember(db: object, key: string, prep: Preparation): void {
  const plans = recentPlans.get(db) ?? new Map<string, { prep: Preparation; at: number }>();
  recentPlans.set(db, plans);
  plans.delete(key);
  plans.set(key, { prep, at: Date.now() });
  for (const k of plans.keys()) if (plans.size > RECENT_PLANS) plans.delete(k);
}

export function recall(db: object, key: string, digest: string): Preparation | null {
  const entry = recentPlans.get(db)?.get(key);
  if (!entry || entry.prep.plan.digest !== digest || Date.now() - entry.at > RECENT_PLAN_MS) return null;
  return entry.prep;
}

export function forget(db: object, key: string): void {
  recentPlans.get(db)?.delete(key);
}

function* planSteps(db: DbOrTx, rows: CsvRow[], fileName: string, ignoredColumns: string[]): Generator<void, ImportPlan, void> {
  const prep = yield* prepareSteps(sqliteImportReader(db), rows, fileName, ignoredColumns);
  remember(db, inputKey(rows, fileName, ignoredColumns), prep);
  return prep.plan;
}

/** The dry run: reads the database, writes nothing. */
export function planImport(db: DbOrTx, rows: CsvRow[], fileName: string, ignoredColumns: string[] = []): ImportPlan {
  return runAtOnce(planSteps(db, rows, fileName, ignoredColumns));
}

/**
 * The dry run for the server: the same plan, made in chunks that let other requests run in
 * between. The worker that would write the import is started meanwhile, since a commit often follows.
 */
export async function planImportAsync(db: Db, rows: CsvRow[], fileName: string, ignoredColumns: string[] = []): Promise<ImportPlan> {
  const file = databaseFile(db);
  if (file) warmImportWorker(file);
  return runYielding(planSteps(db, rows, fileName, ignoredColumns));
}

export type ImportRefusal = 'problems' | 'changed' | 'replayed';

/** The file has problems, the data changed since the dry run, or the dry run was imported already: nothing written. */
export class ImportRefusedError extends Error {
  constructor(
    message: string,
    readonly plan: ImportPlan,
    readonly reason: ImportRefusal = 'changed',
  ) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

export interface ImportResult {
  created: { line: number; id: number }[];
  updated: { line: number; id: number }[];
  unchanged: number;
  actorsCreated: { name: string; id: number }[];
}

export const CHANGED = 'The data changed since the dry run (or the file did); check the new dry run and confirm again.';

function replayMessage(db: DbOrTx, digest: string): string | null {
  return replayText(db.select().from(importCommits).where(eq(importCommits.digest, digest)).get());
}

/** What a person is told when a dry run was imported already (`done`), or null. */
export function replayText(done: ImportCommitRow | undefined): string | null {
  if (!done) return null;
  const when = `${done.createdAt.slice(0, 10)} at ${done.createdAt.slice(11, 16)} UTC`;
  const what = `${done.created} new event${done.created === 1 ? '' : 's'}, ${done.updated} update${done.updated === 1 ? '' : 's'}`;
  return (
    `This dry run was already imported on ${when} by ${done.actor} (${what}), so nothing was imported again. ` +
    `To import the file once more, check it again: the new dry run shows which rows look like events already recorded.`
  );
}

/** What a commit is asked to write: the file's rows and the digest of the dry run being confirmed. */
export interface CommitInput {
  rows: CsvRow[];
  fileName: string;
  expectedDigest: string;
  actor: ChangeActor;
  ignoredColumns: string[];
}

/**
 * The commit: the dry run's plan when `given` (kept from it) and the database is still in its
 * state, or a new plan; then the checks, then the writing in one IMMEDIATE transaction.
 */
function* commitSteps(db: Db, input: CommitInput, given: Preparation | null): Generator<void, { result: ImportResult; plan: ImportPlan }, void> {
  const { rows, fileName, expectedDigest, actor, ignoredColumns } = input;
  const prep = given && databaseState(db) === given.state ? given : yield* prepareSteps(sqliteImportReader(db), rows, fileName, ignoredColumns, { warnings: false });
  const { plan } = prep;
  const replayed = replayMessage(db, expectedDigest);
  if (replayed) throw new ImportRefusedError(replayed, plan, 'replayed');
  if (plan.counts.error > 0) throw new ImportRefusedError('Some rows have problems; nothing was imported.', plan, 'problems');
  if (plan.digest !== expectedDigest) throw new ImportRefusedError(CHANGED, plan, 'changed');
  // Let waiting requests in before the one stretch that cannot be split: the transaction.
  yield;
  const result = db.transaction((tx) => writeImport(tx, prep, actor, fileName), { behavior: 'immediate' });
  return { result, plan };
}

/** The dry run's plan this process kept for these rows and digest, taken out of the keeping. */
function takeRecentPlan(db: Db, input: CommitInput): Preparation | null {
  const key = inputKey(input.rows, input.fileName, input.ignoredColumns);
  const given = recall(db, key, input.expectedDigest);
  forget(db, key);
  return given;
}

/** The writing, in the IMMEDIATE transaction: nothing may have changed since the plan was made. */
function writeImport(tx: Tx, prep: Preparation, actor: ChangeActor, fileName: string): ImportResult {
  const { plan, prepared } = prep;
  const replayed = replayMessage(tx, plan.digest);
  if (replayed) throw new ImportRefusedError(replayed, plan, 'replayed');
  if (databaseState(tx) !== prep.state) throw new ImportRefusedError(CHANGED, plan, 'changed');

  const result: ImportResult = { created: [], updated: [], unchanged: 0, actorsCreated: [] };
  const names = new Map(prep.actorNames);
  const newActorIds = new Map<string, number>();
  const newActors = [...prep.newActors];
  const ids = createEntitiesInBulk(
    tx,
    newActors.map(([, a]) => entityInputSchema.parse({ kind: a.kind, name: a.name })),
    actor,
  );
  newActors.forEach(([key, a], i) => {
    newActorIds.set(key, ids[i]!);
    names.set(ids[i]!, a.name);
    result.actorsCreated.push({ name: a.name, id: ids[i]! });
  });

  const note = importNote(fileName);
  const inputOf = (row: PreparedRow) => importedInput(row, newActorIds);

  // Updates first, through the one path every edit takes; then the new events in bulk.
  for (const row of prepared) {
    if (row.plan.action === 'unchanged') result.unchanged++;
    if (row.plan.action !== 'update') continue;
    try {
      tx.transaction((sp) => updateEventInTx(sp, row.plan.eventId!, inputOf(row), row.expectedVersion!, actor, { note: `${note}, line ${row.plan.line}` }));
      result.updated.push({ line: row.plan.line, id: row.plan.eventId! });
    } catch (err) {
      if (!(err instanceof NothingChanged)) throw err;
      result.unchanged++;
    }
  }
  const creates = prepared.filter((row) => row.plan.action === 'create');
  const createdIds = createEventsInBulk(
    tx,
    creates.map((row) => ({ input: inputOf(row), note: `${note}, line ${row.plan.line}` })),
    names,
    actor,
    'import',
  );
  result.created = creates.map((row, i) => ({ line: row.plan.line, id: createdIds[i]! }));

  tx.insert(importCommits).values(commitValues(prep, fileName, actor, result)).run();
  return result;
}

export const importNote = (fileName: string) => `Imported from ${fileName}`;

/** A planned row's input with its actors, new ones by the ids they were created with, each (actor, role) once. */
export function importedInput(row: PreparedRow, newActorIds: Map<string, number>): EventInput {
  const seen = new Set<string>();
  const actors = row.actors!.flatMap((a) => {
    const entityId = a.entityId ?? newActorIds.get(a.key)!;
    const key = `${entityId}:${a.role}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ entityId, role: a.role }];
  });
  return { ...row.input!, actors };
}

/** The row that remembers a committed dry run (so it is not imported twice). */
export function commitValues(prep: Preparation, fileName: string, actor: ChangeActor, result: ImportResult) {
  return {
    digest: prep.plan.digest,
    fileName,
    userId: actor.userId,
    actor: actor.label,
    rowCount: prep.prepared.length,
    created: result.created.length,
    updated: result.updated.length,
    unchanged: result.unchanged,
    actorsCreated: result.actorsCreated.length,
  };
}

/** Writes what the dry run with `expectedDigest` showed, or throws ImportRefusedError and writes nothing. */
export function applyImport(
  db: Db,
  rows: CsvRow[],
  fileName: string,
  expectedDigest: string,
  actor: ChangeActor,
  ignoredColumns: string[] = [],
): ImportResult {
  const input = { rows, fileName, expectedDigest, actor, ignoredColumns };
  return runAtOnce(commitSteps(db, input, takeRecentPlan(db, input))).result;
}

/** For the worker (db/import/worker.ts): the commit on its own connection, in one go. */
export function commitOnThisThread(db: Db, input: CommitInput, given: Preparation | null): { result: ImportResult; plan: ImportPlan } {
  return runAtOnce(commitSteps(db, input, given));
}

/** The database file behind a connection, or null for an in-memory database (which no other connection can open). */
function databaseFile(db: Db): string | null {
  const client = (db as unknown as { $client?: { name?: string; memory?: boolean } }).$client;
  return client?.name && !client.memory ? client.name : null;
}

/** What the import worker (db/import/worker.ts) answers to one commit. */
export type WorkerAnswer =
  | { ok: true; value: { result: ImportResult; plan: ImportPlan | null } }
  | { ok: false; refusal: { message: string; reason: ImportRefusal; plan: ImportPlan } }
  | { ok: false; error: string };

/** The plan of a dry run as this process keeps it, for the worker; opaque elsewhere. */
export type KeptPlan = Preparation;

/** What of a kept plan the writing uses (`writeImport`): each row's line, action and event, not its messages. */
function forWorker(prep: Preparation): Preparation {
  const bare = (row: ImportRowPlan): ImportRowPlan => ({ ...row, title: '', errors: [], warnings: [], changes: [], newActors: [], newTags: [] });
  return {
    ...prep,
    plan: { ...prep.plan, rows: [] },
    prepared: prep.prepared.map((p) => ({ ...p, plan: bare(p.plan) })),
  };
}

/**
 * `applyImport` for the server, with the plan it wrote. On a database file the writing runs in a
 * worker thread, so that the server keeps answering during it (issue 10); on an in-memory
 * database (tests) it runs here, planning in chunks that let other requests in.
 */
export async function applyImportAsync(
  db: Db,
  rows: CsvRow[],
  fileName: string,
  expectedDigest: string,
  actor: ChangeActor,
  ignoredColumns: string[] = [],
): Promise<{ result: ImportResult; plan: ImportPlan }> {
  const input = { rows, fileName, expectedDigest, actor, ignoredColumns };
  const given = takeRecentPlan(db, input);
  const file = databaseFile(db);
  if (!file) return runYielding(commitSteps(db, input, given));
  // With the kept plan, the worker needs neither the file's rows nor the plan's words for people:
  // less to copy between the threads (if the database moved on, the worker refuses and the route plans again).
  const answer = await commitInWorker<CommitInput, KeptPlan, WorkerAnswer>(file, given ? { ...input, rows: [] } : input, given && forWorker(given));
  if (answer.ok) return { result: answer.value.result, plan: answer.value.plan ?? given!.plan };
  if ('refusal' in answer) throw new ImportRefusedError(answer.refusal.message, answer.refusal.plan, answer.refusal.reason);
  throw new Error(`The import worker failed: ${answer.error}`);
}
