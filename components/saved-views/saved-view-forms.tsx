'use client';

/**
 * The forms on one saved view's row of /saved: rename (errors at the field, the typed name kept),
 * a new private feed URL (shown once), and subscribing to a webhook destination.
 */
import { useActionState } from 'react';
import { Field, Notice, describedBy, inputClass, secondaryButtonClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import type { SmallActionState } from '@/server/actions/guard';
import { regenerateFeedAction, renameViewAction, subscribeViewAction, type FeedTokenState, type RenameState } from '@/server/actions/saved-views';

export function RenameViewForm({ id, name }: { id: number; name: string }) {
  const initial: RenameState = { status: 'idle', message: null, errors: {}, values: { name }, attempt: 0 };
  const [state, action] = useActionState(renameViewAction, initial);
  const fieldId = `rename-view-${id}`;
  const error = state.errors.name;
  return (
    <form action={action} noValidate className="flex flex-wrap items-end gap-2" key={state.attempt}>
      <input type="hidden" name="id" value={id} />
      <Field id={fieldId} label="Rename" error={error} className="min-w-56 flex-1">
        <input id={fieldId} name="name" defaultValue={state.values.name} autoComplete="off" aria-invalid={!!error} aria-describedby={describedBy(fieldId, { error })} className={inputClass} />
      </Field>
      <SubmitButton pendingLabel="Renaming…" className={secondaryButtonClass}>
        Rename
      </SubmitButton>
      {state.status === 'done' && state.message ? <p role="status" className="w-full text-sm text-green-800 dark:text-green-300">{state.message}</p> : null}
      {state.status === 'error' && !error && state.message ? <p role="alert" className="w-full text-sm font-medium text-red-800 dark:text-red-300">{state.message}</p> : null}
    </form>
  );
}

export function FeedTokenForm({ id, hasToken }: { id: number; hasToken: boolean }) {
  const [state, action] = useActionState(regenerateFeedAction, { status: 'idle', message: null, feedUrl: null, attempt: 0 } as FeedTokenState);
  const urlId = `feed-url-${id}`;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton pendingLabel="Creating…" className={secondaryButtonClass}>
        {hasToken || state.feedUrl ? 'Replace the private feed URL' : 'Create a private feed URL'}
      </SubmitButton>
      {state.message ? <Notice tone={state.status === 'done' ? 'success' : 'error'}>{state.message}</Notice> : null}
      {state.feedUrl ? (
        <Field id={urlId} label="Private feed URL (keep it secret: anyone with it can read this view’s feed)">
          <input id={urlId} readOnly value={state.feedUrl} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} font-mono text-xs`} />
        </Field>
      ) : null}
    </form>
  );
}

export function SubscribeForm({ id, destinations }: { id: number; destinations: { id: number; label: string }[] }) {
  const [state, action] = useActionState(subscribeViewAction, { error: null, attempt: 0 } as SmallActionState);
  const fieldId = `subscribe-${id}`;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="id" value={id} />
      <Field id={fieldId} label="Send a webhook to" error={state.error} className="min-w-56">
        <select id={fieldId} name="destinationId" className={inputClass} aria-invalid={!!state.error} aria-describedby={describedBy(fieldId, { error: state.error })}>
          {destinations.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </Field>
      <SubmitButton pendingLabel="Subscribing…" className={secondaryButtonClass}>
        Subscribe
      </SubmitButton>
    </form>
  );
}
