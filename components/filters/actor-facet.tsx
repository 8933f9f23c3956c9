'use client';

import { lazy, Suspense, useSyncExternalStore } from 'react';
import type { FacetOption } from '@/db/queries/facets';
import { FacetGroup } from './facet-group';
import { filterInputClass } from './filter-controls';

const subscribeNothing = () => () => {};

/**
 * The picker's code (the combobox, its suggestions) loads once the page is interactive, after
 * hydration, rather than with the page: the search only exists with JavaScript anyway.
 */
const ActorPicker = lazy(() => import('@/components/forms/actor-picker').then((m) => ({ default: m.ActorPicker })));

/**
 * The actor filter: the most involved actors as checkboxes, and a search (the one actor picker)
 * for the rest. The search needs JavaScript, so it only appears once the page is interactive;
 * without it the checkboxes still work.
 */
export function ActorFacet({ options, chosen, onToggle }: { options: FacetOption<number>[]; chosen: readonly number[]; onToggle: (id: number) => void }) {
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  return (
    <FacetGroup legend="Actor" name="actor" options={options} visible={options.length} isChecked={(v) => chosen.includes(v)} onToggle={onToggle}>
      {hydrated ? (
        <div className="clear-both pb-1">
          <Suspense fallback={null}>
            <ActorPicker
              id="actor-filter-search"
              label="Find an actor by name or alias"
              hideLabel
              placeholder="Find an actor…"
              inputClassName={filterInputClass}
              details={(actor) => (chosen.includes(actor.id) ? ' · already chosen' : '')}
              onPick={(actor) => {
                if (!chosen.includes(actor.id)) onToggle(actor.id);
              }}
            />
          </Suspense>
        </div>
      ) : null}
    </FacetGroup>
  );
}
