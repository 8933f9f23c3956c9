import { emptySource, fieldId, type SourceValue } from '@/lib/validation/event-form';
import { TextArea, TextInput } from '../controls';
import { FieldError, secondaryButtonClass } from '../field';
import { FormSection } from './form-section';
import { fieldProps, focusLater, type EventFormModel } from './use-event-form';

function SourceFields({ form, source, index }: { form: EventFormModel; source: SourceValue; index: number }) {
  const n = index + 1;
  const props = (name: keyof SourceValue) => ({
    ...fieldProps(form, `sources.${index}.${name}`),
    value: source[name],
    onChange: (value: string) => form.updateRow('sources', index, { [name]: value }),
  });
  return (
    <fieldset className="space-y-3 rounded border border-zinc-300 p-3 dark:border-zinc-700" data-testid="source-fieldset">
      <legend className="px-1 text-sm font-semibold">Source {n}</legend>
      <TextInput {...props('title')} label={`Source ${n}: title`} type="text" required />
      <TextInput {...props('url')} label={`Source ${n}: web address`} type="url" inputMode="url" hint="http:// or https:// only." placeholder="https://" />
      <div className="grid items-end gap-3 sm:grid-cols-2">
        <TextInput {...props('publisher')} label={`Source ${n}: publisher`} type="text" />
        <TextInput {...props('publishedDate')} label={`Source ${n}: publication date`} type="text" hint="YYYY-MM-DD" />
      </div>
      <TextArea {...props('excerpt')} label={`Source ${n}: excerpt`} rows={2} hint="The passage that supports the event." />
      <TextArea
        {...props('note')}
        label={`Source ${n}: note`}
        rows={2}
        hint="In your words, what the source does not say itself: a publication date inferred from the text, a date computed from it."
      />
      <button type="button" className={secondaryButtonClass} onClick={() => form.removeRow('sources', index, 'add-source')}>
        Remove source {n}
      </button>
    </fieldset>
  );
}

/** Where the event is documented: one or more sources, each with the passage that supports it. */
export function SourcesSection({ form }: { form: EventFormModel }) {
  const { values } = form;
  return (
    <FormSection title="Sources" id={fieldId('sources')} description="Where this is documented: one or more sources, with the passage that supports the event.">
      <FieldError id={fieldId('sources')} error={form.err('sources')} />
      {values.sources.map((s, i) => (
        <SourceFields key={i} form={form} source={s} index={i} />
      ))}
      <button
        id="add-source"
        type="button"
        className={secondaryButtonClass}
        onClick={() => {
          form.update({ sources: [...values.sources, emptySource()] });
          focusLater(fieldId(`sources.${values.sources.length}.title`));
        }}
      >
        Add another source
      </button>
    </FormSection>
  );
}
