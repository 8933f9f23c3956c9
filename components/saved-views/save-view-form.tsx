'use client';

/**
 * "Save this view" on the timeline, for signed-in people: a name, and the page's filters are saved
 * with it. A refused name is shown at the field and the typed name stays.
 */
import Link from 'next/link';
import { useActionState } from 'react';
import { Field, Notice, describedBy, inputClass, secondaryButtonClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { saveViewAction, type SaveViewState } from '@/server/actions/saved-views';
import { SAVED_VIEW_NAME_MAX } from '@/lib/validation/saved-view-limits';

const INITIAL: SaveViewState = { status: 'idle', message: null, errors: {}, values: { name: '' }, savedId: null, attempt: 0 };

export function SaveViewForm({ query, suggestedName }: { query: string; suggestedName: string }) {
  const [state, action] = useActionState(saveViewAction, INITIAL);
  const error = state.errors.name;
  return (
    // Stays open after an answer, so the confirmation or the refusal is seen where the name was typed.
    <details className="no-print rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800" open={state.status !== 'idle' || undefined}>
      <summary className="cursor-pointer font-medium">Save this view</summary>
      <form action={action} noValidate className="mt-3 space-y-3" key={state.attempt}>
        {state.message ? (
          <Notice tone={state.status === 'done' ? 'success' : 'error'}>
            {state.message}
            {state.status === 'done' ? (
              <>
                {' '}
                <Link href="/saved">Your saved views</Link>
              </>
            ) : null}
          </Notice>
        ) : null}
        <input type="hidden" name="query" value={query} />
        <Field id="save-view-name" label="Name" required hint={`Up to ${SAVED_VIEW_NAME_MAX} characters. The filters shown now are saved with it.`} error={error}>
          <input
            id="save-view-name"
            name="name"
            defaultValue={state.status === 'error' ? state.values.name : suggestedName}
            autoComplete="off"
            aria-required
            aria-invalid={!!error}
            aria-describedby={describedBy('save-view-name', { hint: true, error })}
            className={inputClass}
          />
        </Field>
        <SubmitButton pendingLabel="Saving…" className={secondaryButtonClass}>
          Save view
        </SubmitButton>
      </form>
    </details>
  );
}
