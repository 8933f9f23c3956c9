'use client';

/**
 * Record or correct a standing change. The shared check (lib/relations/change.ts) runs in the
 * browser first and again on the server, which also refuses a change that contradicts a recorded
 * one; a refusal keeps every value with its message beside its control. A save over a newer
 * version is refused as a conflict, which says who saved and lets you save over it knowingly.
 * Several forms can sit on one page: `idPrefix` keeps their controls' ids apart.
 */
import { saveStandingChange, type StandingFormState } from '@/server/actions/standings';
import { validateStandingChange } from '@/lib/relations/change';
import { standingErrorsForForm, standingValuesToRaw, type StandingFormValues } from '@/lib/relations/form';
import { ORGANISATION_NAMES } from '@/lib/relations/regions';
import {
  CHANGE_STATUS_LABELS,
  CHANGE_STATUSES,
  DIPLOMATIC_LEVELS,
  LEVEL_LABELS,
  MEMBERSHIP_LEVELS,
} from '@/lib/relations/scale';
import { formatTimestamp } from '@/lib/dates';
import { COUNTRIES_BY_NAME } from '@/lib/countries';
import type { FieldErrors } from '@/lib/validation/event-form';
import { Select, TextArea, TextInput } from '@/components/forms/controls';
import { ErrorSummary } from '@/components/forms/error-summary';
import { Notice, buttonClass, secondaryButtonClass } from '@/components/forms/field';
import { CountryOptions } from '@/components/forms/country-options';
import { Options } from '@/components/forms/options';
import { SubmitButton } from '@/components/forms/submit-button';
import { useVersionedForm } from '@/components/forms/use-versioned-form';

const INITIAL: StandingFormState = { status: 'idle' };

export const STANDING_FIELD_LABELS: Record<string, string> = {
  subject: 'Whose standing',
  counterpart: 'With',
  date: 'Date',
  status: 'Status',
  level: 'Level',
  embassy: 'Embassy',
  ambassadorRecalled: 'Ambassador recalled',
  evidence: 'Evidence events',
  note: 'Note',
  form: 'This change',
};

/** The browser's check: the same as the server's, short of the recorded changes. */
function validate(values: StandingFormValues): FieldErrors | null {
  const { raw, errors } = standingValuesToRaw(values);
  const checked = validateStandingChange(raw);
  const all = { ...(checked.success ? {} : standingErrorsForForm(checked.errors)), ...errors };
  return Object.keys(all).length > 0 ? all : null;
}

const evidenceText = (evidence: readonly string[]) => evidence.join(', ');

export function StandingChangeForm({
  initial,
  idPrefix,
  submitLabel,
}: {
  /** What the form starts with; `id` and `version` set for an edit, `returnTo` where to go after saving. */
  initial: StandingFormValues;
  idPrefix: string;
  submitLabel: string;
}) {
  const { state, formAction, values, setValues, version, clientErrors, submit, continueFrom, focusKey, conflictOpen } = useVersionedForm({
    action: saveStandingChange,
    initialState: INITIAL,
    initial,
    initialVersion: initial.version ? Number(initial.version) : undefined,
    validate,
  });

  const errors: FieldErrors = clientErrors ?? (state.status === 'invalid' ? state.errors : {});
  const message = clientErrors
    ? 'Nothing was saved. Check the fields marked below:'
    : state.status === 'invalid' || state.status === 'refused'
      ? state.message
      : null;
  const fid = (name: string) => `${idPrefix}-${name === 'form' ? 'subject' : name}`;
  const control = (name: Exclude<keyof StandingFormValues, 'evidence'>) => ({
    id: fid(name),
    name,
    value: values[name],
    onChange: (value: string) => setValues((v) => ({ ...v, [name]: value })),
    error: errors[name],
  });
  const kindIsOrganisation = Object.hasOwn(ORGANISATION_NAMES, values.subject);

  return (
    <form onSubmit={submit} action={formAction} noValidate className="space-y-4" data-testid="standing-change-form">
      {state.status === 'conflict' && conflictOpen ? (
        <Notice tone="error">
          <p className="font-semibold">Someone else saved this change while you were editing it.</p>
          <p className="mt-1">
            {state.changedBy ?? 'Someone'} saved version {state.currentVersion}
            {state.changedAt ? ` on ${formatTimestamp(state.changedAt)}` : ''}. {state.message}
          </p>
          {state.deleted ? (
            <p className="mt-1">The change has been deleted; restore it first, then reload this page.</p>
          ) : (
            <button type="button" className={`${secondaryButtonClass} mt-2`} onClick={() => continueFrom(state.currentVersion)}>
              Save mine over version {state.currentVersion}
            </button>
          )}
        </Notice>
      ) : null}
      {state.status === 'conflict' && !conflictOpen ? <Notice tone="info">Ready to save over version {version}.</Notice> : null}
      <ErrorSummary errors={errors} labels={(p) => STANDING_FIELD_LABELS[p] ?? p} fieldId={fid} message={message} focusKey={focusKey} />
      {errors.form ? (
        <p className="text-sm font-medium text-red-800 dark:text-red-300" id={`${idPrefix}-form-error`}>
          {errors.form}
        </p>
      ) : null}
      <input type="hidden" name="id" value={values.id} />
      <input type="hidden" name="version" value={version ?? ''} />
      <input type="hidden" name="returnTo" value={values.returnTo} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select {...control('subject')} label={STANDING_FIELD_LABELS.subject} required hint="A state, or an organisation (its membership).">
          <option value="">Choose…</option>
          <optgroup label="Organisations">
            {Object.entries(ORGANISATION_NAMES).map(([key, name]) => (
              <option key={key} value={key}>
                {name}
              </option>
            ))}
          </optgroup>
          <optgroup label="States">
            {COUNTRIES_BY_NAME.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </optgroup>
        </Select>
        <Select {...control('counterpart')} label={STANDING_FIELD_LABELS.counterpart} required hint="The state whose standing this is with.">
          <CountryOptions empty="Choose…" />
        </Select>
        <TextInput
          {...control('date')}
          label={STANDING_FIELD_LABELS.date}
          required
          hint="As precisely as the sources say: 2018, 2018-12 or 2018-12-27."
          inputMode="numeric"
          autoComplete="off"
          placeholder="YYYY, YYYY-MM or YYYY-MM-DD"
        />
        <Select {...control('status')} label={STANDING_FIELD_LABELS.status} required hint="Announced and reported changes are shown apart and never change the standing.">
          <Options values={CHANGE_STATUSES} label={(s) => CHANGE_STATUS_LABELS[s]} />
        </Select>
        <Select {...control('level')} label={STANDING_FIELD_LABELS.level} hint={kindIsOrganisation ? 'For an organisation: the counterpart’s membership.' : 'How the subject is represented in the counterpart.'}>
          <option value="">This change does not say</option>
          <optgroup label="Diplomatic (states)">
            <Options values={DIPLOMATIC_LEVELS} label={(l) => LEVEL_LABELS[l]} />
          </optgroup>
          <optgroup label="Membership (organisations)">
            <Options values={MEMBERSHIP_LEVELS} label={(l) => LEVEL_LABELS[l]} />
          </optgroup>
          <option value="unknown">Unknown: the sources do not say</option>
        </Select>
        <Select {...control('embassy')} label={STANDING_FIELD_LABELS.embassy}>
          <option value="">This change does not say</option>
          <option value="open">Open</option>
          <option value="closed">Closed</option>
          <option value="unknown">Unknown: the sources do not say</option>
        </Select>
        <Select {...control('ambassadorRecalled')} label={STANDING_FIELD_LABELS.ambassadorRecalled}>
          <option value="">This change does not say</option>
          <option value="yes">Yes, recalled</option>
          <option value="no">No, not recalled</option>
          <option value="unknown">Unknown: the sources do not say</option>
        </Select>
        <TextInput
          id={fid('evidence')}
          name="evidence"
          label={STANDING_FIELD_LABELS.evidence}
          required
          hint="The numbers of the timeline events that show the change, e.g. 12 or 12, 14 (an event's number is in its address, /events/12)."
          value={evidenceText(values.evidence)}
          onChange={(text) => setValues((v) => ({ ...v, evidence: text === '' ? [] : [text] }))}
          error={errors.evidence}
          autoComplete="off"
        />
        <TextArea {...control('note')} label={STANDING_FIELD_LABELS.note} rows={3} className="sm:col-span-2" hint="What the sources say, in a sentence; what is inferred, and from what." />
      </div>
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingLabel="Saving…" className={buttonClass}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
