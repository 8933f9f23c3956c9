'use client';

import { useState } from 'react';
import { fieldId } from '@/lib/validation/event-form';
import { Field, FieldError, inputClass, secondaryButtonClass } from '../field';
import { FormSection } from './form-section';
import { Suggestions } from './legal-section';
import type { EventFormModel } from './use-event-form';

/** The event's tags: chips with a remove button, and a box to add one (existing tags suggested). */
export function TagsSection({ form, existing }: { form: EventFormModel; existing: string[] }) {
  const [draft, setDraft] = useState('');
  const { values, err } = form;

  function addTag() {
    const label = draft.trim();
    if (!label) return;
    if (!values.tags.some((t) => t.toLowerCase() === label.toLowerCase())) form.update({ tags: [...values.tags, label] });
    setDraft('');
  }

  return (
    <FormSection title="Tags" id={fieldId('tags')}>
      <FieldError id={fieldId('tags')} error={err('tags')} />
      {values.tags.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label="Tags on this event">
          {values.tags.map((t, i) => (
            <li key={`${t}-${i}`} id={fieldId(`tags.${i}`)} tabIndex={-1} className="inline-flex items-center gap-1 rounded-full bg-zinc-100 py-0.5 pr-1 pl-2.5 text-sm dark:bg-zinc-800">
              {t}
              <input type="hidden" name="tags" value={t} />
              <button
                type="button"
                onClick={() => form.removeRow('tags', i, 'tag-input')}
                className="rounded-full px-1.5 text-zinc-700 hover:bg-zinc-300 dark:text-zinc-300 dark:hover:bg-zinc-700"
              >
                <span aria-hidden="true">×</span>
                <span className="sr-only">Remove tag {t}</span>
              </button>
              {err(`tags.${i}`) ? <span className="text-xs text-red-800 dark:text-red-300">{err(`tags.${i}`)}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex items-end gap-2">
        <Field id="tag-input" label="Add a tag" hint="Choose an existing tag or type a new one, then press Enter." className="grow">
          <input
            id="tag-input"
            list="existing-tags"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addTag();
              }
            }}
            aria-describedby="tag-input-hint"
            autoComplete="off"
            className={inputClass}
          />
        </Field>
        <button type="button" className={secondaryButtonClass} onClick={addTag}>
          Add tag
        </button>
      </div>
      <Suggestions id="existing-tags" values={existing} />
    </FormSection>
  );
}
