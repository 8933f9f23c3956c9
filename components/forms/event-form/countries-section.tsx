import { COUNTRY_ROLES, COUNTRY_ROLE_LABELS } from '@/lib/countries';
import { fieldId } from '@/lib/validation/event-form';
import { Select } from '../controls';
import { FieldError, secondaryButtonClass } from '../field';
import { EmptyRows, FormSection } from './form-section';
import { fieldProps, focusLater, type EventFormModel } from './use-event-form';
import { CountryOptions } from '../country-options';
import { Options } from '../options';

/** The countries involved, each with how it takes part. */
export function CountriesSection({ form }: { form: EventFormModel }) {
  const { values, updateRow, removeRow } = form;
  return (
    <FormSection title="Countries" id={fieldId('countries')} description="Who acted, who was targeted, where it happened.">
      <FieldError id={fieldId('countries')} error={form.err('countries')} />
      {values.countries.length === 0 ? <EmptyRows>No countries yet.</EmptyRows> : null}
      <ul className="space-y-3">
        {values.countries.map((c, i) => (
          <li key={i} className="grid items-end gap-3 sm:grid-cols-[2fr_1fr_auto]">
            <Select {...fieldProps(form, `countries.${i}.code`)} label={`Country ${i + 1}`} value={c.code} onChange={(code) => updateRow('countries', i, { code })}>
              <CountryOptions empty="Choose a country…" />
            </Select>
            <Select {...fieldProps(form, `countries.${i}.role`)} label={`Country ${i + 1}: role`} value={c.role} onChange={(role) => updateRow('countries', i, { role })}>
              <Options values={COUNTRY_ROLES} label={(r) => COUNTRY_ROLE_LABELS[r]} />
            </Select>
            <button type="button" className={secondaryButtonClass} onClick={() => removeRow('countries', i, 'add-country')}>
              Remove<span className="sr-only"> country {i + 1}</span>
            </button>
          </li>
        ))}
      </ul>
      <button
        id="add-country"
        type="button"
        className={secondaryButtonClass}
        onClick={() => {
          form.update({ countries: [...values.countries, { code: '', role: 'target' }] });
          focusLater(fieldId(`countries.${values.countries.length}.code`));
        }}
      >
        Add a country
      </button>
    </FormSection>
  );
}
