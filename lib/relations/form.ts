/**
 * The standing-change form's values: read from a submitted form, turned into the input that
 * `standingChangeInputSchema` takes, and errors keyed by the form's own field names, so that a
 * refused save hands back exactly what was typed with each message beside its control.
 */
import type { FieldErrors } from './change';

/** What was typed, as text (evidence: one entry per linked event). */
export interface StandingFormValues {
  id: string;
  version: string;
  subject: string;
  counterpart: string;
  /** "2018", "2018-12" or "2018-12-27": the precision is what was typed. */
  date: string;
  status: string;
  level: string;
  embassy: string;
  /** '' (this change does not say), 'yes', 'no' or 'unknown'. */
  ambassadorRecalled: string;
  evidence: string[];
  note: string;
  returnTo: string;
}

export const STANDING_FORM_FIELDS = [
  'subject',
  'counterpart',
  'date',
  'status',
  'level',
  'embassy',
  'ambassadorRecalled',
  'evidence',
  'note',
] as const;
export type StandingFormField = (typeof STANDING_FORM_FIELDS)[number];

export const EMPTY_STANDING_FORM: StandingFormValues = {
  id: '',
  version: '',
  subject: '',
  counterpart: '',
  date: '',
  status: 'in_effect',
  level: '',
  embassy: '',
  ambassadorRecalled: '',
  evidence: [],
  note: '',
  returnTo: '',
};

function text(form: FormData, key: string, max = 1000): string {
  const v = form.get(key);
  return typeof v === 'string' ? v.slice(0, max) : '';
}

export function formDataToStandingValues(form: FormData): StandingFormValues {
  return {
    id: text(form, 'id'),
    version: text(form, 'version'),
    subject: text(form, 'subject'),
    counterpart: text(form, 'counterpart'),
    date: text(form, 'date'),
    status: text(form, 'status'),
    level: text(form, 'level'),
    embassy: text(form, 'embassy'),
    ambassadorRecalled: text(form, 'ambassadorRecalled'),
    evidence: form
      .getAll('evidence')
      .slice(0, 100)
      .flatMap((v) => (typeof v === 'string' ? v.slice(0, 1000).split(/[\s,]+/) : []))
      .map((v) => v.trim())
      .filter((v) => v !== ''),
    note: text(form, 'note', 4000),
    returnTo: text(form, 'returnTo', 2000),
  };
}

const RECALLED: Record<string, boolean | 'unknown' | null> = { '': null, yes: true, no: false, unknown: 'unknown' };

/**
 * The input of `standingChangeInputSchema`; an evidence entry that is not an event number (after
 * an optional '#') is reported as `evidence` rather than silently dropped.
 */
export function standingValuesToRaw(values: StandingFormValues): { raw: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const ids: number[] = [];
  for (const entry of values.evidence) {
    const m = /^#?(\d{1,15})$/.exec(entry);
    if (m) ids.push(Number(m[1]));
    else errors.evidence ??= `"${entry.slice(0, 40)}" is not an event number (e.g. 42 or #42).`;
  }
  const known = Object.hasOwn(RECALLED, values.ambassadorRecalled);
  // An unknown value goes to the schema as typed, which refuses it with its own message.
  const recalled = known ? RECALLED[values.ambassadorRecalled] : values.ambassadorRecalled;
  return {
    raw: {
      dyad: { subject: values.subject, counterpart: values.counterpart },
      date: values.date,
      status: values.status,
      level: values.level,
      embassy: values.embassy,
      ambassadorRecalled: recalled,
      evidenceEventIds: ids,
      note: values.note,
    },
    errors,
  };
}

const FORM_KEY: Record<string, StandingFormField | 'form'> = {
  'dyad.subject': 'subject',
  'dyad.counterpart': 'counterpart',
  dyad: 'subject',
  evidenceEventIds: 'evidence',
  precision: 'date',
};

/** Errors of the validation and the mutation, keyed by the form's field names ('form' for the whole). */
export function standingErrorsForForm(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const field = FORM_KEY[key] ?? ((STANDING_FORM_FIELDS as readonly string[]).includes(key) ? key : 'form');
    out[field] ??= message;
  }
  return out;
}

/** The dyad's page, where a saved change is seen in its row. */
export function dyadPath(subject: string, counterpart: string): string {
  return `/relations/${encodeURIComponent(subject)}/${encodeURIComponent(counterpart)}`;
}
