'use server';

/**
 * Staff writes to standing changes (issue 12), through the gate in ./guard.ts with the permission
 * that edits events. A refused save hands back what was typed with each message keyed by the
 * form's field name (lib/relations/form.ts); a stale version comes back as a conflict naming who
 * saved in between, never as a silent overwrite.
 */
import { z } from 'zod';
import { getStore } from '@/db';
import { VersionConflictError } from '@/db/mutations/errors';
import { parseId } from '@/db/queries/events';
import { changeActor } from '@/lib/auth/roles';
import { validateStandingChange, type FieldErrors } from '@/lib/relations/change';
import { dyadPath, formDataToStandingValues, standingErrorsForForm, standingValuesToRaw, type StandingFormValues } from '@/lib/relations/form';
import { safeNextPath } from '@/lib/safe-next';
import { expectedVersionSchema } from '@/lib/validation/event';
import { buttonAction, formId, guardedAction, showAfterWrite } from './guard';

export type StandingFormState =
  | { status: 'idle' }
  | { status: 'invalid'; values: StandingFormValues; errors: FieldErrors; message: string; submission: number }
  | { status: 'refused'; values: StandingFormValues; message: string; submission: number }
  | {
      status: 'conflict';
      values: StandingFormValues;
      message: string;
      currentVersion: number;
      deleted: boolean;
      changedBy: string | null;
      changedAt: string | null;
      submission: number;
    };

function attention(errors: FieldErrors): string {
  const n = Object.keys(errors).length;
  return `Nothing was saved. ${n === 1 ? 'One field needs' : `${n} fields need`} attention:`;
}

/** Creates a change (no version) or saves an edit (id + the version the edit started from). */
export const saveStandingChange = guardedAction<StandingFormState, StandingFormValues, Record<string, unknown>>(
  {
    permission: 'records:write',
    counter: 'submission',
    read: formDataToStandingValues,
    parse: (values) => {
      const { raw, errors } = standingValuesToRaw(values);
      const checked = validateStandingChange(raw);
      // The schema checks the level against the subject's scale only once every field parses; so
      // that all problems show at once, ask again with the date, evidence and note set aside.
      const again = checked.success ? checked : validateStandingChange({ ...raw, date: '2000', evidenceEventIds: [1], note: null });
      const all = { ...standingErrorsForForm({ ...(again.success ? {} : again.errors), ...(checked.success ? {} : checked.errors) }), ...errors };
      if (Object.keys(all).length > 0) return { success: false, message: attention(all), errors: all };
      return { success: true, data: raw };
    },
    refuse: ({ reason, message, errors, values, count: submission }) => {
      if (reason === 'not-a-form') return { status: 'refused', values, message, submission };
      if (reason === 'not-allowed' || reason === 'unavailable') return { status: 'refused', values, message: `Nothing was saved. ${message}`, submission };
      if (reason === 'invalid') return { status: 'invalid', values, errors, message, submission };
      const fieldErrors = standingErrorsForForm(errors);
      const n = Object.keys(fieldErrors).length;
      return { status: 'invalid', values, errors: fieldErrors, message: n > 0 ? attention(fieldErrors) : `Nothing was saved. ${message}`, submission };
    },
  },
  async (raw, { viewer, values, count: submission }) => {
    const store = getStore();
    const actor = changeActor(viewer);
    const id = values.id === '' ? null : parseId(values.id);
    if (values.id !== '' && id === null) {
      return { status: 'refused', values, message: 'Nothing was saved: this form points at a standing change that does not exist.', submission };
    }
    const back = (subject: string, counterpart: string, saved: string) => {
      const target = safeNextPath(values.returnTo, dyadPath(subject, counterpart));
      return `${target}${target.includes('?') ? '&' : '?'}saved=${saved}`;
    };
    if (id === null) {
      const created = await store.relations.create(raw, actor);
      return showAfterWrite(back(created.subject, created.counterpart, 'standing-created'));
    }
    const version = expectedVersionSchema.safeParse(values.version);
    if (!version.success) return { status: 'refused', values, message: version.error.issues[0]!.message, submission };
    try {
      const result = await store.relations.update(id, raw, version.data, actor);
      return showAfterWrite(back(result.subject, result.counterpart, result.changed ? 'standing-updated' : 'standing-unchanged'));
    } catch (err) {
      if (!(err instanceof VersionConflictError)) throw err;
      const latest = await store.relations.latestChange(id);
      return {
        status: 'conflict',
        values,
        message: `${err.message} Your input is kept below; compare it with the saved version and save again.`,
        currentVersion: err.currentVersion,
        deleted: err.deleted,
        changedBy: latest?.actor ?? null,
        changedAt: latest?.createdAt ?? null,
        submission,
      };
    }
  },
);

const changeVersion = z.object({ id: formId, version: expectedVersionSchema, returnTo: z.string() });

export const deleteStandingChangeAction = buttonAction('records:write', changeVersion, async ({ id, version, returnTo }, viewer) => {
  const { subject, counterpart } = await getStore().relations.delete(id, version, changeActor(viewer));
  return `${safeNextPath(returnTo, dyadPath(subject, counterpart)).split('?')[0]}?deleted=${id}`;
});

export const restoreStandingChangeAction = buttonAction('records:write', changeVersion, async ({ id, version, returnTo }, viewer) => {
  const { subject, counterpart } = await getStore().relations.restoreDeleted(id, version, changeActor(viewer));
  return `${safeNextPath(returnTo, dyadPath(subject, counterpart)).split('?')[0]}?saved=standing-restored`;
});

export const restoreStandingVersionAction = buttonAction(
  'records:write',
  changeVersion.extend({ revisionId: formId }),
  async ({ id, version, revisionId, returnTo }, viewer) => {
    const { subject, counterpart } = await getStore().relations.restoreRevision(id, revisionId, version, changeActor(viewer));
    return `${safeNextPath(returnTo, dyadPath(subject, counterpart)).split('?')[0]}?saved=standing-reverted`;
  },
);
