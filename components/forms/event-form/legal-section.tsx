import { TextInput } from '../controls';
import { FormSection } from './form-section';
import { fieldProps, type EventFormModel } from './use-event-form';

/** Values already in use, offered while typing (a native datalist). */
export function Suggestions({ id, values }: { id: string; values: string[] }) {
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}

/** The legal authority and the sanctions program, with the values already in use as suggestions. */
export function LegalSection({ form, legalAuthorities, programs }: { form: EventFormModel; legalAuthorities: string[]; programs: string[] }) {
  const { values, update } = form;
  return (
    <FormSection title="Legal basis" id="event-section-legal">
      <div className="grid items-end gap-4 sm:grid-cols-[2fr_1fr]">
        <TextInput
          {...fieldProps(form, 'legalAuthority')}
          label="Legal authority"
          autoComplete="off"
          list="legal-authorities"
          hint="e.g. Caesar Syria Civilian Protection Act of 2019. Suggestions are values already used."
          value={values.legalAuthority}
          onChange={(legalAuthority) => update({ legalAuthority })}
        />
        <TextInput {...fieldProps(form, 'program')} label="Program" autoComplete="off" list="programs" hint="Sanctions program code, e.g. SYRIA-CAESAR." value={values.program} onChange={(program) => update({ program })} />
      </div>
      <Suggestions id="legal-authorities" values={legalAuthorities} />
      <Suggestions id="programs" values={programs} />
    </FormSection>
  );
}
