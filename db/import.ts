/**
 * CSV import. `planImport` is the dry run: for every row, whether it will create an event, update
 * one (matched by id), change nothing, or fail, with each problem named by row and column.
 * `applyImport` re-plans inside one IMMEDIATE transaction, refuses if the plan differs from the one
 * the editor confirmed (someone changed the data in between), and then writes every row with its
 * revision, or nothing at all.
 *
 * Actors are matched by name or alias (case-insensitive); names that match no actor are created.
 * Tags are matched by slug. Columns missing from the file leave an updated event's fields as they
 * are, so exporting a view and importing the file again changes nothing.
 */
import { createHash } from 'node:crypto';
import { eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from './client';
import { createEntity } from './mutations/entities';
import { createEventInTx, NothingChanged, snapshotToInput, updateEventInTx } from './mutations/events';
import { eventSnapshot, type ChangeActor } from './revisions';
import { entities, entityAliases, events, tags } from './schema';
import type { CellError, CsvRow, ImportColumn } from '@/lib/csv/import';
import { parseRow } from '@/lib/csv/import';
import { contentFromInput, contentFromSnapshot, EVENT_FIELDS, fieldEquals } from '@/lib/event-content';
import { slugify } from '@/lib/slug';
import { nameKey } from '@/lib/text/normalise';
import { entityInputSchema } from '@/lib/validation/entity';
import { eventInputSchema, type EventInput, type EventInputRaw } from '@/lib/validation/event';
import type { EntityRole } from '@/lib/vocabulary';

export type ImportAction = 'create' | 'update' | 'unchanged' | 'error';

/** What the editor sees for one row of the dry run. */
export interface ImportRowPlan {
  line: number;
  action: ImportAction;
  eventId: number | null;
  title: string;
  errors: CellError[];
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
  newTags: string[];
  /** Fingerprint of what the import would write; the commit must see the same one. */
  digest: string;
}

/** Kind given to actors an import creates; staff can change it on the actor's page. */
export const IMPORTED_ACTOR_KIND = 'organisation' as const;

interface ActorRef {
  entityId: number | null;
  name: string;
  role: EntityRole;
}

interface PreparedRow {
  plan: ImportRowPlan;
  input?: EventInput;
  actors?: ActorRef[];
  expectedVersion?: number;
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
 * Finds actors by name or alias under their name key (lib/text/normalise.ts: case, accents,
 * invisible characters, full-width letters, Arabic letter variants and punctuation between words
 * do not count); merged actors count as their survivor. Keys are computed here, once per dry run or
 * commit, over every name (as db/mutations/entities.ts `namesakesOf` does: 90 ms for 20,000 actors).
 */
function matchActors(db: DbOrTx, names: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const wanted = new Set(names.map(nameKey));
  if (wanted.size === 0) return out;
  const add = (id: number, name: string) => {
    const key = nameKey(name);
    if (!wanted.has(key)) return;
    const ids = out.get(key) ?? [];
    if (!ids.includes(id)) ids.push(id);
    out.set(key, ids);
  };
  for (const r of db.select({ id: entities.id, name: entities.name }).from(entities).where(isNull(entities.mergedIntoId)).all()) add(r.id, r.name);
  const aliases = db
    .select({ id: entityAliases.entityId, alias: entityAliases.alias })
    .from(entityAliases)
    .innerJoin(entities, eq(entities.id, entityAliases.entityId))
    .where(isNull(entities.mergedIntoId))
    .all();
  for (const r of aliases) add(r.id, r.alias);
  return out;
}

/** One name per name key, the first spelling: "Khalid Qaddour" and "KHALID QADDOUR" on two rows are one new actor. */
function uniqueNames(names: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const name of names) if (!byKey.has(nameKey(name))) byKey.set(nameKey(name), name);
  return [...byKey.values()];
}

function existingTagLabels(db: DbOrTx, labels: string[]): Map<string, string> {
  const slugs = [...new Set(labels.map(slugify).filter(Boolean))];
  const out = new Map<string, string>();
  for (let i = 0; i < slugs.length; i += 400) {
    for (const t of db.select({ slug: tags.slug, label: tags.label }).from(tags).where(inArray(tags.slug, slugs.slice(i, i + 400))).all()) {
      out.set(t.slug, t.label);
    }
  }
  return out;
}

function count(rows: ImportRowPlan[]): Record<ImportAction, number> {
  const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.action]++;
  return counts;
}

function prepare(db: DbOrTx, rows: CsvRow[], fileName: string, ignoredColumns: string[]): { plan: ImportPlan; prepared: PreparedRow[] } {
  const parsed = rows.map(parseRow);
  const actorNames = parsed.flatMap((r) => r.actors?.map((a) => a.name) ?? []);
  const matches = matchActors(db, actorNames);
  const tagLabels = existingTagLabels(db, parsed.flatMap((r) => r.fields.tags ?? []));
  const seenIds = new Map<number, number>();

  const prepared = parsed.map((row): PreparedRow => {
    const errors: CellError[] = [...row.errors];
    const plan: ImportRowPlan = {
      line: row.line,
      action: 'error',
      eventId: row.id,
      title: row.fields.title ?? '',
      errors,
      changes: [],
      newActors: [],
      newTags: [],
    };

    // Actors: by name or alias; unknown names become new actors, ambiguous ones are refused.
    const actors: ActorRef[] | undefined = row.actors?.map(({ name, role }) => {
      const ids = matches.get(nameKey(name)) ?? [];
      if (ids.length > 1) {
        errors.push({
          column: 'actors',
          message: `"${name}" matches ${ids.length} actors (${ids.map((id) => `#${id}`).join(', ')}); merge the duplicates or rename one, then import again.`,
        });
      }
      if (ids.length === 0) {
        const check = entityInputSchema.safeParse({ kind: IMPORTED_ACTOR_KIND, name });
        if (!check.success) errors.push({ column: 'actors', message: `"${name}": ${check.error.issues[0]!.message}` });
        else if (!plan.newActors.some((n) => nameKey(n) === nameKey(check.data.name))) plan.newActors.push(check.data.name);
      }
      return { entityId: ids.length === 1 ? ids[0]! : null, name: name.replace(/\s+/g, ' ').trim(), role };
    });

    const fileTags = row.fields.tags?.map((label) => tagLabels.get(slugify(label)) ?? label);
    plan.newTags = (fileTags ?? []).filter((label) => !tagLabels.has(slugify(label)));

    let existing: ReturnType<typeof eventSnapshot> | null = null;
    if (row.id !== null) {
      const first = seenIds.get(row.id);
      if (first !== undefined) errors.push({ column: 'id', message: `Event #${row.id} is already in the file at line ${first}.` });
      seenIds.set(row.id, row.line);
      const found = db.select({ id: events.id, deletedAt: events.deletedAt }).from(events).where(eq(events.id, row.id)).get();
      if (!found) errors.push({ column: 'id', message: `There is no event #${row.id}. Leave id empty to create a new event.` });
      else if (found.deletedAt) errors.push({ column: 'id', message: `Event #${row.id} is deleted; restore it first, or leave id empty to create a new event.` });
      else existing = eventSnapshot(db, row.id);
    }

    // The event as it will be: the stored one (for an update) with the file's columns on top.
    const base: Partial<EventInputRaw> = existing ? snapshotToInput(db as Tx, existing) : { status: 'draft' };
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
      raw.sources = f.sources.map((s) => kept.find((k) => k.url === s.url && k.title === s.title) ?? { ...s, publisher: null, publishedDate: null, excerpt: null });
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
    const allActors: ActorRef[] = actors ?? (existing?.actors ?? []).map((a) => ({ entityId: a.entityId, name: a.name, role: a.role }));
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
  });

  const planRows = prepared.map((p) => p.plan);
  const digest = createHash('sha256')
    .update(JSON.stringify(prepared.map((p) => [p.plan.line, p.plan.action, p.plan.eventId, p.expectedVersion ?? null, p.input ?? null, p.actors ?? null])))
    .digest('hex');
  return {
    prepared,
    plan: {
      fileName,
      rows: planRows,
      counts: count(planRows),
      ignoredColumns,
      newActors: uniqueNames(planRows.flatMap((r) => (r.action === 'error' ? [] : r.newActors))),
      newTags: [...new Set(planRows.flatMap((r) => (r.action === 'error' ? [] : r.newTags)))],
      digest,
    },
  };
}

/** The dry run: reads the database, writes nothing. */
export function planImport(db: DbOrTx, rows: CsvRow[], fileName: string, ignoredColumns: string[] = []): ImportPlan {
  return prepare(db, rows, fileName, ignoredColumns).plan;
}

/** The file changed meaning between the dry run and the commit, or it has errors: nothing written. */
export class ImportRefusedError extends Error {
  constructor(
    message: string,
    readonly plan: ImportPlan,
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

export function applyImport(
  db: Db,
  rows: CsvRow[],
  fileName: string,
  expectedDigest: string,
  actor: ChangeActor,
  ignoredColumns: string[] = [],
): ImportResult {
  return db.transaction(
    (tx) => {
      const { plan, prepared } = prepare(tx, rows, fileName, ignoredColumns);
      if (plan.counts.error > 0) throw new ImportRefusedError('Some rows have problems; nothing was imported.', plan);
      if (plan.digest !== expectedDigest) {
        throw new ImportRefusedError('The data changed since the dry run (or the file did); check the new dry run and confirm again.', plan);
      }
      const result: ImportResult = { created: [], updated: [], unchanged: 0, actorsCreated: [] };
      const newActorIds = new Map<string, number>();
      for (const name of plan.newActors) {
        // No other actor reads as this name: it would have been matched (matchActors) instead.
        const { id } = createEntity(tx, entityInputSchema.parse({ kind: IMPORTED_ACTOR_KIND, name }), actor, { allowNamesake: true });
        newActorIds.set(nameKey(name), id);
        result.actorsCreated.push({ name, id });
      }
      const note = `Imported from ${fileName}`;
      for (const row of prepared) {
        if (row.plan.action === 'unchanged') {
          result.unchanged++;
          continue;
        }
        const seen = new Set<string>();
        const actors = row.actors!.flatMap((a) => {
          const entityId = a.entityId ?? newActorIds.get(nameKey(a.name))!;
          const key = `${entityId}:${a.role}`;
          if (seen.has(key)) return [];
          seen.add(key);
          return [{ entityId, role: a.role }];
        });
        const input: EventInput = { ...row.input!, actors };
        if (row.plan.action === 'create') {
          const { id } = createEventInTx(tx, input, actor, { action: 'import', note: `${note}, line ${row.plan.line}` });
          result.created.push({ line: row.plan.line, id });
        } else {
          try {
            tx.transaction((sp) =>
              updateEventInTx(sp, row.plan.eventId!, input, row.expectedVersion!, actor, { note: `${note}, line ${row.plan.line}` }),
            );
            result.updated.push({ line: row.plan.line, id: row.plan.eventId! });
          } catch (err) {
            if (!(err instanceof NothingChanged)) throw err;
            result.unchanged++;
          }
        }
      }
      return result;
    },
    { behavior: 'immediate' },
  );
}
