'use server';

/**
 * Staff writes to events from the browser. Each action goes through the gate in ./guard.ts (the
 * session and role first, then the shared schema) and hands back what was typed with the errors,
 * so a refused save never loses input. Next.js checks the Origin of every server action.
 */
import { z } from 'zod';
import { getStore } from '@/db';
import { MutationError, VersionConflictError } from '@/db/mutations/errors';
import { parseId } from '@/db/queries/events';
import { changeActor } from '@/lib/auth/roles';
import { compareForConflict, contentFromInput, contentFromSnapshot, contentToFormValues, type ConflictField } from '@/lib/event-content';
import { entityInputSchema } from '@/lib/validation/entity';
import { expectedVersionSchema, type EventInput } from '@/lib/validation/event';
import { formDataToValues, issuesToFieldErrors, validateEventForm, type EventFormValues, type FieldErrors } from '@/lib/validation/event-form';
import { kickAlerts } from '@/server/alerts/scheduler';
import { buttonAction, formId, guardedAction, showAfterWrite, viewerWith } from './guard';
import { rememberWrite } from '@/server/http/write-mark';

export interface ConflictInfo {
  currentVersion: number;
  changedBy: string | null;
  changedAt: string | null;
  deleted: boolean;
  fields: ConflictField[];
  /** Their version with your changed fields on top. */
  reapplied: EventFormValues;
  /** Their version as it is. */
  theirs: EventFormValues;
}

export type EventFormState =
  | { status: 'idle' }
  | { status: 'invalid'; values: EventFormValues; errors: FieldErrors; message: string; submission: number }
  | { status: 'refused'; values: EventFormValues; message: string; submission: number }
  | { status: 'conflict'; values: EventFormValues; conflict: ConflictInfo; submission: number };

async function buildConflict(id: number, startedFrom: number, error: VersionConflictError, mine: EventFormValues): Promise<ConflictInfo> {
  const parsed = validateEventForm(mine);
  const { theirs: theirsSnapshot, base, latest, actorNames: names, eventTitle } = await getStore().events.conflictContext(id, startedFrom, {
    actorIds: parsed.success ? parsed.input.actors.map((a) => a.entityId) : [],
    linkIds: parsed.success ? parsed.input.links.map((l) => l.toEventId) : [],
  });
  const theirs = contentFromSnapshot(theirsSnapshot);
  const baseContent = base ? contentFromSnapshot(base) : null;
  const ctx = { eventTitle };
  const mineContent = parsed.success ? contentFromInput(parsed.input, (entityId) => names.get(entityId) ?? `Actor #${entityId}`) : theirs;
  const { fields, reapplied } = compareForConflict(baseContent, theirs, mineContent, mine, ctx);
  return {
    currentVersion: error.currentVersion,
    changedBy: latest?.actor ?? null,
    changedAt: latest?.createdAt ?? null,
    deleted: error.deleted,
    fields,
    reapplied,
    theirs: contentToFormValues(theirs, ctx),
  };
}

/** Creates an event (no id) or saves an edit (id + the version the edit started from). */
export const saveEvent = guardedAction<EventFormState, EventFormValues, EventInput>(
  {
    permission: 'records:write',
    counter: 'submission',
    read: formDataToValues,
    parse: (values) => {
      const parsed = validateEventForm(values);
      if (parsed.success) return { success: true, data: parsed.input };
      const n = Object.keys(parsed.errors).length;
      return { success: false, message: `${n === 1 ? 'One field needs' : `${n} fields need`} attention:`, errors: parsed.errors };
    },
    refuse: ({ reason, message, errors, values, count: submission }) => {
      if (reason === 'not-a-form') return { status: 'refused', values, message, submission };
      if (reason === 'not-allowed' || reason === 'unavailable') return { status: 'refused', values, message: `Nothing was saved. ${message}`, submission };
      return { status: 'invalid', values, errors, message: `Nothing was saved. ${message}`, submission };
    },
  },
  async (input, { viewer, values, form, count: submission }) => {
    const rawId = form.get('id');
    const id = typeof rawId === 'string' && rawId !== '' ? parseId(rawId) : null;
    if (typeof rawId === 'string' && rawId !== '' && id === null) {
      return { status: 'refused', values, message: 'Nothing was saved: this form points at an event that does not exist.', submission };
    }
    const events = getStore().events;
    const actor = changeActor(viewer);
    if (id === null) {
      const created = await events.create(input, actor);
      kickAlerts();
      return showAfterWrite(`/events/${created.id}?saved=created`);
    }
    const version = expectedVersionSchema.safeParse(form.get('version'));
    if (!version.success) return { status: 'refused', values, message: version.error.issues[0]!.message, submission };
    try {
      const result = await events.update(id, input, version.data, actor);
      if (result.changed) kickAlerts();
      return showAfterWrite(`/events/${id}?saved=${result.changed ? 'updated' : 'unchanged'}`);
    } catch (err) {
      if (err instanceof VersionConflictError) return { status: 'conflict', values, conflict: await buildConflict(id, version.data, err, values), submission };
      throw err;
    }
  },
);

export type InlineActorResult =
  | { ok: true; entity: { id: number; name: string } }
  | { ok: false; message: string; errors: FieldErrors };

/** Creates an actor from inside the event form, so a new name does not mean leaving the form. */
export async function createActorInline(raw: { kind: string; name: string; countryCode: string }): Promise<InlineActorResult> {
  const auth = await viewerWith('records:write');
  if ('refusal' in auth) return { ok: false, message: auth.refusal, errors: {} };
  // Called from the browser: the argument is whatever was sent, not necessarily this shape.
  const { kind, name, countryCode } = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<typeof raw>;
  const parsed = entityInputSchema.safeParse({ kind, name, countryCode, aliases: [] });
  if (!parsed.success) return { ok: false, message: 'The actor was not created.', errors: issuesToFieldErrors(parsed.error.issues) };
  try {
    const { id } = await getStore().entities.create(parsed.data, changeActor(auth.viewer));
    await rememberWrite();
    return { ok: true, entity: { id, name: parsed.data.name } };
  } catch (err) {
    // Another actor reads the same (issue 10): pick that one from the suggestions; a namesake who
    // is someone else is created on the actor form, which can confirm it.
    if (err instanceof MutationError) return { ok: false, message: `The actor was not created. ${err.message}`, errors: err.fieldErrors };
    throw err;
  }
}

const eventVersion = z.object({ id: formId, version: expectedVersionSchema });

export const deleteEventAction = buttonAction('records:write', eventVersion, async ({ id, version }, viewer) => {
  await getStore().events.delete(id, version, changeActor(viewer));
  return `/events/deleted?deleted=${id}`;
});

export const restoreDeletedEventAction = buttonAction('records:write', eventVersion, async ({ id, version }, viewer) => {
  await getStore().events.restoreDeleted(id, version, changeActor(viewer));
  return `/events/${id}?saved=restored`;
});

export const restoreVersionAction = buttonAction('records:write', eventVersion.extend({ revisionId: formId }), async ({ id, version, revisionId }, viewer) => {
  const result = await getStore().events.restoreRevision(id, revisionId, version, changeActor(viewer));
  return `/events/${id}?saved=${result.changed ? 'reverted' : 'unchanged'}#section-history`;
});
