import type { ReactNode } from 'react';

/**
 * The filter panel's container, served in its final state (decision 0038): a `<details>` that
 * starts closed, so on a narrow screen the results come first under a "Filters (n active)" button;
 * on a wide one (`lg`, 1024 px and up) a style in globals.css shows its content beside the results
 * and hides the button, whatever the `open` state. No script decides either, so nothing moves when
 * JavaScript loads, and it works without JavaScript. Once opened on a phone it stays open while
 * filters are applied (the element is kept across navigations and React never sets `open`).
 */
export function FilterDisclosure({ activeCount, children }: { activeCount: number; children: ReactNode }) {
  return (
    <details className="filter-disclosure no-print mb-4 lg:mb-0" data-testid="filter-disclosure">
      <summary className="cursor-pointer rounded border border-zinc-300 px-3 py-2 text-sm font-medium dark:border-zinc-700">
        Filters{activeCount > 0 ? ` (${activeCount} active)` : ''}
      </summary>
      <div className="pt-3 lg:pt-0">{children}</div>
    </details>
  );
}
