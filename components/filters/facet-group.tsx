import { useId, useState, type ReactNode } from 'react';
import type { FacetOption } from '@/db/queries/facets';

function Option<V extends string | number>({
  name,
  option,
  checked,
  onToggle,
  extra,
}: {
  name: string;
  option: FacetOption<V>;
  checked: boolean;
  onToggle: (value: V) => void;
  extra?: ReactNode;
}) {
  const empty = option.count === 0;
  const countId = useId();
  // The count is the checkbox's description, not part of its name: "Syria" reads as "Syria, 5 events".
  return (
    <li className="facet-option">
      <label className="facet-label">
        <input
          type="checkbox"
          name={name}
          value={String(option.value)}
          checked={checked}
          onChange={() => onToggle(option.value)}
          aria-describedby={countId}
          className="facet-box"
        />
        {extra}
        <span className={empty && !checked ? 'facet-name dimmed' : 'facet-name'}>
          {option.label}
        </span>
      </label>
      <span
        id={countId}
        className={empty ? 'facet-count dimmed' : 'facet-count'}
        data-testid="facet-count"
      >
        {option.count}
        <span className="sr-only">{option.count === 1 ? ' event' : ' events'}</span>
      </span>
    </li>
  );
}

/**
 * One filter's options as checkboxes with their facet counts. Options that would give no events
 * stay in the list, dimmed. Long lists show the first few (and every checked one); the rest sit
 * behind a disclosure, rendered only once it is opened: a few hundred options are most of the
 * page's HTML and of the server's time to render it (docs/performance.md). Without JavaScript the
 * opened disclosure holds a link to the same page with the list rendered open (`more=<name>`).
 */
export function FacetGroup<V extends string | number>({
  legend,
  name,
  options,
  isChecked,
  onToggle,
  visible = 8,
  extra,
  children,
  moreLabel,
  expandHref,
  expanded = false,
}: {
  legend: string;
  /** The URL parameter: the field name for the no-JavaScript form. */
  name: string;
  options: FacetOption<V>[];
  isChecked: (value: V) => boolean;
  onToggle: (value: V) => void;
  visible?: number;
  extra?: (option: FacetOption<V>) => ReactNode;
  /** Controls shown under the legend (the country role, the actor search). */
  children?: ReactNode;
  moreLabel?: string;
  /** The page with this facet's whole list rendered (for browsers without JavaScript). */
  expandHref?: string;
  /** The page was asked for with this facet's whole list open. */
  expanded?: boolean;
}) {
  const [open, setOpen] = useState(expanded);
  const first = options.filter((o, i) => i < visible || isChecked(o.value) || o.selected);
  const rest = options.filter((o) => !first.includes(o));
  const render = (o: FacetOption<V>) => (
    <Option key={String(o.value)} name={name} option={o} checked={isChecked(o.value)} onToggle={onToggle} extra={extra?.(o)} />
  );
  return (
    <fieldset className="space-y-1.5 border-t border-zinc-200 pt-3 dark:border-zinc-800">
      <legend className="float-left mb-1 w-full text-xs font-semibold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">
        {legend}
      </legend>
      {children}
      {options.length === 0 ? (
        <p className="clear-both text-sm text-zinc-600 dark:text-zinc-400">None in the published events yet.</p>
      ) : (
        <ul className="clear-both space-y-0.5">{first.map(render)}</ul>
      )}
      {rest.length > 0 ? (
        <details id={`more-${name}`} open={expanded || undefined} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary className="cursor-pointer px-1 text-sm text-blue-700 dark:text-blue-300">
            {moreLabel ?? `${rest.length} more`}
          </summary>
          {open || !expandHref ? (
            <ul className="mt-1 space-y-0.5">{rest.map(render)}</ul>
          ) : (
            <a href={expandHref} className="mt-1 block px-1 text-sm">
              Show all {rest.length + first.length} options
            </a>
          )}
        </details>
      ) : null}
    </fieldset>
  );
}
