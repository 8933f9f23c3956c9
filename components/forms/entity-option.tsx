/**
 * How an actor suggested by `/api/suggest/entities` is shown in a combobox (the event form's
 * actor picker and the merge picker): its name, then its kind and whatever details the caller adds.
 */
import type { EntitySuggestion } from '@/db/queries/suggest';
import { ENTITY_KIND_LABELS } from '@/lib/vocabulary';

export const entitySuggestUrl = (q: string) => `/api/suggest/entities?q=${encodeURIComponent(q)}`;

export function entityOption(e: EntitySuggestion, details: string) {
  return {
    key: String(e.id),
    text: e.name,
    label: (
      <span>
        {e.name}
        <span className="text-zinc-600 dark:text-zinc-400">
          {' '}
          · {ENTITY_KIND_LABELS[e.kind]}
          {details}
        </span>
      </span>
    ),
  };
}
