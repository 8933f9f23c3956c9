/**
 * Official lists on PostgreSQL (issue 13): the twins of db/lists/queries.ts, matching.ts,
 * review.ts and import.ts. Reading and checking a list file, planning its proposals, ranking the
 * actors for a listed party, the refusals and the notes are SQLite's own functions; what differs
 * is what is read and written.
 *
 * Concurrency: a match or an acceptance takes an advisory lock on its list entry, so two people
 * matching one entry at once get one match and one refusal; a proposal is locked before it is
 * decided, so it is decided once.
 */
import { and, asc, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { MutationError } from '@/db/mutations/errors';
import { nowIso, type ChangeActor } from '@/db/mutations/revisions';
import {
  changedKeysBefore,
  importResultOf,
  planFrom,
  proposalValues,
  readListUpload,
  refuseOlder,
  unchangedResult,
  versionValues,
  type ImportListOptions,
  type ListImportResult,
  type ReadVersion,
} from '@/db/lists/import';
import {
  actorInputForEntry,
  actorListEntry,
  addCertainIdentifiers,
  matchNote,
  matchRefusal,
  matchValues,
  poolOf,
  suggestFromPool,
  undoMatchNote,
  undoMatchRefusal,
  type ActorListEntry,
  type CandidatePool,
  type ConfirmMatch,
} from '@/db/lists/matching';
import { NO_SUCH_PROPOSAL, type ProposalView, type VersionSummary } from '@/db/lists/queries';
import {
  acceptAllStep,
  acceptedNote,
  acceptedValues,
  certainMatch,
  eventInput,
  MATCH_FIRST,
  proposalEntry,
  proposalRefusal,
  rejectionValues,
  type AcceptAllResult,
  type AcceptOptions,
} from '@/db/lists/review';
import type { ListMatchRow, ListProposalRow, ListVersionRow } from '@/db/schema';
import type { ListEntry, ListSource } from '@/lib/lists';
import type { PgDb } from './connect';
import { pgCreateEntityInTx, pgRecordEntityRevision } from './entities';
import { pgCreateEventInTx, pgWriteTransaction } from './event-writes';
import type { PgTx } from './replicas';
import { entities, entityAliases, listEntries, listMatches, listProposals, listRejections, listVersions } from './schema';

type Runner = PgDb | PgTx;

export async function pgListVersionSummaries(db: PgDb): Promise<VersionSummary[]> {
  const counts = await db
    .select({
      versionId: listProposals.versionId,
      open: sql<number>`count(*) FILTER (WHERE ${listProposals.status} = 'proposed')::int`,
      accepted: sql<number>`count(*) FILTER (WHERE ${listProposals.status} = 'accepted')::int`,
      rejected: sql<number>`count(*) FILTER (WHERE ${listProposals.status} = 'rejected')::int`,
    })
    .from(listProposals)
    .groupBy(listProposals.versionId);
  const byVersion = new Map(counts.map((c) => [c.versionId, c]));
  return (await db.select().from(listVersions).orderBy(desc(listVersions.id))).map((v) => ({
    ...v,
    open: byVersion.get(v.id)?.open ?? 0,
    accepted: byVersion.get(v.id)?.accepted ?? 0,
    rejected: byVersion.get(v.id)?.rejected ?? 0,
  }));
}

export async function pgGetListVersion(db: Runner, id: number): Promise<ListVersionRow | null> {
  const [row] = await db.select().from(listVersions).where(eq(listVersions.id, id));
  return row ?? null;
}

async function pgActiveMatch(db: Runner, source: ListSource, entryKey: string): Promise<(ListMatchRow & { entityName: string }) | null> {
  const [row] = await db
    .select({ match: listMatches, entityName: entities.name })
    .from(listMatches)
    .innerJoin(entities, eq(entities.id, listMatches.entityId))
    .where(and(eq(listMatches.source, source), eq(listMatches.entryKey, entryKey), isNull(listMatches.undoneAt)));
  return row ? { ...row.match, entityName: row.entityName } : null;
}

async function pgLoadCandidatePool(db: Runner): Promise<CandidatePool> {
  const aliasRows = await db.select().from(entityAliases).orderBy(asc(entityAliases.entityId), sql`${entityAliases.alias} COLLATE "C"`);
  const matched = new Map<number, { scheme: string; value: string }[]>();
  const latest = await db.select({ source: listVersions.source, id: max(listVersions.id) }).from(listVersions).groupBy(listVersions.source);
  for (const { source, id } of latest) {
    if (id === null) continue;
    const rows = await db
      .select({ entityId: listMatches.entityId, identifiers: listEntries.identifiers })
      .from(listMatches)
      .innerJoin(listEntries, and(eq(listEntries.versionId, id), eq(listEntries.entryKey, listMatches.entryKey)))
      .where(and(eq(listMatches.source, source), isNull(listMatches.undoneAt)))
      .orderBy(asc(listMatches.id));
    addCertainIdentifiers(matched, rows);
  }
  const rows = await db
    .select({ id: entities.id, name: entities.name, kind: entities.kind, ofacUid: entities.ofacUid, opensanctionsId: entities.opensanctionsId })
    .from(entities)
    .where(isNull(entities.mergedIntoId))
    .orderBy(asc(entities.id));
  return poolOf(rows, aliasRows, matched);
}

/** `versionProposals`' twin: open first, then by id; each with its match, or the actors to confirm. */
export async function pgVersionProposals(db: PgDb, version: ListVersionRow): Promise<ProposalView[]> {
  const rows = await db.select().from(listProposals).where(eq(listProposals.versionId, version.id)).orderBy(asc(listProposals.id));
  const order = { proposed: 0, accepted: 1, rejected: 2 } as const;
  let pool: CandidatePool | null = null;
  const out: ProposalView[] = [];
  for (const p of rows.sort((a, b) => order[a.status] - order[b.status] || a.id - b.id)) {
    const entry = proposalEntry(p);
    const m = await pgActiveMatch(db, version.source, entry.key);
    out.push({
      ...p,
      match: m ? { id: m.id, entityId: m.entityId, entityName: m.entityName, method: m.method, basis: m.basis, confirmedBy: m.confirmedBy } : null,
      suggestions: !m && p.status === 'proposed' ? suggestFromPool(entry, 5, (pool ??= await pgLoadCandidatePool(db))) : [],
    });
  }
  return out;
}

/** `listEntriesOfActor`'s twin. */
export async function pgListEntriesOfActor(db: PgDb, entityId: number): Promise<ActorListEntry[]> {
  const matches = await db.select().from(listMatches).where(and(eq(listMatches.entityId, entityId), isNull(listMatches.undoneAt))).orderBy(asc(listMatches.id));
  const out: ActorListEntry[] = [];
  for (const m of matches) {
    const versions = await db.select().from(listVersions).where(eq(listVersions.source, m.source)).orderBy(asc(listVersions.id));
    const present = versions.length
      ? await db
          .select({ versionId: listEntries.versionId, name: listEntries.name, programs: listEntries.programs })
          .from(listEntries)
          .where(and(eq(listEntries.entryKey, m.entryKey), inArray(listEntries.versionId, versions.map((v) => v.id))))
      : [];
    out.push(actorListEntry(m, versions, present));
  }
  return out;
}

// Writes.

/** One writer per list entry at a time: a match is checked against the entry's standing match. */
const lockEntry = (tx: PgTx, source: ListSource, key: string) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`tracker:list-entry:${source}|${key}`}))`);

async function confirmMatchInTx(tx: PgTx, input: ConfirmMatch, actor: ChangeActor): Promise<number> {
  await lockEntry(tx, input.source, input.entry.key);
  const standing = await pgActiveMatch(tx, input.source, input.entry.key);
  if (standing?.entityId === input.entityId) return standing.id;
  // Held until the match commits: a merge of this actor waits, as for an event write.
  const [entity] = await tx.select({ id: entities.id, mergedIntoId: entities.mergedIntoId }).from(entities).where(eq(entities.id, input.entityId)).for('share');
  const refusal = matchRefusal(standing, entity, input.entityId);
  if (refusal) throw refusal;
  const [row] = await tx.insert(listMatches).values(matchValues(input, actor)).returning({ id: listMatches.id });
  await pgRecordEntityRevision(tx, input.entityId, 'update', actor, matchNote(input));
  return row!.id;
}

export function pgConfirmMatch(db: PgDb, input: ConfirmMatch, actor: ChangeActor): Promise<number> {
  return pgWriteTransaction(db, (tx) => confirmMatchInTx(tx, input, actor));
}

export function pgUndoMatch(db: PgDb, matchId: number, actor: ChangeActor): Promise<ListMatchRow> {
  return pgWriteTransaction(db, async (tx) => {
    const [match] = await tx.select().from(listMatches).where(eq(listMatches.id, matchId)).for('update');
    const refusal = undoMatchRefusal(match);
    if (refusal || !match) throw refusal;
    await tx.update(listMatches).set({ undoneAt: nowIso(), undoneBy: actor.label }).where(eq(listMatches.id, matchId));
    await pgRecordEntityRevision(tx, match.entityId, 'update', actor, undoMatchNote(match));
    return match;
  });
}

async function createActorForEntryInTx(tx: PgTx, source: ListSource, entry: ListEntry, actor: ChangeActor): Promise<number> {
  await lockEntry(tx, source, entry.key);
  const standing = await pgActiveMatch(tx, source, entry.key);
  if (standing) throw new MutationError(`This entry is already matched to “${standing.entityName}” (#${standing.entityId}).`, {}, 409);
  const { id } = await pgCreateEntityInTx(tx, actorInputForEntry(source, entry), actor);
  await confirmMatchInTx(tx, { source, entry, entityId: id, method: 'created' }, actor);
  return id;
}

export function pgCreateActorForEntry(db: PgDb, source: ListSource, entry: ListEntry, actor: ChangeActor): Promise<number> {
  return pgWriteTransaction(db, (tx) => createActorForEntryInTx(tx, source, entry, actor));
}

/** `proposalWithVersion`'s twin. */
export async function pgProposalWithVersion(db: PgDb, id: number): Promise<{ proposal: ListProposalRow; version: ListVersionRow }> {
  const [proposal] = await db.select().from(listProposals).where(eq(listProposals.id, id));
  const version = proposal ? await pgGetListVersion(db, proposal.versionId) : null;
  if (!proposal || !version) throw new MutationError(NO_SUCH_PROPOSAL, {}, 404);
  return { proposal, version };
}

/** Actors ranked for a listed party: `suggestActors`' twin. */
export async function pgSuggestActors(db: PgDb, entry: ListEntry, limit: number) {
  return suggestFromPool(entry, limit, await pgLoadCandidatePool(db));
}

async function loadProposal(tx: PgTx, id: number): Promise<{ proposal: ListProposalRow; version: ListVersionRow }> {
  const [proposal] = await tx.select().from(listProposals).where(eq(listProposals.id, id)).for('update');
  const refusal = proposalRefusal(proposal);
  if (refusal || !proposal) throw refusal;
  return { proposal, version: (await pgGetListVersion(tx, proposal.versionId))! };
}

export function pgRejectProposal(db: PgDb, id: number, actor: ChangeActor): Promise<void> {
  return pgWriteTransaction(db, async (tx) => {
    const { proposal, version } = await loadProposal(tx, id);
    const ts = nowIso();
    await tx.update(listProposals).set({ status: 'rejected', decidedByUserId: actor.userId, decidedBy: actor.label, decidedAt: ts }).where(eq(listProposals.id, id));
    await tx.insert(listRejections).values(rejectionValues(proposal, version, actor, ts)).onConflictDoNothing();
  });
}

async function acceptInTx(tx: PgTx, id: number, actor: ChangeActor, options: AcceptOptions): Promise<number> {
  const { proposal, version } = await loadProposal(tx, id);
  const entry = proposalEntry(proposal);
  await lockEntry(tx, version.source, entry.key);
  let entityId = (await pgActiveMatch(tx, version.source, entry.key))?.entityId ?? null;
  if (entityId === null) {
    const certain = certainMatch(version, entry, suggestFromPool(entry, 2, await pgLoadCandidatePool(tx)));
    if (certain) {
      await confirmMatchInTx(tx, certain, actor);
      entityId = certain.entityId;
    }
  }
  if (entityId === null) throw new MutationError(MATCH_FIRST, {}, 409);
  const event = await pgCreateEventInTx(tx, eventInput(proposal, version, entityId, options), actor, { note: acceptedNote(proposal, version) });
  await tx.update(listProposals).set(acceptedValues(event.id, actor)).where(eq(listProposals.id, id));
  return event.id;
}

export function pgAcceptProposal(db: PgDb, id: number, actor: ChangeActor, options: AcceptOptions): Promise<number> {
  return pgWriteTransaction(db, (tx) => acceptInTx(tx, id, actor, options));
}

/** `acceptAllOfVersion`'s twin: each proposal in its own transaction. */
export async function pgAcceptAllOfVersion(db: PgDb, versionId: number, actor: ChangeActor): Promise<AcceptAllResult> {
  const open = await db.select().from(listProposals).where(and(eq(listProposals.versionId, versionId), eq(listProposals.status, 'proposed'))).orderBy(asc(listProposals.id));
  const version = await pgGetListVersion(db, versionId);
  if (!version) throw new MutationError('This list version does not exist.', {}, 404);
  const result: AcceptAllResult = { accepted: 0, actorsCreated: 0, left: [] };
  let pool = await pgLoadCandidatePool(db);
  for (const proposal of open) {
    const entry = proposalEntry(proposal);
    const dated = acceptAllStep(proposal, true, []);
    const matched = 'left' in dated ? null : await pgActiveMatch(db, version.source, entry.key);
    const step = 'left' in dated ? dated : acceptAllStep(proposal, matched !== null, matched ? [] : suggestFromPool(entry, 2, pool));
    if ('left' in step) {
      result.left.push({ id: proposal.id, name: entry.name, reason: step.left });
      continue;
    }
    try {
      await pgWriteTransaction(db, async (tx) => {
        if (step.createActor) await createActorForEntryInTx(tx, version.source, entry, actor);
        await acceptInTx(tx, proposal.id, actor, { status: 'published' });
      });
      result.accepted++;
      if (step.createActor) {
        result.actorsCreated++;
        pool = await pgLoadCandidatePool(db);
      }
    } catch (err) {
      if (!(err instanceof MutationError)) throw err;
      result.left.push({ id: proposal.id, name: entry.name, reason: err.message });
    }
  }
  return result;
}

async function latestVersion(db: Runner, source: ListSource): Promise<ListVersionRow | undefined> {
  const [row] = await db.select().from(listVersions).where(eq(listVersions.source, source)).orderBy(desc(listVersions.id)).limit(1);
  return row;
}

async function planProposals(db: Runner, source: ListSource, previous: ListVersionRow, read: ReadVersion) {
  const before = new Map(
    (await db.select({ key: listEntries.entryKey, hash: listEntries.hash }).from(listEntries).where(eq(listEntries.versionId, previous.id))).map((r) => [r.key, r.hash]),
  );
  const oldEntries: ListEntry[] = [];
  const changed = changedKeysBefore(before, read);
  for (let i = 0; i < changed.length; i += 500) {
    const rows = await db
      .select({ entry: listEntries.entry })
      .from(listEntries)
      .where(and(eq(listEntries.versionId, previous.id), inArray(listEntries.entryKey, changed.slice(i, i + 500))))
      .orderBy(asc(listEntries.id));
    for (const r of rows) oldEntries.push(r.entry);
  }
  const rejected = await db.select({ key: listRejections.entryKey, fingerprint: listRejections.fingerprint }).from(listRejections).where(eq(listRejections.source, source));
  return planFrom(previous, read, before, oldEntries, rejected);
}

/** `importListVersion`'s twin: the version, its entries and its proposals in one transaction. */
export function pgImportListVersion(db: PgDb, options: ImportListOptions): Promise<ListImportResult> {
  return readListUpload(
    options,
    async (source, sha256) => (await db.select().from(listVersions).where(and(eq(listVersions.source, source), eq(listVersions.sha256, sha256))))[0],
    async (base, read) => {
      const plan = async (runner: Runner) => {
        const previous = (await latestVersion(runner, options.source)) ?? null;
        if (previous) refuseOlder(previous, read.published, base.fileName);
        const { planned, skipped } = previous ? await planProposals(runner, options.source, previous, read) : { planned: [], skipped: 0 };
        return { previous, planned, result: importResultOf(options, base, read, previous, planned, skipped) };
      };
      if (options.dryRun) return (await plan(db)).result;
      // One import of a list at a time: the version it follows and its proposals are decided under the lock.
      return pgWriteTransaction(db, async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`tracker:list-import:${options.source}`}))`);
        const [same] = await tx.select().from(listVersions).where(and(eq(listVersions.source, options.source), eq(listVersions.sha256, base.sha256)));
        if (same) return unchangedResult(same, base);
        const { previous, planned, result } = await plan(tx);
        const [version] = await tx.insert(listVersions).values(versionValues(options, read, result, previous)).returning({ id: listVersions.id });
        const versionId = version!.id;
        // The JSON columns go in as the text already made (one cast each), 400 entries to a statement.
        for (let i = 0; i < read.rows.length; i += 400) {
          const values = read.rows.slice(i, i + 400).map(
            (r) =>
              sql`(${versionId}, ${r.key}, ${r.kind}, ${r.name}, ${r.nameKey}, ${r.aliases}::jsonb, ${r.identifiers}::jsonb, ${r.programs}::jsonb, ${r.authorities}::jsonb, ${r.listingDates}::jsonb, ${r.remarks}::jsonb, ${r.json}::jsonb, ${r.hash})`,
          );
          await tx.execute(
            sql`INSERT INTO list_entries (version_id, entry_key, kind, name, name_key, aliases, identifiers, programs, authorities, listing_dates, remarks, entry, hash) VALUES ${sql.join(values, sql`, `)}`,
          );
        }
        for (const p of planned) await tx.insert(listProposals).values(proposalValues(versionId, p, previous?.publishedAt ?? null, read.published?.date ?? null));
        return { ...result, versionId };
      });
    },
  );
}
