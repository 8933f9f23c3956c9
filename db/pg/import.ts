/**
 * The CSV import on PostgreSQL: the twin of db/import/import.ts's dry run and commit. The planning
 * is SQLite's own code (`prepareSteps`, `warnAboutLookalikes`), run over what is read from
 * PostgreSQL beforehand (`ImportReader`); only the reads and the writing differ.
 *
 * The commit holds `LOCK TABLE revisions IN EXCLUSIVE MODE` for its transaction: every write of the
 * tracker appends a revision, so no other write can land between the check that the database is
 * still in the dry run's state and the import's own writes, as SQLite's IMMEDIATE transaction
 * ensures; reads go on meanwhile.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  CHANGED,
  commitValues,
  forget,
  ImportRefusedError,
  importedInput,
  importNote,
  inputKey,
  prepareSteps,
  recall,
  remember,
  replayText,
  runYielding,
  warnAboutLookalikes,
  type ImportPlan,
  type ImportReader,
  type ImportResult,
  type MatchedActor,
  type Preparation,
} from '@/db/import/import';
import { VersionConflictError } from '@/db/mutations/errors';
import { inputFromSnapshot, NothingChanged } from '@/db/mutations/events';
import type { ChangeActor, EventSnapshot } from '@/db/mutations/revisions';
import { parseRow, type CsvRow } from '@/lib/csv/import';
import { slugify } from '@/lib/slug';
import { entityInputSchema } from '@/lib/validation/entity';
import type { EventInputRaw } from '@/lib/validation/event';
import { EVENT_STATUSES } from '@/lib/vocabulary';
import type { PgDb } from './connect';
import { pgCreateEntityInTx } from './entities';
import { pgCreateEventInTx, pgEventSnapshot, pgSurvivors, pgUpdateEventInTx, pgWriteTransaction } from './event-writes';
import type { PgTx } from './replicas';
import { entities, entityAliases, events, importCommits, tags } from './schema';

type Runner = PgDb | PgTx;

/**
 * The state a dry run is bound to: how many revisions there are. Every write appends one and none
 * is ever deleted, so the count moves with every commit; the newest id does not, on PostgreSQL,
 * where a transaction that took a lower id may commit after one that took a higher.
 */
async function databaseState(db: Runner): Promise<number> {
  const { rows } = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM revisions`);
  return Number(rows[0]?.n ?? 0);
}

/** A reader over what was read; `sameDay` answers for the (type, date, precision) triples fetched with `fetchSameDay`. */
interface PrefetchedReader extends ImportReader {
  fetchSameDay(triples: { type: string; date: string; datePrecision: string }[]): Promise<void>;
}

async function prefetch(db: Runner, rows: CsvRow[]): Promise<PrefetchedReader> {
  const parsed = rows.map(parseRow);
  const state = await databaseState(db);
  const columns = { id: entities.id, name: entities.name, kind: entities.kind };
  const names: MatchedActor[] = await db.select(columns).from(entities).where(isNull(entities.mergedIntoId)).orderBy(asc(entities.id));
  const aliases = await db
    .select({ ...columns, alias: entityAliases.alias })
    .from(entityAliases)
    .innerJoin(entities, eq(entities.id, entityAliases.entityId))
    .where(isNull(entities.mergedIntoId))
    .orderBy(asc(entityAliases.entityId), sql`${entityAliases.alias} COLLATE "C"`);
  const slugs = [...new Set(parsed.flatMap((r) => r.fields.tags ?? []).map((label) => slugify(label)).filter(Boolean))];
  const tagRows: { slug: string; label: string }[] = [];
  for (let i = 0; i < slugs.length; i += 400) tagRows.push(...(await db.select({ slug: tags.slug, label: tags.label }).from(tags).where(inArray(tags.slug, slugs.slice(i, i + 400)))));

  const ids = [...new Set(parsed.map((r) => r.id).filter((id): id is number => id !== null))];
  const found = new Map<number, { deletedAt: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await db.select({ id: events.id, deletedAt: events.deletedAt }).from(events).where(inArray(events.id, ids.slice(i, i + 500)))) found.set(r.id, { deletedAt: r.deletedAt });
  }
  // The stored events the file updates, and the input each would be saved with unchanged; a
  // snapshot that no longer passes validation is refused when the plan reaches it, as on SQLite.
  const stored = new Map<number, () => { snapshot: EventSnapshot; input: Partial<EventInputRaw> }>();
  for (const [id, state_] of found) {
    if (state_.deletedAt) continue;
    const snapshot = await pgEventSnapshot(db, id);
    const resolved = await pgSurvivors(db, snapshot.actors.map((a) => a.entityId));
    let input: Partial<EventInputRaw> | null = null;
    let refusal: unknown = null;
    try {
      input = inputFromSnapshot(snapshot, (entityId) => resolved.get(entityId)!);
    } catch (err) {
      refusal = err;
    }
    stored.set(id, () => {
      if (refusal) throw refusal;
      return { snapshot, input: input! };
    });
  }

  const sameDay = new Map<string, { id: number; title: string }[]>();
  const dayKey = (type: string, date: string, datePrecision: string) => `${type}|${date}|${datePrecision}`;
  return {
    state: () => state,
    actors: () => ({ names, aliases }),
    tags: (wanted) => tagRows.filter((t) => wanted.includes(t.slug)),
    event: (id) => found.get(id),
    snapshot: (id) => stored.get(id)!(),
    sameDay: (type, date, datePrecision) => sameDay.get(dayKey(type, date, datePrecision)) ?? [],
    async fetchSameDay(triples) {
      for (const { type, date, datePrecision } of triples) {
        const key = dayKey(type, date, datePrecision);
        if (sameDay.has(key)) continue;
        const rows_ = await db
          .select({ id: events.id, title: events.title })
          .from(events)
          .where(and(inArray(events.status, [...EVENT_STATUSES]), sql`${events.type} = ${type}`, eq(events.date, date), sql`${events.datePrecision} = ${datePrecision}`, isNull(events.deletedAt)))
          .orderBy(asc(events.id));
        sameDay.set(key, rows_);
      }
    },
  };
}

/** The dry run's preparation from PostgreSQL; with `warnings`, the look-alike warnings too. */
async function prepare(db: Runner, rows: CsvRow[], fileName: string, ignoredColumns: string[], warnings: boolean): Promise<Preparation> {
  const reader = await prefetch(db, rows);
  const prep = await runYielding(prepareSteps(reader, rows, fileName, ignoredColumns, { warnings: false }));
  if (warnings) {
    const creates = prep.prepared.filter((p) => p.plan.action === 'create' && p.input).map((p) => ({ type: p.input!.type, date: p.input!.date, datePrecision: p.input!.datePrecision }));
    await reader.fetchSameDay(creates);
    await runYielding(warnAboutLookalikes(reader, prep.prepared));
  }
  return prep;
}

/** The dry run: reads, writes nothing; kept a few minutes (per `owner`) so that confirming it does not plan again. */
export async function pgPlanImport(owner: object, db: PgDb, rows: CsvRow[], fileName: string, ignoredColumns: string[] = []): Promise<ImportPlan> {
  const prep = await prepare(db, rows, fileName, ignoredColumns, true);
  remember(owner, inputKey(rows, fileName, ignoredColumns), prep);
  return prep.plan;
}

/** The commit: writes what the dry run with `expectedDigest` showed, or throws ImportRefusedError and writes nothing. */
export async function pgApplyImport(
  owner: object,
  db: PgDb,
  rows: CsvRow[],
  fileName: string,
  expectedDigest: string,
  actor: ChangeActor,
  ignoredColumns: string[] = [],
): Promise<{ result: ImportResult; plan: ImportPlan }> {
  const key = inputKey(rows, fileName, ignoredColumns);
  const given = recall(owner, key, expectedDigest);
  forget(owner, key);
  return pgWriteTransaction(db, async (tx) => {
    await tx.execute(sql`LOCK TABLE revisions IN EXCLUSIVE MODE`);
    const state = await databaseState(tx);
    const prep = given && given.state === state ? given : await prepare(tx, rows, fileName, ignoredColumns, false);
    const { plan } = prep;
    const [done] = await tx.select().from(importCommits).where(eq(importCommits.digest, expectedDigest));
    const replayed = replayText(done);
    if (replayed) throw new ImportRefusedError(replayed, plan, 'replayed');
    if (plan.counts.error > 0) throw new ImportRefusedError('Some rows have problems; nothing was imported.', plan, 'problems');
    if (plan.digest !== expectedDigest) throw new ImportRefusedError(CHANGED, plan, 'changed');
    try {
      return { result: await writeImport(tx, prep, actor, fileName), plan };
    } catch (err) {
      // Under the lock nothing should have moved; if an event did all the same, this is the dry run's "changed".
      if (err instanceof VersionConflictError) throw new ImportRefusedError(CHANGED, plan, 'changed');
      throw err;
    }
  });
}

async function writeImport(tx: PgTx, prep: Preparation, actor: ChangeActor, fileName: string): Promise<ImportResult> {
  const result: ImportResult = { created: [], updated: [], unchanged: 0, actorsCreated: [] };
  const newActorIds = new Map<string, number>();
  for (const [key, a] of prep.newActors) {
    // The plan matched every name already: a new actor is new by construction.
    const { id } = await pgCreateEntityInTx(tx, entityInputSchema.parse({ kind: a.kind, name: a.name }), actor, { allowNamesake: true });
    newActorIds.set(key, id);
    result.actorsCreated.push({ name: a.name, id });
  }
  const note = importNote(fileName);
  // Updates first, through the one path every edit takes (each in a savepoint: one that changes nothing writes nothing); then the new events.
  for (const row of prep.prepared) {
    if (row.plan.action === 'unchanged') result.unchanged++;
    if (row.plan.action !== 'update') continue;
    try {
      await tx.transaction((sp) => pgUpdateEventInTx(sp, row.plan.eventId!, importedInput(row, newActorIds), row.expectedVersion!, actor, { note: `${note}, line ${row.plan.line}` }));
      result.updated.push({ line: row.plan.line, id: row.plan.eventId! });
    } catch (err) {
      if (!(err instanceof NothingChanged)) throw err;
      result.unchanged++;
    }
  }
  for (const row of prep.prepared) {
    if (row.plan.action !== 'create') continue;
    const { id } = await pgCreateEventInTx(tx, importedInput(row, newActorIds), actor, { action: 'import', note: `${note}, line ${row.plan.line}` }, { alerts: false });
    result.created.push({ line: row.plan.line, id });
  }
  await tx.insert(importCommits).values(commitValues(prep, fileName, actor, result));
  return result;
}
