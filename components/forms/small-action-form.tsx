'use client';

/**
 * A one-button staff action (delete, restore, restore a version) that sends the record's id and
 * the version it was shown at, and shows a refusal in place. Destructive ones ask to confirm
 * first, without a browser dialog, so the confirmation is reachable by keyboard and screen reader.
 */
import { useActionState, useState } from 'react';
import type { SmallActionState } from '@/server/actions/guard';
import { confirmLabel } from '@/lib/text/confirm-label';
import { dangerButtonClass, secondaryButtonClass } from './field';
import { SubmitButton } from './submit-button';

type Action = (state: SmallActionState, form: FormData) => Promise<SmallActionState>;

export function SmallActionForm({
  action,
  fields,
  label,
  pendingLabel,
  confirm,
  danger = false,
}: {
  action: Action;
  fields: Record<string, string | number>;
  label: string;
  pendingLabel: string;
  /** When set, the first press asks this question and shows the real button. */
  confirm?: string;
  danger?: boolean;
}) {
  const [state, formAction] = useActionState(action, { error: null, attempt: 0 });
  const [confirming, setConfirming] = useState(false);
  const buttonClass = danger ? dangerButtonClass : secondaryButtonClass;

  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirm && !confirming ? (
        <button type="button" className={buttonClass} onClick={() => setConfirming(true)}>
          {label}…
        </button>
      ) : (
        <>
          {confirm ? <span className="text-sm">{confirm}</span> : null}
          <SubmitButton pendingLabel={pendingLabel} className={buttonClass}>
            {confirm ? confirmLabel(label) : label}
          </SubmitButton>
          {confirm ? (
            <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          ) : null}
        </>
      )}
      {state.error ? (
        <p role="alert" key={state.attempt} className="w-full text-sm font-medium text-red-800 dark:text-red-300">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
