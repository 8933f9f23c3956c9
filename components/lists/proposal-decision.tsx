'use client';

/**
 * Accept (publish), edit then accept (a draft, opened in the event form), or reject one proposed
 * change. When the list does not date the change, the date is asked for here; what was typed stays
 * in the field if the server refuses it.
 */
import { useActionState, useState } from 'react';
import { TextInput } from '@/components/forms/controls';
import { buttonClass, dangerButtonClass, secondaryButtonClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import type { SmallActionState } from '@/server/actions/guard';
import { acceptProposalAction, rejectProposalAction } from '@/server/actions/lists';

export function ProposalDecision({ proposalId, needsDate, matched, name }: { proposalId: number; needsDate: boolean; matched: boolean; name: string }) {
  const [accepted, accept] = useActionState<SmallActionState, FormData>(acceptProposalAction, { error: null, attempt: 0 });
  const [rejected, reject] = useActionState<SmallActionState, FormData>(rejectProposalAction, { error: null, attempt: 0 });
  const [date, setDate] = useState('');
  const dateId = `proposal-${proposalId}-date`;
  const error = accepted.error ?? rejected.error;
  return (
    <div className="no-print space-y-2">
      <form action={accept} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="proposalId" value={proposalId} />
        {needsDate ? (
          <TextInput
            id={dateId}
            name="date"
            label="Date of the change"
            hint="The list does not date it: YYYY, YYYY-MM or YYYY-MM-DD, from another source."
            value={date}
            onChange={setDate}
            error={accepted.error && /date/i.test(accepted.error) ? accepted.error : null}
            required
          />
        ) : null}
        {matched ? null : <p className="w-full text-sm text-zinc-700 dark:text-zinc-300">Match the listed party first (above); an actor sharing an identifier is used when you accept.</p>}
        <SubmitButton pendingLabel="Accepting…" className={buttonClass}>
          Accept<span className="sr-only"> {name}</span>
        </SubmitButton>
        {/* The pressed button's name and value are sent with the form: edit=1 opens the draft in the event form. */}
        <button type="submit" name="edit" value="1" className={secondaryButtonClass}>
          Edit then accept<span className="sr-only"> {name}</span>
        </button>
      </form>
      <form action={reject}>
        <input type="hidden" name="proposalId" value={proposalId} />
        <SubmitButton pendingLabel="Rejecting…" className={dangerButtonClass}>
          Reject<span className="sr-only"> {name}</span>
        </SubmitButton>
      </form>
      {error ? (
        <p role="alert" key={`${accepted.attempt}-${rejected.attempt}`} className="text-sm font-medium text-red-800 dark:text-red-300">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
