'use server';

/** Staff writes to actors: create and edit (with the version check), merge and undo a merge. */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { MutationError, VersionConflictError } from '@/db/mutations/errors';
import { createEntity, mergeEntities, undoMerge, updateEntity } from '@/db/mutations/entities';
import { getEntity } from '@/db/queries/entities';
import { parseId } from '@/db/queries/events';
import { getLatestRevision } from '@/db/queries/revisions';
import { AuthorizationError, changeActor, type Viewer } from '@/lib/auth/roles';
import { requirePermission } from '@/server/auth/viewer';
import { asForm, nextCount, NOT_A_FORM } from '@/lib/http/action-args';
import { entityInputSchema } from '@/lib/validation/entity';
import { expectedVersionSchema } from '@/lib/validation/event';
import { issuesToFieldErrors, type FieldErrors } from '@/lib/validation/event-form';
import { entityFormToRaw, entityToFormValues, readEntityForm, type EntityFormValues } from '@/lib/validation/entity-form';
import type { SmallActionState } from '@/server/actions/events';

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

async function editor(): Promise<{ viewer: Viewer } | { refusal: string }> {
  try {
    return { viewer: await requirePermission('records:write') };
  } catch (err) {
    if (err instanceof AuthorizationError) return { refusal: err.message };
    throw err;
  }
}

export async function saveEntity(previous: EntityFormState, submitted: FormData): Promise<EntityFormState> {
  const submission = nextCount(previous, 'submission');
  const form = asForm(submitted);
  if (!form) return { status: 'refused', values: readEntityForm(new FormData()), errors: {}, message: NOT_A_FORM, submission };
  const values = readEntityForm(form);
  const auth = await editor();
  if ('refusal' in auth) return { status: 'refused', values, errors: {}, message: `Nothing was saved. ${auth.refusal}`, submission };

  const parsed = entityInputSchema.safeParse(entityFormToRaw(values));
  if (!parsed.success) {
    return { status: 'invalid', values, errors: issuesToFieldErrors(parsed.error.issues), message: 'Nothing was saved. Check the fields marked below:', submission };
  }
  const rawId = String(form.get('id') ?? '');
  const id = rawId === '' ? null : parseId(rawId);
  if (rawId !== '' && id === null) return { status: 'refused', values, errors: {}, message: 'This form points at an actor that does not exist.', submission };

  const db = getDb();
  // Ticked after a refusal: this is a different actor who has the same name as another.
  const options = { allowNamesake: form.get('sameName') === 'yes' };
  let target: string;
  try {
    if (id === null) {
      target = `/entities/${createEntity(db, parsed.data, changeActor(auth.viewer), options).id}`;
    } else {
      const version = expectedVersionSchema.safeParse(form.get('version'));
      if (!version.success) return { status: 'refused', values, errors: {}, message: version.error.issues[0]!.message, submission };
      updateEntity(db, id, parsed.data, version.data, changeActor(auth.viewer), options);
      target = `/entities/${id}`;
    }
  } catch (err) {
    if (err instanceof VersionConflictError && id !== null) {
      const current = getEntity(db, id);
      const latest = getLatestRevision(db, 'entity', id);
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
    if (err instanceof MutationError) {
      const namesake = err.status === 409 && 'name' in err.fieldErrors;
      return { status: 'refused', values, errors: err.fieldErrors, message: `Nothing was saved. ${err.message}`, submission, namesake };
    }
    throw err;
  }
  revalidatePath('/', 'layout');
  redirect(target);
}

async function small(previous: SmallActionState, submitted: FormData, run: (form: FormData, viewer: Viewer) => string): Promise<SmallActionState> {
  const attempt = nextCount(previous, 'attempt');
  const form = asForm(submitted);
  if (!form) return { error: NOT_A_FORM, attempt };
  const auth = await editor();
  if ('refusal' in auth) return { error: auth.refusal, attempt };
  let target: string;
  try {
    target = run(form, auth.viewer);
  } catch (err) {
    if (err instanceof VersionConflictError) return { error: `${err.message} Reload the page to see the current versions.`, attempt };
    if (err instanceof MutationError) return { error: err.message, attempt };
    throw err;
  }
  revalidatePath('/', 'layout');
  redirect(target);
}

export async function mergeEntitiesAction(previous: SmallActionState, submitted: FormData): Promise<SmallActionState> {
  return small(previous, submitted, (form, viewer) => {
    const survivorId = parseId(String(form.get('survivorId') ?? ''));
    const mergedId = parseId(String(form.get('mergedId') ?? ''));
    const survivorVersion = expectedVersionSchema.safeParse(form.get('survivorVersion'));
    const mergedVersion = expectedVersionSchema.safeParse(form.get('mergedVersion'));
    if (survivorId === null || mergedId === null || !survivorVersion.success || !mergedVersion.success) {
      throw new MutationError('This form is out of date; reload the page.');
    }
    const { mergeId } = mergeEntities(getDb(), { survivorId, survivorVersion: survivorVersion.data, mergedId, mergedVersion: mergedVersion.data }, changeActor(viewer));
    return `/entities/${survivorId}/history?merged=${mergeId}`;
  });
}

export async function undoMergeAction(previous: SmallActionState, submitted: FormData): Promise<SmallActionState> {
  return small(previous, submitted, (form, viewer) => {
    const mergeId = parseId(String(form.get('mergeId') ?? ''));
    if (mergeId === null) throw new MutationError('This form is out of date; reload the page.');
    const { mergedId } = undoMerge(getDb(), mergeId, changeActor(viewer));
    return `/entities/${mergedId}/history?unmerged=${mergeId}`;
  });
}
