/** Marks an event only staff can see. */
export function DraftBadge() {
  return <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">Draft</span>;
}
