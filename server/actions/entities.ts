'use server';

/**
 * Staff writes to actors: create and edit (with the version check), merge and undo a merge. Each
 * goes through the gate in ./guard.ts: the session and role first, then the schema.
 */
import { z } from 'zod';
import { getStore } from '@/db';
import { VersionConflictError } from '@/db/mutations/errors';
import { parseId } from '@/db/queries/events';
import { changeActor } from '@/lib/auth/roles';
import { entityInputSchema, type EntityInput } from '@/lib/validation/entity';
import { expectedVersionSchema } from '@/lib/validation/event';
import { issuesToFieldErrors, type FieldErrors } from '@/lib/validation/event-form';
import { entityFormToRaw, entityToFormValues, readEntityForm, type EntityFormValues } from '@/lib/validation/entity-form';
import { buttonAction, formId, guardedAction, showAfterWrite } from './guard';

export type EntityFormState =
  | { status: 'idle' }
  | {
      status: 'invalid' | 'refused';
      values: EntityFormValues;
      errors: FieldErrors;
      message: string;
      submission: number;
      /** Another actor reads the same: the form offers to save it anyway, as a different actor. */
      namesake?: boolean;
    }
  | {
      status: 'conflict';
      values: EntityFormValues;
      errors: FieldErrors;
      message: string;
      submission: number;
      conflict: { currentVersion: number; changedBy: string | null; changedAt: string | null; theirs: EntityFormValues };
    };

/** Creates an actor (no id) or saves an edit (id + the version the edit started from). */
export const saveEntity = guardedAction<EntityFormState, EntityFormValues, EntityInput>(
  {
    permission: 'records:write',
    counter: 'submission',
    read: readEntityForm,
    parse: (values) => {
      const parsed = entityInputSchema.safeParse(entityFormToRaw(values));
      if (parsed.success) return parsed;
      return { success: false, message: 'Check the fields marked below:', errors: issuesToFieldErrors(parsed.error.issues) };
    },
    refuse: ({ reason, message, errors, values, count: submission, error }) => {
      if (reason === 'not-a-form') return { status: 'refused', values, errors, message, submission };
      if (reason === 'invalid') return { status: 'invalid', values, errors, message: `Nothing was saved. ${message}`, submission };
      if (reason === 'not-allowed' || reason === 'unavailable') return { status: 'refused', values, errors, message: `Nothing was saved. ${message}`, submission };
      // Another actor reads the same: the form offers to save it anyway, as a different actor.
      const namesake = error?.status === 409 && 'name' in errors;
      return { status: 'refused', values, errors, message: `Nothing was saved. ${message}`, submission, namesake };
    },
  },
  async (input, { viewer, values, form, count: submission }) => {
    const rawId = String(form.get('id') ?? '');
    const id = rawId === '' ? null : parseId(rawId);
    if (rawId !== '' && id === null) return { status: 'refused', values, errors: {}, message: 'This form points at an actor that does not exist.', submission };
    const store = getStore();
    // Ticked after a refusal: this is a different actor who has the same name as another.
    const options = { allowNamesake: form.get('sameName') === 'yes' };
    if (id === null) return showAfterWrite(`/entities/${(await store.entities.create(input, changeActor(viewer), options)).id}`);
    const version = expectedVersionSchema.safeParse(form.get('version'));
    if (!version.success) return { status: 'refused', values, errors: {}, message: version.error.issues[0]!.message, submission };
    try {
      await store.entities.update(id, input, version.data, changeActor(viewer), options);
    } catch (err) {
      if (!(err instanceof VersionConflictError)) throw err;
      const [current, latest] = await Promise.all([store.entities.get(id), store.entities.latestChange(id)]);
      return {
        status: 'conflict',
        values,
        errors: {},
        message: 'Someone else saved this actor while you were editing it. Nothing was saved; your input is below.',
        submission,
        conflict: {
          currentVersion: err.currentVersion,
          changedBy: latest?.actor ?? null,
          changedAt: latest?.createdAt ?? null,
          theirs: current ? entityToFormValues(current) : values,
        },
      };
    }
    return showAfterWrite(`/entities/${id}`);
  },
);

const twoVersions = z.object({ survivorId: formId, survivorVersion: expectedVersionSchema, mergedId: formId, mergedVersion: expectedVersionSchema });

export const mergeEntitiesAction = buttonAction('records:write', twoVersions, async (input, viewer) => {
  const { mergeId } = await getStore().entities.merge(input, changeActor(viewer));
  return `/entities/${input.survivorId}/history?merged=${mergeId}`;
});

export const undoMergeAction = buttonAction('records:write', z.object({ mergeId: formId }), async ({ mergeId }, viewer) => {
  const { mergedId } = await getStore().entities.undoMerge(mergeId, changeActor(viewer));
  return `/entities/${mergedId}/history?unmerged=${mergeId}`;
});
