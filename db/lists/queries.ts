/**
 * Reads for the Lists pages: the versions of each list with their review state, one version, and
 * its proposals with the actor each listed party is matched to (or the suggestions to confirm).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { listProposals, listVersions, type ListProposalRow, type ListVersionRow } from '@/db/schema';
import { MutationError } from '@/db/mutations/errors';
import { activeMatch, loadCandidatePool, suggestActors, type CandidatePool, type Suggestion } from './matching';
import { proposalEntry } from './review';

export interface VersionSummary extends ListVersionRow {
  open: number;
  accepted: number;
  rejected: number;
}

/** Every stored version, newest first, with how many of its proposals are open, accepted, rejected. */
export function listVersionSummaries(db: DbOrTx): VersionSummary[] {
  const counts = db
    .select({
      versionId: listProposals.versionId,
      open: sql<number>`sum(${listProposals.status} = 'proposed')`,
      accepted: sql<number>`sum(${listProposals.status} = 'accepted')`,
      rejected: sql<number>`sum(${listProposals.status} = 'rejected')`,
    })
    .from(listProposals)
    .groupBy(listProposals.versionId)
    .all();
  const byVersion = new Map(counts.map((c) => [c.versionId, c]));
  return db
    .select()
    .from(listVersions)
    .orderBy(desc(listVersions.id))
    .all()
    .map((v) => ({ ...v, open: byVersion.get(v.id)?.open ?? 0, accepted: byVersion.get(v.id)?.accepted ?? 0, rejected: byVersion.get(v.id)?.rejected ?? 0 }));
}

export function getListVersion(db: DbOrTx, id: number): ListVersionRow | null {
  return db.select().from(listVersions).where(eq(listVersions.id, id)).get() ?? null;
}

export interface ProposalView extends ListProposalRow {
  match: { id: number; entityId: number; entityName: string; method: string; basis: string | null; confirmedBy: string } | null;
  /** For an open proposal whose party is not matched: the actors to confirm, best first. */
  suggestions: Suggestion[];
}

/** A version's proposals in review order (open first, then designations, amendments, removals). */
export function versionProposals(db: DbOrTx, version: ListVersionRow): ProposalView[] {
  const rows = db.select().from(listProposals).where(and(eq(listProposals.versionId, version.id))).orderBy(listProposals.id).all();
  const order = { proposed: 0, accepted: 1, rejected: 2 } as const;
  let pool: CandidatePool | null = null;
  return rows
    .sort((a, b) => order[a.status] - order[b.status] || a.id - b.id)
    .map((p) => {
      const entry = proposalEntry(p);
      const m = activeMatch(db, version.source, entry.key);
      return {
        ...p,
        match: m ? { id: m.id, entityId: m.entityId, entityName: m.entityName, method: m.method, basis: m.basis, confirmedBy: m.confirmedBy } : null,
        suggestions: !m && p.status === 'proposed' ? suggestActors(db, entry, 5, (pool ??= loadCandidatePool(db))) : [],
      };
    });
}

/** A proposal (whatever its state) with its version; 404 when there is none. */
export function proposalWithVersion(db: DbOrTx, id: number): { proposal: ListProposalRow; version: ListVersionRow } {
  const row = db.select({ proposal: listProposals, version: listVersions }).from(listProposals).innerJoin(listVersions, eq(listVersions.id, listProposals.versionId)).where(eq(listProposals.id, id)).get();
  if (!row) throw new MutationError(NO_SUCH_PROPOSAL, {}, 404);
  return row;
}

export const NO_SUCH_PROPOSAL = 'This proposal does not exist.';
