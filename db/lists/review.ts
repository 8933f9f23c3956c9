/**
 * The review of proposed list changes (issue 13): accept (an event citing the list version,
 * published, or a draft to edit first), reject (remembered per list, entry and change, so the
 * next version does not propose it again), and accept every proposal of a version that needs no
 * judgement. Each runs in one transaction with the event it writes.
 */
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '@/db/engine/client';
import { MutationError } from '@/db/mutations/errors';
import { createEventInTx } from '@/db/mutations/events';
import { nowIso, type ChangeActor } from '@/db/mutations/revisions';
import { listProposals, listRejections, listVersions, type ListProposalRow, type ListVersionRow } from '@/db/schema';
import { parsePartialDate, toPartialIso } from '@/lib/dates';
import type { ListEntry } from '@/lib/lists';
import {
  authorityText,
  changeDate,
  datingText,
  entryDetails,
  LIST_SOURCE_INFO,
  programCode,
  proposalTitle,
  versionTitle,
} from '@/lib/lists/proposal-event';
import { eventInputSchema } from '@/lib/validation/event';
import { activeMatch, basisText, confirmMatch, createActorForEntry, loadCandidatePool, suggestActors, type ConfirmMatch, type Suggestion } from './matching';

/** Amendments are recorded as designations tagged so (decision 0033): the event types stay as they are. */
export const AMENDMENT_TAG = 'List amendment';

export function proposalEntry(p: Pick<ListProposalRow, 'after' | 'before'>): ListEntry {
  return (p.after ?? p.before)!;
}

function loadProposal(tx: DbOrTx, id: number): { proposal: ListProposalRow; version: ListVersionRow } {
  const row = tx.select({ proposal: listProposals, version: listVersions }).from(listProposals).innerJoin(listVersions, eq(listVersions.id, listProposals.versionId)).where(eq(listProposals.id, id)).get();
  const refusal = proposalRefusal(row?.proposal);
  if (refusal || !row) throw refusal;
  return row;
}

/** Why a proposal cannot be decided (gone, or decided already), or null. */
export function proposalRefusal(proposal: Pick<ListProposalRow, 'status' | 'decidedBy'> | undefined): MutationError | null {
  if (!proposal) return new MutationError('This proposal does not exist.', {}, 404);
  if (proposal.status !== 'proposed') return new MutationError(`This change was ${proposal.status} already${proposal.decidedBy ? ` by ${proposal.decidedBy}` : ''}.`, {}, 409);
  return null;
}

/** The rejection remembered so that the same change is not proposed again. */
export function rejectionValues(proposal: ListProposalRow, version: ListVersionRow, actor: ChangeActor, ts: string) {
  return { source: version.source, entryKey: proposal.entryKey, fingerprint: proposal.fingerprint, proposalId: proposal.id, rejectedByUserId: actor.userId, rejectedBy: actor.label, rejectedAt: ts };
}

export function rejectProposal(db: DbOrTx, id: number, actor: ChangeActor): void {
  db.transaction((tx) => {
    const { proposal, version } = loadProposal(tx, id);
    const ts = nowIso();
    tx.update(listProposals).set({ status: 'rejected', decidedByUserId: actor.userId, decidedBy: actor.label, decidedAt: ts }).where(eq(listProposals.id, id)).run();
    tx.insert(listRejections).values(rejectionValues(proposal, version, actor, ts)).onConflictDoNothing().run();
  });
}

/**
 * The actor the listed party stands for: its confirmed match, or else an actor sharing an
 * identifier with it (certain; accepting is the confirmation, recorded as such). Otherwise null.
 */
function resolveParty(tx: Tx, version: ListVersionRow, entry: ListEntry, actor: ChangeActor): number | null {
  const standing = activeMatch(tx, version.source, entry.key);
  if (standing) return standing.entityId;
  const certain = certainMatch(version, entry, suggestActors(tx, entry, 2));
  if (!certain) return null;
  confirmMatch(tx, certain, actor);
  return certain.entityId;
}

/** The one actor sharing a certain identifier with the party, as the match accepting confirms; else null. */
export function certainMatch(version: ListVersionRow, entry: ListEntry, suggestions: Suggestion[]): ConfirmMatch | null {
  const certain = suggestions.filter((s) => s.certain);
  if (certain.length !== 1) return null;
  const s = certain[0]!;
  return { source: version.source, entry, entityId: Number(s.candidateId), method: 'identifier', score: 1, basis: basisText(s) };
}

export const MATCH_FIRST = 'Match the listed party to an actor first: confirm a suggestion, pick an actor, or create a new one.';

/** The proposal marked accepted, with its event. */
export function acceptedValues(eventId: number, actor: ChangeActor) {
  return { status: 'accepted' as const, eventId, decidedByUserId: actor.userId, decidedBy: actor.label, decidedAt: nowIso() };
}

/** The note the accepted event's first revision carries. */
export const acceptedNote = (proposal: ListProposalRow, version: ListVersionRow) => `From ${versionTitle(version)}, entry ${proposal.entryKey} (${proposal.kind}).`;

/**
 * What accept-all does with an open proposal: leave it for a person (with why), or accept it,
 * creating an actor from the entry first when no actor is near its party. Both engines' rule.
 */
export function acceptAllStep(proposal: ListProposalRow, matched: boolean, suggestions: Suggestion[]): { left: string } | { createActor: boolean } {
  if (!changeDate(proposal)) return { left: 'the list does not date it' };
  if (!matched && suggestions.length > 0 && !(suggestions.length === 1 && suggestions[0]!.certain)) return { left: 'a suggested actor needs confirming' };
  return { createActor: !matched && suggestions.length === 0 };
}

export interface AcceptOptions {
  /** 'published' (accept) or 'draft' (edit, then publish from the event form). */
  status: 'published' | 'draft';
  /** A date staff give when the list does not date the change: YYYY, YYYY-MM or YYYY-MM-DD. */
  date?: string | null;
}

function eventDate(proposal: ListProposalRow, supplied: string | null | undefined) {
  if (supplied && supplied.trim()) {
    const parsed = parsePartialDate(supplied.trim());
    if (!parsed) throw new MutationError('Date must be a real date: YYYY, YYYY-MM or YYYY-MM-DD.', { date: 'Date must be a real date: YYYY, YYYY-MM or YYYY-MM-DD.' });
    return { date: parsed.date, precision: parsed.precision };
  }
  const found = changeDate(proposal);
  if (!found) {
    const message = 'The list does not date this change: give the date from another source.';
    throw new MutationError(message, { date: message });
  }
  return found;
}

export function eventInput(proposal: ListProposalRow, version: ListVersionRow, entityId: number, options: AcceptOptions) {
  const entry = proposalEntry(proposal);
  const info = LIST_SOURCE_INFO[version.source];
  const when = eventDate(proposal, options.date);
  const dating = datingText(proposal);
  const changed = proposal.kind === 'amendment' ? `\nChanged: ${(proposal.fields as { field: string }[]).map((f) => f.field).join(', ')}.` : '';
  const raw = {
    type: proposal.kind === 'removal' ? 'removal' : 'designation',
    title: proposalTitle(proposal.kind, entry.name, version.source),
    summary: `${proposalTitle(proposal.kind, entry.name, version.source)}. ${dating}`.slice(0, 2000),
    details: `${entryDetails(entry)}${changed}`,
    date: toPartialIso(when.date, when.precision),
    datePrecision: when.precision,
    status: options.status,
    legalAuthority: authorityText(entry),
    program: programCode(entry),
    actors: [{ entityId, role: 'target' as const }],
    tags: proposal.kind === 'amendment' ? [AMENDMENT_TAG] : [],
    sources: [
      {
        url: info.url,
        title: versionTitle(version),
        publisher: info.publisher,
        publishedDate: version.publishedAt && version.publishedPrecision === 'day' ? version.publishedAt : null,
        excerpt: `Entry ${entry.key}: ${entry.name}`,
      },
    ],
  };
  const parsed = eventInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MutationError(`The event cannot be made from this change: ${issue.message}`, { [issue.path.join('.') || 'form']: issue.message });
  }
  return parsed.data;
}

/** Accepts a proposal: writes its event (published, or a draft to edit) and returns the event's id. */
export function acceptProposal(db: Db | Tx, id: number, actor: ChangeActor, options: AcceptOptions): number {
  return db.transaction((tx) => {
    const { proposal, version } = loadProposal(tx, id);
    const entityId = resolveParty(tx, version, proposalEntry(proposal), actor);
    if (entityId === null) throw new MutationError(MATCH_FIRST, {}, 409);
    const input = eventInput(proposal, version, entityId, options);
    const event = createEventInTx(tx, input, actor, { note: acceptedNote(proposal, version) });
    tx.update(listProposals).set(acceptedValues(event.id, actor)).where(eq(listProposals.id, id)).run();
    return event.id;
  });
}

export interface AcceptAllResult {
  accepted: number;
  /** Parties with no actor near them: a new actor was made from the entry. */
  actorsCreated: number;
  /** Proposals left for a person: a name suggestion to confirm, or no date. */
  left: { id: number; name: string; reason: string }[];
}

/**
 * Accepts every open proposal of a version that needs no judgement: its party is matched, shares
 * an identifier with one actor, or has no actor near it at all (then a new actor is made from the
 * entry), and the list dates it. A party with name suggestions to confirm, or a change without a
 * date, is left for a person. Each proposal commits on its own, so one refusal stops nothing else.
 */
export function acceptAllOfVersion(db: Db, versionId: number, actor: ChangeActor): AcceptAllResult {
  const open = db.select().from(listProposals).where(and(eq(listProposals.versionId, versionId), eq(listProposals.status, 'proposed'))).orderBy(listProposals.id).all();
  const version = db.select().from(listVersions).where(eq(listVersions.id, versionId)).get();
  if (!version) throw new MutationError('This list version does not exist.', {}, 404);
  const result: AcceptAllResult = { accepted: 0, actorsCreated: 0, left: [] };
  // Read once; read again after an actor is made, which a later party of the same name must see.
  let pool = loadCandidatePool(db);
  for (const proposal of open) {
    const entry = proposalEntry(proposal);
    const matched = changeDate(proposal) ? activeMatch(db, version.source, entry.key) : null;
    const step = acceptAllStep(proposal, matched !== null, matched || !changeDate(proposal) ? [] : suggestActors(db, entry, 2, pool));
    if ('left' in step) {
      result.left.push({ id: proposal.id, name: entry.name, reason: step.left });
      continue;
    }
    const { createActor } = step;
    try {
      db.transaction((tx) => {
        if (createActor) createActorForEntry(tx, version.source, entry, actor);
        acceptProposal(tx, proposal.id, actor, { status: 'published' });
      });
      result.accepted++;
      if (createActor) {
        result.actorsCreated++;
        pool = loadCandidatePool(db);
      }
    } catch (err) {
      if (!(err instanceof MutationError)) throw err;
      result.left.push({ id: proposal.id, name: entry.name, reason: err.message });
    }
  }
  return result;
}
