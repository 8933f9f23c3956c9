'use client';

/**
 * Create or edit an actor. Validation runs with the shared actor schema in the browser and again
 * on the server; a refused save keeps every value. A save over a newer version shows theirs next
 * to yours and lets you keep yours (saving over theirs knowingly) or load theirs.
 */
import Link from 'next/link';
import { saveEntity, type EntityFormState } from '@/server/actions/entities';
import { entityInputSchema } from '@/lib/validation/entity';
import { ENTITY_FIELD_LABELS, entityErrorField, entityFormToRaw, type EntityFormValues } from '@/lib/validation/entity-form';
import { issuesToFieldErrors, type FieldErrors } from '@/lib/validation/event-form';
import { ENTITY_KINDS, ENTITY_KIND_LABELS } from '@/lib/vocabulary';
import { Select, TextArea, TextInput } from './controls';
import { EntityConflict } from './entity-conflict';
import { ErrorSummary } from './error-summary';
import { Notice, buttonClass } from './field';
import { useVersionedForm } from './use-versioned-form';
import { CountryOptions } from './country-options';
import { Options } from './options';

const INITIAL: EntityFormState = { status: 'idle' };

const fid = (name: string) => `entity-${entityErrorField(name)}`;

function byField(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) out[entityErrorField(k)] ??= v;
  return out;
}

export function EntityForm({ entityId, version: initialVersion, initial, cancelHref }: { entityId?: number; version?: number; initial: EntityFormValues; cancelHref: string }) {
  const { state, formAction, pending, values, setValues, version, clientErrors, submit, continueFrom, focusKey, conflictOpen } = useVersionedForm({
    action: saveEntity,
    initialState: INITIAL,
    initial,
    initialVersion,
    validate: (v) => {
      const parsed = entityInputSchema.safeParse(entityFormToRaw(v));
      return parsed.success ? null : issuesToFieldErrors(parsed.error.issues);
    },
  });

  const errors = byField(clientErrors ?? (state.status === 'idle' ? {} : state.errors));
  const conflict = state.status === 'conflict' && conflictOpen ? state.conflict : null;
  // A refusal because another actor reads the same offers to save anyway (db/mutations/entities.ts).
  const namesake = !clientErrors && (state.status === 'invalid' || state.status === 'refused') && state.namesake === true;
  const message = clientErrors ? 'Nothing was saved. Check the fields marked below:' : state.status === 'invalid' || state.status === 'refused' ? state.message : null;

  /** The id, name, value and error of a field's control. */
  const control = (name: keyof EntityFormValues) => ({
    id: fid(name),
    name,
    value: values[name],
    onChange: (value: string) => setValues((v) => ({ ...v, [name]: value })),
    error: errors[name],
  });


  return (
    <form onSubmit={submit} action={formAction} noValidate className="space-y-5">
      {conflict ? (
        <EntityConflict
          conflict={conflict}
          values={values}
          onKeepMine={() => continueFrom(conflict.currentVersion)}
          onLoadTheirs={() => {
            setValues(conflict.theirs);
            continueFrom(conflict.currentVersion);
          }}
        />
      ) : null}
      <ErrorSummary errors={errors} labels={(p) => ENTITY_FIELD_LABELS[p] ?? p} fieldId={fid} message={message} focusKey={focusKey} />
      {state.status === 'conflict' && !conflict ? <Notice tone="info">Ready to save over version {version}.</Notice> : null}
      <input type="hidden" name="id" value={entityId ?? ''} />
      <input type="hidden" name="version" value={version ?? ''} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextInput {...control('name')} label="Name" required hint="The name most sources use." autoComplete="off" />
        <Select {...control('kind')} label="Kind" required>
          <Options values={ENTITY_KINDS} label={(k) => ENTITY_KIND_LABELS[k]} />
        </Select>
      </div>
      <TextArea {...control('description')} label="Description" rows={3} />
      <Select {...control('countryCode')} label="Country" hint="A government's state, a person's nationality.">
        <CountryOptions empty="None or unknown" />
      </Select>
      <TextArea {...control('aliases')} label="Aliases" rows={4} hint="Other names and spellings, one per line. Search finds the actor by any of them." />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextInput {...control('opensanctionsId')} label="OpenSanctions id" hint="e.g. NK-abc123" autoComplete="off" />
        <TextInput {...control('ofacUid')} label="OFAC UID" hint="The SDN list entry number, e.g. 36270" inputMode="numeric" autoComplete="off" />
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
