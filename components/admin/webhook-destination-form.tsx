'use client';

import { useActionState } from 'react';
import { Field, Notice, describedBy, inputClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { createDestinationAction, type DestinationFormState } from '@/server/actions/saved-views';

const INITIAL: DestinationFormState = { status: 'idle', message: null, errors: {}, values: { url: '', label: '' }, secret: null, attempt: 0 };

/** Adds a webhook destination; a refused URL is explained at the field and what was typed stays. */
export function WebhookDestinationForm() {
  const [state, action] = useActionState(createDestinationAction, INITIAL);
  const e = state.errors;
  return (
    <form action={action} noValidate className="space-y-4" key={state.attempt}>
      {state.message ? (
        <Notice tone={state.status === 'done' ? 'success' : 'error'}>
          {state.message}
          {state.secret ? <code className="mt-1 block break-all">{state.secret}</code> : null}
        </Notice>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="webhook-url" label="URL" required hint="http:// or https://, without a user name or password." error={e.url}>
          <input id="webhook-url" name="url" type="url" inputMode="url" autoComplete="off" aria-required defaultValue={state.values.url} aria-invalid={!!e.url} aria-describedby={describedBy('webhook-url', { hint: true, error: e.url })} className={inputClass} />
        </Field>
        <Field id="webhook-label" label="Label" required hint="What subscribers see, e.g. “Analysts’ chat”." error={e.label}>
          <input id="webhook-label" name="label" autoComplete="off" aria-required defaultValue={state.values.label} aria-invalid={!!e.label} aria-describedby={describedBy('webhook-label', { hint: true, error: e.label })} className={inputClass} />
        </Field>
      </div>
      <SubmitButton pendingLabel="Adding…">Add destination</SubmitButton>
    </form>
  );
}
