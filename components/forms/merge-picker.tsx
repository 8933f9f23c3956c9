'use client';

import { useRouter } from 'next/navigation';
import type { EntitySuggestion } from '@/db/queries/suggest';
import { AsyncCombobox } from './combobox';
import { entityOption, entitySuggestUrl } from './entity-option';

/** Chooses the duplicate to merge; the page then shows both side by side before anything changes. */
export function MergePicker({ survivorId }: { survivorId: number }) {
  const router = useRouter();
  return (
    <AsyncCombobox<EntitySuggestion>
      id="merge-search"
      label="Find the duplicate"
      hint="Type its name or an alias."
      url={entitySuggestUrl}
      toOption={(e) => entityOption(e, ` · #${e.id}${e.id === survivorId ? ' (this actor)' : ''}`)}
      onPick={(e) => router.push(`/entities/${survivorId}/merge?other=${e.id}`)}
    />
  );
}
