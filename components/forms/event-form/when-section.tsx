import { DATE_PRECISIONS, DATE_PRECISION_LABELS } from '@/lib/dates';
import { Select, TextInput } from '../controls';
import { FormSection } from './form-section';
import { fieldProps, type EventFormModel } from './use-event-form';
import { Options } from '../options';

type DateField = 'date' | 'effectiveDate' | 'endDate';

const DATES: { name: DateField; label: string; hint?: string; placeholder?: string; required?: boolean; precisionLabel: string }[] = [
  { name: 'date', label: 'Date', required: true, placeholder: 'e.g. 2023-03-28, 2023-03 or 2023', precisionLabel: 'Date precision' },
  { name: 'effectiveDate', label: 'In effect from', hint: 'Optional: when the measure takes effect, if that differs.', precisionLabel: 'In effect from: precision' },
  { name: 'endDate', label: 'Until', hint: 'Optional: when it ended or expires.', precisionLabel: 'Until: precision' },
];

/** The date, and when the measure takes effect and ends, each with its precision. */
export function WhenSection({ form }: { form: EventFormModel }) {
  const { values, update } = form;
  return (
    <FormSection title="When" id="event-section-when" description="Write a date as YYYY, YYYY-MM or YYYY-MM-DD: it is recorded only as precisely as it is known.">
      <div className="grid items-end gap-4 sm:grid-cols-[2fr_1fr]">
        {DATES.flatMap(({ name, label, hint, placeholder, required, precisionLabel }) => {
          const precision = `${name}Precision` as const;
          return [
            <TextInput key={name} {...fieldProps(form, name)} label={label} autoComplete="off" hint={hint} placeholder={placeholder} required={required} value={values[name]} onChange={(v) => update({ [name]: v })} />,
            <Select key={precision} {...fieldProps(form, precision)} label={precisionLabel} value={values[precision]} onChange={(v) => update({ [precision]: v })}>
              <option value="">As written</option>
              <Options values={DATE_PRECISIONS} label={(p) => DATE_PRECISION_LABELS[p]} />
            </Select>,
          ];
        })}
      </div>
    </FormSection>
  );
}
