'use client';

import { useState, useSyncExternalStore, type ReactNode } from 'react';

const SMALL = '(max-width: 1023px)';

function subscribe(onChange: () => void) {
  const query = window.matchMedia(SMALL);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/**
 * The filter panel's container: beside the results on wide screens; on narrow ones a disclosure
 * that starts closed, so the results come first. The server renders it open (without JavaScript the
 * filters must stay reachable); the browser closes it after hydration when the screen is narrow.
 */
export function FilterDisclosure({ activeCount, children }: { activeCount: number; children: ReactNode }) {
  const small = useSyncExternalStore(subscribe, () => window.matchMedia(SMALL).matches, () => false);
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = !small || (chosen ?? false);
  return (
    <details
      open={open}
      onToggle={(e) => {
        const next = e.currentTarget.open;
        if (next !== open) setChosen(next);
      }}
      className="no-print mb-6 lg:mb-0"
    >
      <summary className="cursor-pointer rounded border border-zinc-300 px-3 py-2 text-sm font-medium lg:hidden dark:border-zinc-700">
        Filters{activeCount > 0 ? ` (${activeCount} active)` : ''}
      </summary>
      <div className="pt-3 lg:pt-0">{children}</div>
    </details>
  );
}
