import type { FilterIssue } from '@/lib/filters';

const PARAM_LABELS: Record<string, string> = {
  q: 'Search',
  sort: 'Order',
  from: 'From',
  to: 'To',
  type: 'Event type',
  country: 'Country',
  role: 'Country role',
  with: 'With (the other side)',
  actor: 'Actor',
  authority: 'Legal authority',
  program: 'Program',
  tag: 'Tag',
  status: 'Status',
  cursor: 'Position in the timeline',
  as_recorded: 'As recorded on',
  since: 'Since',
};

/** What the page could not use from the link, so nobody mistakes a partial view for the one they asked for. */
export function FilterNotices({ issues }: { issues: FilterIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div
      role="status"
      className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      data-testid="filter-notices"
    >
      <p className="font-medium">Part of this link could not be used, so it was left out of the view:</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {issues.map((issue, i) => (
          <li key={i}>
            <span className="font-medium">{PARAM_LABELS[issue.param] ?? issue.param}:</span> {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
