'use client';

/**
 * Picks an actor for an event: search existing actors by name or alias, or create a new one
 * without leaving the form (the new actor is saved at once, so it can be picked again elsewhere).
 */
import { useRef, useState } from 'react';
import { createActorInline } from '@/server/actions/events';
import type { EntitySuggestion } from '@/db/queries/suggest';
import { COUNTRIES_BY_NAME } from '@/lib/countries';
import { ENTITY_KINDS, ENTITY_KIND_LABELS } from '@/lib/vocabulary';
import { AsyncCombobox } from './combobox';
import { entityOption, entitySuggestUrl } from './entity-option';
import { Field, buttonClass, describedBy, inputClass, secondaryButtonClass } from './field';

export function ActorPicker({ onPick }: { onPick: (actor: { id: number; name: string }) => void }) {
  const [creating, setCreating] = useState<{ name: string; kind: string; countryCode: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  async function create() {
    if (!creating) return;
    setBusy(true);
    try {
      const result = await createActorInline(creating);
      if (result.ok) {
        onPick(result.entity);
        setCreating(null);
        setErrors({});
        setMessage(null);
        document.getElementById('actor-search')?.focus();
      } else {
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
    <div className="space-y-3">
      <AsyncCombobox<EntitySuggestion>
        id="actor-search"
        label="Add an actor"
        hint="Type a name or alias (accents optional), then choose. A new name can be created here."
        placeholder="e.g. Qaddour"
        url={entitySuggestUrl}
        toOption={(e) =>
          entityOption(e, `${e.countryCode ? ` · ${e.countryCode}` : ''}${e.matchedAlias ? ` · also known as ${e.matchedAlias}` : ''}`)
        }
        onPick={(e) => onPick({ id: e.id, name: e.name })}
        extraOption={(q) => ({
          label: `Create new actor “${q}”…`,
          onPick: (name) => {
            setCreating({ name, kind: 'person', countryCode: '' });
            setErrors({});
            setMessage(null);
            requestAnimationFrame(() => nameRef.current?.focus());
          },
        })}
      />
      {creating ? (
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
            <Field id="new-actor-name" label="Name" error={errors.name} required>
              <input
                ref={nameRef}
                id="new-actor-name"
                value={creating.name}
                onChange={(e) => setCreating({ ...creating, name: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void create();
                  }
                }}
                aria-invalid={!!errors.name}
                aria-describedby={describedBy('new-actor-name', { error: errors.name })}
                className={inputClass}
              />
            </Field>
            <Field id="new-actor-kind" label="Kind" error={errors.kind}>
              <select
                id="new-actor-kind"
                value={creating.kind}
                onChange={(e) => setCreating({ ...creating, kind: e.target.value })}
                aria-invalid={!!errors.kind}
                aria-describedby={describedBy('new-actor-kind', { error: errors.kind })}
                className={inputClass}
              >
                {ENTITY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {ENTITY_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="new-actor-country" label="Country" error={errors.countryCode}>
              <select
                id="new-actor-country"
                value={creating.countryCode}
                onChange={(e) => setCreating({ ...creating, countryCode: e.target.value })}
                aria-invalid={!!errors.countryCode}
                aria-describedby={describedBy('new-actor-country', { error: errors.countryCode })}
                className={inputClass}
              >
                <option value="">None or unknown</option>
                {COUNTRIES_BY_NAME.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="flex gap-2">
            <button type="button" className={buttonClass} onClick={() => void create()} disabled={busy}>
              {busy ? 'Creating…' : 'Create actor'}
            </button>
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={() => {
                setCreating(null);
                document.getElementById('actor-search')?.focus();
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
