'use client';

import { useRouter } from 'next/navigation';
import type { EntitySuggestion } from '@/db/queries/suggest';
import { ENTITY_KIND_LABELS } from '@/lib/vocabulary';
import { AsyncCombobox } from './combobox';

/** Chooses the duplicate to merge; the page then shows both side by side before anything changes. */
export function MergePicker({ survivorId }: { survivorId: number }) {
  const router = useRouter();
  return (
    <AsyncCombobox<EntitySuggestion>
      id="merge-search"
      label="Find the duplicate"
      hint="Type its name or an alias."
      url={(q) => `/api/suggest/entities?q=${encodeURIComponent(q)}`}
      toOption={(e) => ({
        key: String(e.id),
        text: e.name,
        label: (
          <span>
            {e.name}
            <span className="text-zinc-600 dark:text-zinc-400">
              {' '}
              · {ENTITY_KIND_LABELS[e.kind]} · #{e.id}
              {e.id === survivorId ? ' (this actor)' : ''}
            </span>
          </span>
        ),
      })}
      onPick={(e) => router.push(`/entities/${survivorId}/merge?other=${e.id}`)}
    />
  );
}
