'use client';

/**
 * Create or edit an actor. Validation runs with the shared actor schema in the browser and again
 * on the server; a refused save keeps every value. A save over a newer version shows theirs next
 * to yours and lets you keep yours (saving over theirs knowingly) or load theirs.
 */
import Link from 'next/link';
import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { saveEntity, type EntityFormState } from '@/server/actions/entities';
import { COUNTRIES_BY_NAME } from '@/lib/countries';
import { entityInputSchema } from '@/lib/validation/entity';
import {
  ENTITY_FIELD_LABELS,
  ENTITY_FORM_FIELDS,
  entityErrorField,
  entityFormToRaw,
  type EntityFormValues,
} from '@/lib/validation/entity-form';
import { issuesToFieldErrors, type FieldErrors } from '@/lib/validation/event-form';
import { ENTITY_KINDS, ENTITY_KIND_LABELS } from '@/lib/vocabulary';
import { ErrorSummary } from './error-summary';
import { Field, Notice, buttonClass, describedBy, inputClass, secondaryButtonClass } from './field';

const INITIAL: EntityFormState = { status: 'idle' };

/** A value as the conflict table shows it. */
function shown(k: keyof EntityFormValues, v: string): string {
  if (k === 'madePublic') return v === 'yes' ? 'Yes' : 'No';
  return v || '(empty)';
}
const fid = (name: string) => `entity-${entityErrorField(name)}`;

function byField(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) out[entityErrorField(k)] ??= v;
  return out;
}

export function EntityForm({ entityId, version: initialVersion, initial, cancelHref }: { entityId?: number; version?: number; initial: EntityFormValues; cancelHref: string }) {
  const [state, formAction, pending] = useActionState(saveEntity, INITIAL);
  const [values, setValues] = useState<EntityFormValues>(() => (state.status === 'idle' ? initial : state.values));
  const [version, setVersion] = useState(initialVersion);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [clientAttempts, setClientAttempts] = useState(0);
  const [handled, setHandled] = useState<number | null>(null);


  const errors = byField(clientErrors ?? (state.status === 'idle' ? {} : state.errors));
  // Every refusal, in the browser or from the server, moves focus to the summary again.
  const focusKey = clientAttempts + (state.status === 'idle' ? 0 : state.submission);
  const conflict = state.status === 'conflict' && handled !== state.submission ? state.conflict : null;
  // A refusal because another actor reads the same offers to save anyway (db/mutations/entities.ts).
  const namesake = !clientErrors && (state.status === 'invalid' || state.status === 'refused') && state.namesake === true;
  const message = clientErrors ? 'Nothing was saved. Check the fields marked below:' : state.status === 'invalid' || state.status === 'refused' ? state.message : null;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = entityInputSchema.safeParse(entityFormToRaw(values));
    if (!parsed.success) {
      setClientErrors(issuesToFieldErrors(parsed.error.issues));
      setClientAttempts((k) => k + 1);
      return;
    }
    setClientErrors(null);
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  }

  const set = (k: keyof EntityFormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const common = (name: keyof EntityFormValues, hint?: string) => ({
    id: fid(name),
    name,
    value: values[name],
    onChange: set(name),
    'aria-invalid': !!errors[name],
    'aria-describedby': describedBy(fid(name), { hint, error: errors[name] }),
    className: inputClass,
  });

  return (
    <form onSubmit={onSubmit} action={formAction} noValidate className="space-y-5">
      {conflict ? (
        <section tabIndex={-1} aria-labelledby="entity-conflict" className="space-y-3 rounded border-2 border-amber-600 p-4" data-testid="conflict-view">
          <h2 id="entity-conflict" className="text-lg font-semibold">
            Someone else saved this actor while you were editing it
          </h2>
          <p className="text-sm">
            {conflict.changedBy ?? 'Someone'} saved version {conflict.currentVersion}. Nothing you typed was saved; it is still below.
          </p>
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left">
                <th scope="col">Field</th>
                <th scope="col">Their version</th>
                <th scope="col">What you typed</th>
              </tr>
            </thead>
            <tbody>
              {ENTITY_FORM_FIELDS.filter((k) => conflict.theirs[k].trim() !== values[k].trim()).map((k) => (
                <tr key={k} className="border-t border-zinc-200 align-top dark:border-zinc-800">
                  <th scope="row" className="py-1 pr-2 text-left font-medium">
                    {ENTITY_FIELD_LABELS[k]}
                  </th>
                  <td className="whitespace-pre-line py-1 pr-2">{shown(k, conflict.theirs[k])}</td>
                  <td className="whitespace-pre-line py-1">{shown(k, values[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonClass}
              onClick={() => {
                setVersion(conflict.currentVersion);
                setHandled(state.status === 'conflict' ? state.submission : null);
              }}
            >
              Keep what I typed (then save over their version)
            </button>
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => {
                setValues(conflict.theirs);
                setVersion(conflict.currentVersion);
                setHandled(state.status === 'conflict' ? state.submission : null);
              }}
            >
              Discard mine and load theirs
            </button>
          </div>
        </section>
      ) : null}
      <ErrorSummary errors={errors} labels={(p) => ENTITY_FIELD_LABELS[p] ?? p} fieldId={fid} message={message} focusKey={focusKey} />
      {state.status === 'conflict' && !conflict ? <Notice tone="info">Ready to save over version {version}.</Notice> : null}
      <input type="hidden" name="id" value={entityId ?? ''} />
      <input type="hidden" name="version" value={version ?? ''} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={fid('name')} label="Name" required error={errors.name} hint="The name most sources use.">
          <input {...common('name', 'The name most sources use.')} autoComplete="off" aria-required />
        </Field>
        <Field id={fid('kind')} label="Kind" required error={errors.kind}>
          <select {...common('kind')}>
            {ENTITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {ENTITY_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id={fid('description')} label="Description" error={errors.description}>
        <textarea {...common('description')} rows={3} />
      </Field>
      <Field id={fid('countryCode')} label="Country" error={errors.countryCode} hint="A government's state, a person's nationality.">
        <select {...common('countryCode', "A government's state, a person's nationality.")}>
          <option value="">None or unknown</option>
          {COUNTRIES_BY_NAME.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={fid('aliases')} label="Aliases" error={errors.aliases} hint="Other names and spellings, one per line. Search finds the actor by any of them.">
        <textarea {...common('aliases', 'Other names and spellings, one per line. Search finds the actor by any of them.')} rows={4} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={fid('opensanctionsId')} label="OpenSanctions id" error={errors.opensanctionsId} hint="e.g. NK-abc123">
          <input {...common('opensanctionsId', 'e.g. NK-abc123')} autoComplete="off" />
        </Field>
        <Field id={fid('ofacUid')} label="OFAC UID" error={errors.ofacUid} hint="The SDN list entry number, e.g. 36270">
          <input {...common('ofacUid', 'The SDN list entry number, e.g. 36270')} inputMode="numeric" autoComplete="off" />
        </Field>
      </div>
      <div className="space-y-1">
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="madePublic"
            value="yes"
            checked={values.madePublic === 'yes'}
            onChange={(e) => setValues((v) => ({ ...v, madePublic: e.target.checked ? 'yes' : '' }))}
            aria-describedby="entity-madePublic-hint"
            className="mt-1"
          />
          <span>Public now, before any published event involves this actor</span>
        </label>
        <p id="entity-madePublic-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
          Otherwise only staff see the actor until a published event names it. The change is recorded in its history.
        </p>
      </div>
      {namesake ? (
        <label className="flex items-start gap-2 rounded border border-amber-600 p-3 text-sm" data-testid="same-name">
          <input type="checkbox" name="sameName" value="yes" className="mt-1" />
          <span>This is a different actor who has the same name: save it anyway.</span>
        </label>
      ) : null}
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? 'Saving…' : entityId ? 'Save changes' : 'Create actor'}
        </button>
        <Link href={cancelHref} className="text-sm">
          Cancel
        </Link>
      </div>
    </form>
  );
}
