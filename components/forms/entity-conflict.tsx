import type { EntityFormState } from '@/server/actions/entities';
import { ENTITY_FIELD_LABELS, ENTITY_FORM_FIELDS, type EntityFormValues } from '@/lib/validation/entity-form';
import { buttonClass, secondaryButtonClass } from './field';

type Conflict = Extract<EntityFormState, { status: 'conflict' }>['conflict'];

/** A value as the conflict table shows it. */
function shown(k: keyof EntityFormValues, v: string): string {
  if (k === 'madePublic') return v === 'yes' ? 'Yes' : 'No';
  return v || '(empty)';
}

/**
 * Shown when someone else saved the actor first: the fields where their version and what you
 * typed differ, and the choice to keep yours (then save over theirs knowingly) or load theirs.
 */
export function EntityConflict({ conflict, values, onKeepMine, onLoadTheirs }: { conflict: Conflict; values: EntityFormValues; onKeepMine: () => void; onLoadTheirs: () => void }) {
  return (
    <section tabIndex={-1} aria-labelledby="entity-conflict" className="space-y-3 rounded border-2 border-amber-600 p-4" data-testid="conflict-view">
      <h2 id="entity-conflict" className="text-lg font-semibold">
        Someone else saved this actor while you were editing it
      </h2>
      <p className="text-sm">
        {conflict.changedBy ?? 'Someone'} saved version {conflict.currentVersion}. Nothing you typed was saved; it is still below.
      </p>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left">
            <th scope="col">Field</th>
            <th scope="col">Their version</th>
            <th scope="col">What you typed</th>
          </tr>
        </thead>
        <tbody>
          {ENTITY_FORM_FIELDS.filter((k) => conflict.theirs[k].trim() !== values[k].trim()).map((k) => (
            <tr key={k} className="border-t border-zinc-200 align-top dark:border-zinc-800">
              <th scope="row" className="py-1 pr-2 text-left font-medium">
                {ENTITY_FIELD_LABELS[k]}
              </th>
              <td className="whitespace-pre-line py-1 pr-2">{shown(k, conflict.theirs[k])}</td>
              <td className="whitespace-pre-line py-1">{shown(k, values[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass} onClick={onKeepMine}>
          Keep what I typed (then save over their version)
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onLoadTheirs}>
          Discard mine and load theirs
        </button>
      </div>
    </section>
  );
}
