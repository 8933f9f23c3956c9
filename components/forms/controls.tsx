/**
 * A labelled control in one line: the label, hint and error of `Field` tied to an input, a text
 * area or a select, with `aria-invalid`, `aria-required` and `aria-describedby` set the same way
 * everywhere. `name` is left out for controls that must not be submitted with the form around them.
 */
import type { ReactNode } from 'react';
import { Field, describedBy, inputClass } from './field';

interface ControlProps {
  id: string;
  name?: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
  /** On the wrapper, for its place in a grid. */
  className?: string;
}

function aria(id: string, { error, hint, required }: Pick<ControlProps, 'error' | 'hint' | 'required'>) {
  return {
    'aria-invalid': !!error,
    'aria-required': required ? true : undefined,
    'aria-describedby': describedBy(id, { hint, error }),
  };
}

export function TextInput({
  id,
  name,
  label,
  value,
  onChange,
  error,
  hint,
  required,
  className,
  ...input
}: ControlProps & Pick<React.ComponentProps<'input'>, 'type' | 'inputMode' | 'list' | 'placeholder' | 'autoComplete' | 'autoFocus' | 'onKeyDown'>) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <input
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...input}
        {...aria(id, { error, hint, required })}
        className={inputClass}
      />
    </Field>
  );
}

export function TextArea({ id, name, label, value, onChange, error, hint, required, className, rows }: ControlProps & { rows: number }) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <textarea id={id} name={name} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} {...aria(id, { error, hint, required })} className={inputClass} />
    </Field>
  );
}

export function Select({ id, name, label, value, onChange, error, hint, required, className, children }: ControlProps & { children: ReactNode }) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} className={className}>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} {...aria(id, { error, hint, required })} className={inputClass}>
        {children}
      </select>
    </Field>
  );
}
