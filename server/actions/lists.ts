'use server';

/**
 * Staff review of official list versions (issue 13): accept a proposed change (publish, or a draft
 * to edit first), reject it, accept all of a version, and the match step for each listed party
 * (confirm a suggestion, pick another actor, create a new one, undo). Each goes through the gate
 * in ./guard.ts; the writes are in db/lists/.
 */
import { z } from 'zod';
import { getDb } from '@/db';
import { MutationError } from '@/db/mutations/errors';
import { basisText, confirmMatch, createActorForEntry, suggestActors, undoMatch } from '@/db/lists/matching';
import { acceptAllOfVersion, acceptProposal, proposalEntry, rejectProposal } from '@/db/lists/review';
import { listProposals, listVersions } from '@/db/schema';
import type { DbOrTx } from '@/db/engine/client';
import { eq } from 'drizzle-orm';
import { changeActor } from '@/lib/auth/roles';
import { buttonAction, formId, formText } from './guard';

function proposalWithVersion(db: DbOrTx, id: number) {
  const row = db.select({ proposal: listProposals, version: listVersions }).from(listProposals).innerJoin(listVersions, eq(listVersions.id, listProposals.versionId)).where(eq(listProposals.id, id)).get();
  if (!row) throw new MutationError('This proposal does not exist.', {}, 404);
  return row;
}

const versionPage = (versionId: number, anchor?: number) => `/lists/versions/${versionId}${anchor ? `#proposal-${anchor}` : ''}`;

export const acceptProposalAction = buttonAction('records:write', z.object({ proposalId: formId, date: formText, edit: formText }), ({ proposalId, date, edit }, viewer) => {
  const db = getDb();
  const { version } = proposalWithVersion(db, proposalId);
  const draft = edit === '1';
  const eventId = acceptProposal(db, proposalId, changeActor(viewer), { status: draft ? 'draft' : 'published', date: date || null });
  return draft ? `/events/${eventId}/edit` : versionPage(version.id, proposalId);
});

export const rejectProposalAction = buttonAction('records:write', z.object({ proposalId: formId }), ({ proposalId }, viewer) => {
  const db = getDb();
  const { version } = proposalWithVersion(db, proposalId);
  rejectProposal(db, proposalId, changeActor(viewer));
  return versionPage(version.id, proposalId);
});

export const acceptAllAction = buttonAction('records:write', z.object({ versionId: formId }), ({ versionId }, viewer) => {
  const result = acceptAllOfVersion(getDb(), versionId, changeActor(viewer));
  const query = new URLSearchParams({ accepted: String(result.accepted), created: String(result.actorsCreated), left: String(result.left.length) });
  return `/lists/versions/${versionId}?${query}`;
});

/** Confirms an actor for a proposal's party; the basis and score are worked out again here, never taken from the form. */
export const confirmMatchAction = buttonAction('records:write', z.object({ proposalId: formId, entityId: formId }), ({ proposalId, entityId }, viewer) => {
  const db = getDb();
  const { proposal, version } = proposalWithVersion(db, proposalId);
  const entry = proposalEntry(proposal);
  const suggested = suggestActors(db, entry, 20).find((s) => Number(s.candidateId) === entityId);
  confirmMatch(
    db,
    suggested
      ? { source: version.source, entry, entityId, method: suggested.certain ? 'identifier' : 'name', score: suggested.score, basis: basisText(suggested) }
      : { source: version.source, entry, entityId, method: 'picked' },
    changeActor(viewer),
  );
  return versionPage(version.id, proposalId);
});

export const createActorAction = buttonAction('records:write', z.object({ proposalId: formId }), ({ proposalId }, viewer) => {
  const db = getDb();
  const { proposal, version } = proposalWithVersion(db, proposalId);
  createActorForEntry(db, version.source, proposalEntry(proposal), changeActor(viewer));
  return versionPage(version.id, proposalId);
});

/** Undoes a match; back to the version page (`versionId`) or the actor's page (`entityId`). */
export const undoMatchAction = buttonAction('records:write', z.object({ matchId: formId, back: formText }), ({ matchId, back }, viewer) => {
  const match = undoMatch(getDb(), matchId, changeActor(viewer));
  const versionId = /^version-(\d+)$/.exec(back)?.[1];
  return versionId ? `/lists/versions/${versionId}` : `/entities/${match.entityId}`;
});
