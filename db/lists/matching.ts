/**
 * Matching a listed party to an actor (issue 13). Suggestions come from lib/lists `rankCandidates`
 * with the search's normalisation (lib/text/normalise.ts `nameKey`): first an identifier the
 * entry and the actor share (the actor's OFAC UID or OpenSanctions id, or an identifier of a list
 * entry already matched to the actor), then names and aliases by similarity. Nothing is matched
 * without a person: a match is confirmed by someone, written to the actor's history as a revision
 * note, and can be undone (the row stays, marked undone, and the history says so).
 */
import { and, eq, inArray, isNull, max } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { createEntity } from '@/db/mutations/entities';
import { MutationError } from '@/db/mutations/errors';
import { nowIso, recordRevision, type ChangeActor } from '@/db/mutations/revisions';
import { entities, entityAliases, listEntries, listMatches, listVersions, type ListMatchRow, type ListVersionRow } from '@/db/schema';
import { CERTAIN_SCHEMES, NAME_MATCH_THRESHOLD, rankCandidates, type CandidateActor, type ListEntry, type ListSource, type MatchScore } from '@/lib/lists';
import { LIST_SOURCE_INFO } from '@/lib/lists/proposal-event';
import { nameKey, words } from '@/lib/text/normalise';
import { entityInputSchema } from '@/lib/validation/entity';
import type { EntityKind } from '@/lib/vocabulary';

export interface Suggestion extends MatchScore {
  name: string;
  kind: EntityKind;
}

/** The standing (not undone) match of a list entry, with the actor's name. */
export function activeMatch(db: DbOrTx, source: ListSource, entryKey: string): (ListMatchRow & { entityName: string }) | null {
  const row = db
    .select({ match: listMatches, entityName: entities.name })
    .from(listMatches)
    .innerJoin(entities, eq(entities.id, listMatches.entityId))
    .where(and(eq(listMatches.source, source), eq(listMatches.entryKey, entryKey), isNull(listMatches.undoneAt)))
    .get();
  return row ? { ...row.match, entityName: row.entityName } : null;
}

/** Certain identifiers of the list entries already matched to each actor, from the latest version of each list. */
function matchedIdentifiers(db: DbOrTx): Map<number, { scheme: string; value: string }[]> {
  const out = new Map<number, { scheme: string; value: string }[]>();
  const latest = db.select({ source: listVersions.source, id: max(listVersions.id) }).from(listVersions).groupBy(listVersions.source).all();
  for (const { source, id } of latest) {
    if (id === null) continue;
    const rows = db
      .select({ entityId: listMatches.entityId, identifiers: listEntries.identifiers })
      .from(listMatches)
      .innerJoin(listEntries, and(eq(listEntries.versionId, id), eq(listEntries.entryKey, listMatches.entryKey)))
      .where(and(eq(listMatches.source, source), isNull(listMatches.undoneAt)))
      .all();
    addCertainIdentifiers(out, rows);
  }
  return out;
}

/** Adds the certain identifiers of matched entries to their actors' lists. */
export function addCertainIdentifiers(out: Map<number, { scheme: string; value: string }[]>, rows: { entityId: number; identifiers: { scheme: string; value: string }[] }[]): void {
  for (const r of rows) {
    const ids = r.identifiers.filter((i) => CERTAIN_SCHEMES.has(i.scheme));
    if (ids.length) out.set(r.entityId, [...(out.get(r.entityId) ?? []), ...ids]);
  }
}

/** Whether the actor shares a word of three letters or more with the party: name scoring is only worth it then. */
function sharesAWord(partyWords: Set<string>, names: string[]): boolean {
  return names.some((n) => words(n).some((w) => w.length >= 3 && partyWords.has(w)));
}

export interface CandidatePool {
  actors: { id: number; name: string; kind: EntityKind; names: string[]; externalIds: { scheme: string; value: string }[] }[];
}

/** Every actor (not merged) with its names and identifiers, read once for all the parties of a page. */
export function loadCandidatePool(db: DbOrTx): CandidatePool {
  const aliasRows = db.select().from(entityAliases).all();
  const matched = matchedIdentifiers(db);
  const rows = db
    .select({ id: entities.id, name: entities.name, kind: entities.kind, ofacUid: entities.ofacUid, opensanctionsId: entities.opensanctionsId })
    .from(entities)
    .where(isNull(entities.mergedIntoId))
    .all();
  return poolOf(rows, aliasRows, matched);
}

/** The pool from the actors (not merged), their aliases and the identifiers of the entries matched to them: both engines' rule. */
export function poolOf(
  rows: { id: number; name: string; kind: EntityKind; ofacUid: string | null; opensanctionsId: string | null }[],
  aliasRows: { entityId: number; alias: string }[],
  matched: Map<number, { scheme: string; value: string }[]>,
): CandidatePool {
  const aliases = new Map<number, string[]>();
  for (const a of aliasRows) aliases.set(a.entityId, [...(aliases.get(a.entityId) ?? []), a.alias]);
  return {
    actors: rows.map((r) => {
      const externalIds = [...(matched.get(r.id) ?? [])];
      if (r.ofacUid) externalIds.push({ scheme: 'ofac-uid', value: r.ofacUid });
      if (r.opensanctionsId) externalIds.push({ scheme: 'opensanctions-id', value: r.opensanctionsId });
      return { id: r.id, name: r.name, kind: r.kind, names: [r.name, ...(aliases.get(r.id) ?? [])], externalIds };
    }),
  };
}

/**
 * Actors ranked for a listed party, best first: identifier matches, then names scoring at least
 * NAME_MATCH_THRESHOLD. Actors sharing no word with the party and no identifier are not scored.
 * A page with many parties passes one `pool` for all of them.
 */
export function suggestActors(db: DbOrTx, entry: ListEntry, limit = 5, pool: CandidatePool = loadCandidatePool(db)): Suggestion[] {
  return suggestFromPool(entry, limit, pool);
}

/** Actors of `pool` ranked for a listed party: both engines' rule. */
export function suggestFromPool(entry: ListEntry, limit: number, pool: CandidatePool): Suggestion[] {
  const partyWords = new Set([entry.name, ...entry.aliases.map((a) => a.name)].flatMap((n) => words(n)).filter((w) => w.length >= 3));
  const partyIds = new Set(entry.identifiers.map((i) => `${i.scheme}\u0000${i.value}`));
  const candidates: CandidateActor[] = [];
  const kinds = new Map<string, { name: string; kind: EntityKind }>();
  for (const a of pool.actors) {
    if (!a.externalIds.some((i) => partyIds.has(`${i.scheme}\u0000${i.value}`)) && !sharesAWord(partyWords, a.names)) continue;
    candidates.push({ id: String(a.id), name: a.name, aliases: a.names.slice(1), externalIds: a.externalIds });
    kinds.set(String(a.id), { name: a.name, kind: a.kind });
  }
  const party = { name: entry.name, aliases: entry.aliases.map((a) => ({ name: a.name, quality: a.quality })), identifiers: entry.identifiers };
  return rankCandidates(party, candidates, { normalise: nameKey, minScore: NAME_MATCH_THRESHOLD })
    .slice(0, limit)
    .map((s) => ({ ...s, ...kinds.get(s.candidateId)! }));
}

export function basisText(score: MatchScore): string {
  return score.basis.method === 'identifier'
    ? `${score.basis.scheme} ${score.basis.value}`
    : `“${score.basis.partyName}” ~ “${score.basis.candidateName}”`;
}

export interface ConfirmMatch {
  source: ListSource;
  entry: ListEntry;
  entityId: number;
  method: ListMatchRow['method'];
  score?: number | null;
  basis?: string | null;
}

/** Records a confirmed match and writes it to the actor's history. Refused when the entry is matched already. */
export function confirmMatch(db: DbOrTx, input: ConfirmMatch, actor: ChangeActor): number {
  return db.transaction((tx) => {
    const standing = activeMatch(tx, input.source, input.entry.key);
    if (standing?.entityId === input.entityId) return standing.id;
    const entity = tx.select({ id: entities.id, mergedIntoId: entities.mergedIntoId }).from(entities).where(eq(entities.id, input.entityId)).get();
    const refusal = matchRefusal(standing, entity, input.entityId);
    if (refusal) throw refusal;
    const row = tx.insert(listMatches).values(matchValues(input, actor)).returning({ id: listMatches.id }).get();
    recordRevision(tx, 'entity', input.entityId, { action: 'update', actor, note: matchNote(input) });
    return row.id;
  });
}

/** Why an entry cannot be matched to the actor: matched to another already, no such actor, or one merged since. */
export function matchRefusal(standing: { entityId: number; entityName: string } | null, entity: { mergedIntoId: number | null } | undefined, entityId: number): MutationError | null {
  if (standing) return new MutationError(`This entry is already matched to “${standing.entityName}” (#${standing.entityId}). Undo that match first.`, {}, 409);
  if (!entity) return new MutationError(`Actor #${entityId} does not exist.`, {}, 404);
  if (entity.mergedIntoId) return new MutationError(`Actor #${entityId} was merged into #${entity.mergedIntoId}; choose that actor.`, {}, 409);
  return null;
}

/** The match row a confirmation writes. */
export function matchValues(input: ConfirmMatch, actor: ChangeActor) {
  return {
    source: input.source,
    entryKey: input.entry.key,
    entityId: input.entityId,
    method: input.method,
    score: input.score == null ? null : Math.round(input.score * 1000),
    basis: input.basis ?? null,
    confirmedByUserId: actor.userId,
    confirmedBy: actor.label,
    confirmedAt: nowIso(),
  };
}

/** What the actor's history says of a confirmed match. */
export function matchNote(input: ConfirmMatch): string {
  const how = input.method === 'created' ? 'created from the entry' : input.method === 'picked' ? 'picked by hand' : `by ${input.method}${input.basis ? ` (${input.basis})` : ''}`;
  return `Matched to ${LIST_SOURCE_INFO[input.source].label} entry ${input.entry.key} (${input.entry.name}), ${how}.`;
}

/** Why a match cannot be undone, or null. */
export function undoMatchRefusal(match: { undoneAt: string | null } | undefined): MutationError | null {
  if (!match) return new MutationError('This match does not exist.', {}, 404);
  if (match.undoneAt) return new MutationError('This match was undone already.', {}, 409);
  return null;
}

/** What the actor's history says of an undone match. */
export const undoMatchNote = (match: { source: ListSource; entryKey: string }) => `Match to ${LIST_SOURCE_INFO[match.source].label} entry ${match.entryKey} undone.`;

/** Undoes a match: the row stays as history, marked undone, and the actor's history says so. */
export function undoMatch(db: DbOrTx, matchId: number, actor: ChangeActor): ListMatchRow {
  return db.transaction((tx) => {
    const match = tx.select().from(listMatches).where(eq(listMatches.id, matchId)).get();
    const refusal = undoMatchRefusal(match);
    if (refusal || !match) throw refusal;
    tx.update(listMatches).set({ undoneAt: nowIso(), undoneBy: actor.label }).where(eq(listMatches.id, matchId)).run();
    recordRevision(tx, 'entity', match.entityId, { action: 'update', actor, note: undoMatchNote(match) });
    return match;
  });
}

const KIND: Record<ListEntry['kind'], EntityKind> = {
  person: 'person',
  organisation: 'organisation',
  vessel: 'organisation',
  aircraft: 'organisation',
  unknown: 'organisation',
};

/** A new actor from a list entry (name, aliases, the list's identifiers it has a column for), matched to it. */
export function createActorForEntry(db: DbOrTx, source: ListSource, entry: ListEntry, actor: ChangeActor): number {
  return db.transaction((tx) => {
    const standing = activeMatch(tx, source, entry.key);
    if (standing) throw new MutationError(`This entry is already matched to “${standing.entityName}” (#${standing.entityId}).`, {}, 409);
    const { id } = createEntity(tx, actorInputForEntry(source, entry), actor);
    confirmMatch(tx, { source, entry, entityId: id, method: 'created' }, actor);
    return id;
  });
}

/** The actor a list entry becomes (name, aliases, the list's identifiers it has a column for); refused when it cannot be one. */
export function actorInputForEntry(source: ListSource, entry: ListEntry) {
  const ofacUid = source === 'ofac-sdn' && /^\d+$/.test(entry.key) ? entry.key : null;
  const osId = entry.identifiers.find((i) => i.scheme === 'opensanctions-id')?.value ?? (source === 'opensanctions' ? entry.key : null);
  const parsed = entityInputSchema.safeParse({
    kind: KIND[entry.kind],
    name: entry.name.slice(0, 300),
    description: entry.kind === 'vessel' || entry.kind === 'aircraft' ? `A ${entry.kind} on the ${LIST_SOURCE_INFO[source].label}.` : null,
    aliases: [...new Set(entry.aliases.map((a) => a.name.slice(0, 300)))].slice(0, 50),
    ofacUid,
    opensanctionsId: osId && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(osId) && osId.length <= 100 ? osId : null,
  });
  if (!parsed.success) throw new MutationError(`The entry cannot become an actor: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

export interface ActorListEntry {
  matchId: number;
  source: ListSource;
  entryKey: string;
  method: ListMatchRow['method'];
  confirmedBy: string;
  confirmedAt: string;
  /** The entry in each stored version of its list, oldest first; versions without it are listed with `entry: null`. */
  versions: { versionId: number; publishedAt: string | null; importedAt: string; name: string | null; programs: string[] }[];
}

/** The list entries matched to an actor, version by version (the actor page's section). */
export function listEntriesOfActor(db: DbOrTx, entityId: number): ActorListEntry[] {
  const matches = db.select().from(listMatches).where(and(eq(listMatches.entityId, entityId), isNull(listMatches.undoneAt))).all();
  return matches.map((m) => {
    const versions = db.select().from(listVersions).where(eq(listVersions.source, m.source)).orderBy(listVersions.id).all();
    const present = db
      .select({ versionId: listEntries.versionId, name: listEntries.name, programs: listEntries.programs })
      .from(listEntries)
      .where(and(eq(listEntries.entryKey, m.entryKey), inArray(listEntries.versionId, versions.length ? versions.map((v) => v.id) : [-1])))
      .all();
    return actorListEntry(m, versions, present);
  });
}

/** One matched entry, version by version: both engines' rule. */
export function actorListEntry(
  m: ListMatchRow,
  versions: Pick<ListVersionRow, 'id' | 'publishedAt' | 'importedAt'>[],
  presentRows: { versionId: number; name: string; programs: string[] }[],
): ActorListEntry {
  const present = new Map(presentRows.map((e) => [e.versionId, e]));
  return {
    matchId: m.id,
    source: m.source,
    entryKey: m.entryKey,
    method: m.method,
    confirmedBy: m.confirmedBy,
    confirmedAt: m.confirmedAt,
    versions: versions.map((v) => ({
      versionId: v.id,
      publishedAt: v.publishedAt,
      importedAt: v.importedAt,
      name: present.get(v.id)?.name ?? null,
      programs: present.get(v.id)?.programs ?? [],
    })),
  };
}
