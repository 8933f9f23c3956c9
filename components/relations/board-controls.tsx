/**
 * The board's choices as a GET form: it works without JavaScript, and the URL it leads to holds
 * every choice, so a board can be bookmarked, shared and printed as seen.
 */
import { COUNTRIES_BY_NAME } from '@/lib/countries';
import { boundText, type BoardParams } from '@/lib/relations/board-params';
import { Field, buttonClass, inputClass } from '@/components/forms/field';

export function BoardControls({
  params,
  action = '/relations',
  asRecorded = null,
}: {
  params: Omit<BoardParams, 'notices'>;
  action?: string;
  /** The record shown is as it stood then (decision 0034): changing the board keeps that. */
  asRecorded?: string | null;
}) {
  return (
    <form method="get" action={action} className="no-print grid grid-cols-2 gap-3 rounded border border-zinc-200 p-3 sm:grid-cols-4 lg:grid-cols-7 dark:border-zinc-800" aria-label="Board settings">
      {asRecorded ? <input type="hidden" name="as_recorded" value={asRecorded} /> : null}
      <Field id="board-with" label="Counterpart" className="col-span-2 sm:col-span-2">
        <select id="board-with" name="with" defaultValue={params.counterpart} className={inputClass}>
          {COUNTRIES_BY_NAME.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="board-as-of" label="As of" hint="YYYY-MM-DD" className="col-span-2 sm:col-span-2 lg:col-span-1">
        <input id="board-as-of" name="as_of" type="date" defaultValue={params.asOf} min="1900-01-01" max="2100-12-31" aria-describedby="board-as-of-hint" className={inputClass} />
      </Field>
      <Field id="board-from" label="From" hint="YYYY, YYYY-MM or YYYY-MM-DD">
        <input id="board-from" name="from" type="text" inputMode="numeric" autoComplete="off" defaultValue={boundText(params.from, 'from')} aria-describedby="board-from-hint" className={inputClass} />
      </Field>
      <Field id="board-to" label="To" hint="A narrower range zooms in">
        <input id="board-to" name="to" type="text" inputMode="numeric" autoComplete="off" defaultValue={boundText(params.to, 'to')} aria-describedby="board-to-hint" className={inputClass} />
      </Field>
      <Field id="board-zoom" label="Zoom">
        <select id="board-zoom" name="zoom" defaultValue={params.zoom} className={inputClass}>
          <option value="years">Years</option>
          <option value="months">Months</option>
        </select>
      </Field>
      <Field id="board-view" label="View">
        <select id="board-view" name="view" defaultValue={params.view} className={inputClass}>
          <option value="chart">Chart and table</option>
          <option value="table">Table only</option>
        </select>
      </Field>
      <div className="col-span-2 flex items-end sm:col-span-4 lg:col-span-7">
        <button type="submit" className={buttonClass}>
          Show the board
        </button>
      </div>
    </form>
  );
}
