'use client';

/**
 * A search box with suggestions fetched as you type (the ARIA 1.2 combobox pattern): arrow keys
 * move through the list, Enter picks, Escape closes; the number of suggestions is announced.
 * Enter never submits the surrounding form from here.
 */
import { useId, useState, type ReactNode } from 'react';
import { Field, describedBy, inputClass } from './field';
import { useSuggestions } from './use-suggestions';

export interface ComboboxOption {
  key: string;
  label: ReactNode;
  /** Read by screen readers and shown after picking. */
  text: string;
}

function Option({ id, selected, onPick, className = '', children }: { id: string; selected: boolean; onPick: () => void; className?: string; children: ReactNode }) {
  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      // Keeps focus in the box: its blur would close the list before the click lands.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPick}
      className={`cursor-pointer px-3 py-1.5 aria-selected:bg-blue-100 dark:aria-selected:bg-blue-900 ${className}`}
    >
      {children}
    </li>
  );
}

/** What the list holds, announced as it changes; shown when there is nothing to choose. */
function SuggestionStatus({
  open,
  typed,
  asked,
  found,
  isFetching,
  isError,
  extraLabel,
}: {
  open: boolean;
  typed: string;
  /** The query the suggestions answer. */
  asked: string;
  found: number;
  isFetching: boolean;
  isError: boolean;
  extraLabel: string | null;
}) {
  const nothing = !isFetching && !isError && found === 0 && !extraLabel && asked !== '';
  const message = !typed
    ? ''
    : isError
      ? 'Suggestions could not be loaded.'
      : nothing
        ? `Nothing matches “${asked}”.`
        : isFetching && found === 0
          ? 'Searching…'
          : `${found} ${found === 1 ? 'suggestion' : 'suggestions'}${extraLabel ? `, or ${extraLabel}` : ''}.`;
  return (
    <p role="status" aria-live="polite" className={open && asked && (isError || nothing) ? 'mt-1 text-xs text-zinc-600 dark:text-zinc-400' : 'sr-only'}>
      {open ? message : ''}
    </p>
  );
}

export function AsyncCombobox<T>({
  id,
  label,
  hint,
  placeholder,
  url,
  toOption,
  onPick,
  extraOption,
  error,
  hideLabel = false,
  inputClassName = inputClass,
}: {
  id: string;
  label: string;
  /** The label for screen readers only, where the box sits under a heading that says what it is for. */
  hideLabel?: boolean;
  inputClassName?: string;
  hint?: ReactNode;
  placeholder?: string;
  /** The suggestions endpoint for a query; it answers `{ items: T[] }`. */
  url: (query: string) => string;
  toOption: (item: T) => ComboboxOption;
  onPick: (item: T) => void;
  /** A last option that does something with the typed text (e.g. "Create new actor"). */
  extraOption?: (query: string) => { label: string; onPick: (query: string) => void } | null;
  error?: string | null;
}) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  // -1: no option active until the arrow keys move into the list (manual selection).
  const [active, setActive] = useState(-1);
  const listId = useId();
  const { debounced, items, isFetching, isError, reset } = useSuggestions<T>(url, query);
  const extra = query.trim() ? extraOption?.(query.trim()) ?? null : null;
  const count = items.length + (extra ? 1 : 0);
  const expanded = open && query.trim().length > 0 && count > 0;
  const activeIndex = Math.min(active, count - 1);

  function pick(index: number) {
    if (index < items.length) onPick(items[index]!);
    else if (extra) extra.onPick(query.trim());
    else return;
    setQuery('');
    reset();
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive(count === 0 ? -1 : (activeIndex + 1) % count);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      setActive(count === 0 ? -1 : activeIndex <= 0 ? count - 1 : activeIndex - 1);
    } else if (e.key === 'Enter') {
      // Enter in a search box must not submit the event form.
      e.preventDefault();
      if (expanded && activeIndex >= 0) pick(activeIndex);
    } else if (e.key === 'Escape') {
      if (expanded) {
        e.preventDefault();
        setOpen(false);
      } else {
        setQuery('');
      }
    }
  }

  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <Field id={id} label={label} hideLabel={hideLabel} hint={hint} error={error} className="relative">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-invalid={!!error}
        aria-describedby={describedBy(id, { hint, error })}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={inputClassName}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={`${label}: suggestions`}
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded border border-zinc-300 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        {items.map((item, i) => {
          const option = toOption(item);
          return (
            <Option key={option.key} id={optionId(i)} selected={i === activeIndex} onPick={() => pick(i)}>
              {option.label}
            </Option>
          );
        })}
        {extra ? (
          <Option id={optionId(items.length)} selected={items.length === activeIndex} onPick={() => pick(items.length)} className="border-t border-zinc-200 font-medium dark:border-zinc-700">
            {extra.label}
          </Option>
        ) : null}
      </ul>
      <SuggestionStatus open={open} typed={query.trim()} asked={debounced} found={items.length} isFetching={isFetching} isError={isError} extraLabel={extra?.label ?? null} />
    </Field>
  );
}
