import { fieldId } from '@/lib/validation/event-form';
import { FieldError } from '../field';
import { FormSection } from './form-section';
import type { EventFormModel } from './use-event-form';

/** Draft or published. */
export function StatusSection({ form }: { form: EventFormModel }) {
  return (
    <FormSection title="Status" id="event-section-status">
      <fieldset aria-describedby="event-status-hint">
        <legend className="sr-only">Status</legend>
        <p id="event-status-hint" className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
          Drafts are seen by staff only; published events appear on the public timeline, in the API and in exports.
        </p>
        <div className="flex gap-6">
          {(['draft', 'published'] as const).map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="status"
                value={s}
                id={s === 'draft' ? fieldId('status') : undefined}
                checked={form.values.status === s}
                onChange={() => form.update({ status: s })}
              />
              {s === 'draft' ? 'Draft' : 'Published'}
            </label>
          ))}
        </div>
        <FieldError id={fieldId('status')} error={form.err('status')} />
      </fieldset>
    </FormSection>
  );
}
