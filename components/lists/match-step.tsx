'use client';

/**
 * The match step for one listed party: the suggested actors with their scores (confirm one), any
 * other actor (the one actor picker), or a new actor made from the entry. Nothing is matched until
 * one of these is pressed.
 */
import { useActionState, useState } from 'react';
import { ActorPicker } from '@/components/forms/actor-picker';
import { secondaryButtonClass } from '@/components/forms/field';
import { SmallActionForm } from '@/components/forms/small-action-form';
import { SubmitButton } from '@/components/forms/submit-button';
import type { SmallActionState } from '@/server/actions/guard';
import { confirmMatchAction, createActorAction } from '@/server/actions/lists';

export interface SuggestionView {
  entityId: number;
  name: string;
  kindLabel: string;
  /** "identifier ofac-uid 90002" or "name 0.93: “A” ~ “B”". */
  why: string;
}

function PickAnother({ proposalId, partyName }: { proposalId: number; partyName: string }) {
  const [state, action] = useActionState<SmallActionState, FormData>(confirmMatchAction, { error: null, attempt: 0 });
  const [picked, setPicked] = useState<{ id: number; name: string } | null>(null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="proposalId" value={proposalId} />
      <ActorPicker id={`pick-${proposalId}`} label={`Another actor for ${partyName}`} hint="Type a name or an alias." onPick={(actor) => setPicked({ id: actor.id, name: actor.name })} />
      {picked ? (
        <>
          <input type="hidden" name="entityId" value={picked.id} />
          <SubmitButton pendingLabel="Matching…" className={secondaryButtonClass}>
            Match to {picked.name}
          </SubmitButton>
        </>
      ) : null}
      {state.error ? (
        <p role="alert" key={state.attempt} className="text-sm font-medium text-red-800 dark:text-red-300">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}

export function MatchStep({ proposalId, partyName, suggestions }: { proposalId: number; partyName: string; suggestions: SuggestionView[] }) {
  return (
    <div className="no-print space-y-3 rounded border border-dashed border-zinc-400 p-3 dark:border-zinc-600">
      <h4 className="text-sm font-semibold">Who is {partyName}?</h4>
      {suggestions.length > 0 ? (
        <ul className="space-y-2" aria-label={`Suggested actors for ${partyName}`}>
          {suggestions.map((s) => (
            <li key={s.entityId} className="flex flex-wrap items-center gap-2 text-sm">
              <span>
                <a href={`/entities/${s.entityId}`}>{s.name}</a> <span className="text-zinc-600 dark:text-zinc-400">· {s.kindLabel} · {s.why}</span>
              </span>
              <SmallActionForm action={confirmMatchAction} fields={{ proposalId, entityId: s.entityId }} label={`Confirm ${s.name}`} pendingLabel="Confirming…" />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">No actor shares an identifier with this entry or a name close to it.</p>
      )}
      <PickAnother proposalId={proposalId} partyName={partyName} />
      <SmallActionForm action={createActorAction} fields={{ proposalId }} label="Create a new actor from this entry" pendingLabel="Creating…" />
    </div>
  );
}
