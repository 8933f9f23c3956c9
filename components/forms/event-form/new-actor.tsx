'use client';

import { useState } from 'react';
import { createActorInline } from '@/server/actions/events';
import { ENTITY_KINDS, ENTITY_KIND_LABELS } from '@/lib/vocabulary';
import { ActorPicker } from '../actor-picker';
import { Select, TextInput } from '../controls';
import { buttonClass, secondaryButtonClass } from '../field';
import { CountryOptions } from '../country-options';
import { Options } from '../options';

interface Draft {
  name: string;
  kind: string;
  countryCode: string;
}

/** The new actor's name, kind and country; created at once, so it can be picked again elsewhere. */
function NewActorFields({ draft, onChange, onDone }: { draft: Draft; onChange: (draft: Draft | null) => void; onDone: (actor: { id: number; name: string }) => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    try {
      const result = await createActorInline(draft);
      if (result.ok) onDone(result.entity);
      else {
        setErrors(result.errors);
        setMessage(result.message);
      }
    } catch {
      setMessage('The actor could not be created (the connection failed). Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div role="group" aria-labelledby="new-actor-title" className="space-y-3 rounded border border-zinc-300 p-3 dark:border-zinc-700">
      <p id="new-actor-title" className="text-sm font-semibold">
        New actor
      </p>
      {message ? (
        <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
          {message}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <TextInput
          id="new-actor-name"
          label="Name"
          required
          error={errors.name}
          value={draft.name}
          onChange={(name) => onChange({ ...draft, name })}
          autoFocus
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void create();
            }
          }}
        />
        <Select id="new-actor-kind" label="Kind" error={errors.kind} value={draft.kind} onChange={(kind) => onChange({ ...draft, kind })}>
          <Options values={ENTITY_KINDS} label={(k) => ENTITY_KIND_LABELS[k]} />
        </Select>
        <Select id="new-actor-country" label="Country" error={errors.countryCode} value={draft.countryCode} onChange={(countryCode) => onChange({ ...draft, countryCode })}>
          <CountryOptions empty="None or unknown" />
        </Select>
      </div>
      <div className="flex gap-2">
        <button type="button" className={buttonClass} onClick={() => void create()} disabled={busy}>
          {busy ? 'Creating…' : 'Create actor'}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => onChange(null)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * Adds an actor to the event: search existing actors by name or alias, or create a new one
 * without leaving the form.
 */
export function EventActorPicker({ onPick }: { onPick: (actor: { id: number; name: string }) => void }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  // Each "Create new actor" starts a fresh form (no errors from the last try, focus on the name).
  const [attempt, setAttempt] = useState(0);
  const backToSearch = () => document.getElementById('actor-search')?.focus();

  return (
    <div className="space-y-3">
      <ActorPicker
        id="actor-search"
        label="Add an actor"
        hint="Type a name or alias (accents optional), then choose. A new name can be created here."
        placeholder="e.g. Qaddour"
        onPick={(actor) => onPick({ id: actor.id, name: actor.name })}
        extraOption={(q) => ({
          label: `Create new actor “${q}”…`,
          onPick: (name) => {
            setDraft({ name, kind: 'person', countryCode: '' });
            setAttempt((n) => n + 1);
          },
        })}
      />
      {draft ? (
        <NewActorFields
          key={attempt}
          draft={draft}
          onChange={(next) => {
            setDraft(next);
            if (next === null) backToSearch();
          }}
          onDone={(actor) => {
            onPick(actor);
            setDraft(null);
            backToSearch();
          }}
        />
      ) : null}
    </div>
  );
}
