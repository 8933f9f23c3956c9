'use server';

/**
 * Staff review of official list versions (issue 13): accept a proposed change (publish, or a draft
 * to edit first), reject it, accept all of a version, and the match step for each listed party
 * (confirm a suggestion, pick another actor, create a new one, undo). Each goes through the gate
 * in ./guard.ts; the writes are in db/lists/.
 */
import { z } from 'zod';
import { getStore } from '@/db';
import { basisText } from '@/db/lists/matching';
import { proposalEntry } from '@/db/lists/review';
import { changeActor } from '@/lib/auth/roles';
import { buttonAction, formId, formText } from './guard';

const versionPage = (versionId: number, anchor?: number) => `/lists/versions/${versionId}${anchor ? `#proposal-${anchor}` : ''}`;

export const acceptProposalAction = buttonAction('records:write', z.object({ proposalId: formId, date: formText, edit: formText }), async ({ proposalId, date, edit }, viewer) => {
  const store = getStore();
  const { version } = await store.lists.proposal(proposalId);
  const draft = edit === '1';
  const eventId = await store.lists.accept(proposalId, changeActor(viewer), { status: draft ? 'draft' : 'published', date: date || null });
  return draft ? `/events/${eventId}/edit` : versionPage(version.id, proposalId);
});

export const rejectProposalAction = buttonAction('records:write', z.object({ proposalId: formId }), async ({ proposalId }, viewer) => {
  const store = getStore();
  const { version } = await store.lists.proposal(proposalId);
  await store.lists.reject(proposalId, changeActor(viewer));
  return versionPage(version.id, proposalId);
});

export const acceptAllAction = buttonAction('records:write', z.object({ versionId: formId }), async ({ versionId }, viewer) => {
  const result = await getStore().lists.acceptAll(versionId, changeActor(viewer));
  const query = new URLSearchParams({ accepted: String(result.accepted), created: String(result.actorsCreated), left: String(result.left.length) });
  return `/lists/versions/${versionId}?${query}`;
});

/** Confirms an actor for a proposal's party; the basis and score are worked out again here, never taken from the form. */
export const confirmMatchAction = buttonAction('records:write', z.object({ proposalId: formId, entityId: formId }), async ({ proposalId, entityId }, viewer) => {
  const store = getStore();
  const { proposal, version } = await store.lists.proposal(proposalId);
  const entry = proposalEntry(proposal);
  const suggested = (await store.lists.suggestions(entry, 20)).find((s) => Number(s.candidateId) === entityId);
  await store.lists.confirmMatch(
    suggested
      ? { source: version.source, entry, entityId, method: suggested.certain ? 'identifier' : 'name', score: suggested.score, basis: basisText(suggested) }
      : { source: version.source, entry, entityId, method: 'picked' },
    changeActor(viewer),
  );
  return versionPage(version.id, proposalId);
});

export const createActorAction = buttonAction('records:write', z.object({ proposalId: formId }), async ({ proposalId }, viewer) => {
  const store = getStore();
  const { proposal, version } = await store.lists.proposal(proposalId);
  await store.lists.createActorForEntry(version.source, proposalEntry(proposal), changeActor(viewer));
  return versionPage(version.id, proposalId);
});

/** Undoes a match; back to the version page (`versionId`) or the actor's page (`entityId`). */
export const undoMatchAction = buttonAction('records:write', z.object({ matchId: formId, back: formText }), async ({ matchId, back }, viewer) => {
  const match = await getStore().lists.undoMatch(matchId, changeActor(viewer));
  const versionId = /^version-(\d+)$/.exec(back)?.[1];
  return versionId ? `/lists/versions/${versionId}` : `/entities/${match.entityId}`;
});
