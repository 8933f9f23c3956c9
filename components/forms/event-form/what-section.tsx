import { EVENT_TYPES } from '@/lib/event-types';
import { Select, TextArea, TextInput } from '../controls';
import { FormSection } from './form-section';
import { fieldProps, type EventFormModel } from './use-event-form';

/** Type, title, summary and details. */
export function WhatSection({ form }: { form: EventFormModel }) {
  const { values, update } = form;
  return (
    <FormSection title="What happened" id="event-section-what">
      <Select {...fieldProps(form, 'type')} label="Type" value={values.type} onChange={(type) => update({ type })} required>
        <option value="">Choose a type…</option>
        {EVENT_TYPES.map((t) => (
          <option key={t.key} value={t.key}>
            {t.label}: {t.description}
          </option>
        ))}
      </Select>
      <TextInput {...fieldProps(form, 'title')} label="Title" autoComplete="off" value={values.title} onChange={(title) => update({ title })} required hint="What happened, in one line (3 to 300 characters)." />
      <TextArea {...fieldProps(form, 'summary')} label="Summary" rows={3} value={values.summary} onChange={(summary) => update({ summary })} required hint="Two or three sentences an analyst can quote." />
      <TextArea {...fieldProps(form, 'details')} label="Details" rows={6} value={values.details} onChange={(details) => update({ details })} hint="Optional: background, figures, what it changes." />
    </FormSection>
  );
}
