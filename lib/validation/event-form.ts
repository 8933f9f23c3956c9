/**
 * The event form's values and their mapping to the one event schema (lib/validation/event.ts).
 * Form values are exactly what a person typed, as strings, so that a refused save gives every
 * character back; `validateEventForm` runs the same `eventInputSchema` in the browser (before
 * sending) and in the server action (before writing).
 *
 * Field names follow the schema's paths (`sources.0.url`), so an error's path is the name of the
 * input it belongs to.
 */
import type { z } from 'zod';
import { eventInputSchema, type EventInput, type EventInputRaw } from './event';

export interface CountryValue {
  code: string;
  role: string;
}
export interface ActorValue {
  /** Empty until an actor is chosen from the suggestions or created. */
  entityId: string;
  /** The chosen actor's name, for display; not sent to the schema. */
  name: string;
  role: string;
}
export interface SourceValue {
  url: string;
  title: string;
  publisher: string;
  publishedDate: string;
  excerpt: string;
  note: string;
}
export interface LinkValue {
  toEventId: string;
  /** The linked event's title, for display. */
  title: string;
  kind: string;
}

export interface EventFormValues {
  type: string;
  title: string;
  summary: string;
  details: string;
  date: string;
  /** '' = as precise as the date is written. */
  datePrecision: string;
  effectiveDate: string;
  effectiveDatePrecision: string;
  endDate: string;
  endDatePrecision: string;
  status: string;
  legalAuthority: string;
  program: string;
  countries: CountryValue[];
  actors: ActorValue[];
  tags: string[];
  sources: SourceValue[];
  links: LinkValue[];
}

export type FieldErrors = Record<string, string>;

export const SCALAR_FIELDS = [
  'type',
  'title',
  'summary',
  'details',
  'date',
  'datePrecision',
  'effectiveDate',
  'effectiveDatePrecision',
  'endDate',
  'endDatePrecision',
  'status',
  'legalAuthority',
  'program',
] as const satisfies readonly (keyof EventFormValues)[];

export function emptySource(): SourceValue {
  return { url: '', title: '', publisher: '', publishedDate: '', excerpt: '', note: '' };
}

export function emptyEventForm(): EventFormValues {
  return {
    type: '',
    title: '',
    summary: '',
    details: '',
    date: '',
    datePrecision: '',
    effectiveDate: '',
    effectiveDatePrecision: '',
    endDate: '',
    endDatePrecision: '',
    status: 'draft',
    legalAuthority: '',
    program: '',
    countries: [],
    actors: [],
    tags: [],
    sources: [emptySource()],
    links: [],
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s);
const precision = (s: string) => (s === '' ? undefined : (s as EventInputRaw['datePrecision']));
const id = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** The values as the schema takes them: empty optional fields become null, ids numbers. */
export function formValuesToRaw(values: EventFormValues): Record<string, unknown> {
  return {
    type: values.type === '' ? undefined : values.type,
    title: values.title,
    summary: values.summary,
    details: orNull(values.details),
    date: values.date,
    datePrecision: precision(values.datePrecision),
    effectiveDate: orNull(values.effectiveDate),
    effectiveDatePrecision: precision(values.effectiveDatePrecision) ?? null,
    endDate: orNull(values.endDate),
    endDatePrecision: precision(values.endDatePrecision) ?? null,
    status: values.status,
    legalAuthority: orNull(values.legalAuthority),
    program: orNull(values.program),
    countries: values.countries.map((c) => ({ code: c.code, role: c.role === '' ? undefined : c.role })),
    actors: values.actors.map((a) => ({ entityId: id(a.entityId), role: a.role === '' ? undefined : a.role })),
    tags: values.tags,
    sources: values.sources.map((s) => ({
      url: orNull(s.url),
      title: s.title,
      publisher: orNull(s.publisher),
      publishedDate: orNull(s.publishedDate),
      excerpt: orNull(s.excerpt),
      note: orNull(s.note),
    })),
    links: values.links.map((l) => ({ toEventId: id(l.toEventId), kind: l.kind === '' ? undefined : l.kind })),
  };
}

export function issuesToFieldErrors(issues: z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.join('.') || 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}

export type EventFormValidation = { success: true; input: EventInput } | { success: false; errors: FieldErrors };

/** The same check in the browser and on the server. */
/** The event form's fields from top to bottom (components/forms/event-form.tsx), and each list's row fields. */
const FORM_ORDER = [
  'type', 'title', 'summary', 'details',
  'date', 'datePrecision', 'effectiveDate', 'effectiveDatePrecision', 'endDate', 'endDatePrecision',
  'status', 'countries', 'actors', 'legalAuthority', 'program', 'tags', 'sources', 'links',
];
const ROW_ORDER = ['code', 'entityId', 'title', 'url', 'publisher', 'publishedDate', 'excerpt', 'note', 'toEventId', 'kind', 'role'];

function rank(list: readonly string[], key: string | undefined): number {
  const i = key === undefined ? -1 : list.indexOf(key);
  return i === -1 ? list.length : i;
}

/** Errors in the order their fields appear on the form, so the summary reads top to bottom. */
export function inFormOrder(errors: FieldErrors): FieldErrors {
  const key = (path: string) => {
    const [top, index, field] = path.split('.');
    return [rank(FORM_ORDER, top), index === undefined ? -1 : Number(index) || 0, rank(ROW_ORDER, field)];
  };
  const sorted = Object.keys(errors)
    .map((path, i) => ({ path, i, k: key(path) }))
    .sort((a, b) => a.k[0]! - b.k[0]! || a.k[1]! - b.k[1]! || a.k[2]! - b.k[2]! || a.i - b.i);
  return Object.fromEntries(sorted.map(({ path }) => [path, errors[path]!]));
}

export function validateEventForm(values: EventFormValues): EventFormValidation {
  const result = eventInputSchema.safeParse(formValuesToRaw(values));
  const errors: FieldErrors = result.success ? {} : issuesToFieldErrors(result.error.issues);
  // The data allows an empty summary (imports); people entering an event are asked for one.
  if (values.summary.trim() === '' && !errors.summary) errors.summary = 'Summary is required.';
  if (!result.success || Object.keys(errors).length > 0) return { success: false, errors: inFormOrder(errors) };
  return { success: true, input: result.data };
}

// Bounds on what a submitted form may hold, far above what the schema accepts, so a hostile post
// cannot make the parser allocate without limit; the schema then says what is too many.
const MAX_ROWS = 200;
const MAX_VALUE = 50_000;

function str(value: FormDataEntryValue | null): string {
  return typeof value === 'string' ? value.slice(0, MAX_VALUE) : '';
}

function rows<K extends string>(form: FormData, list: string, keys: readonly K[]): Record<K, string>[] {
  const found = new Map<number, Record<K, string>>();
  const pattern = new RegExp(`^${list}\\.(\\d{1,3})\\.(\\w+)$`);
  for (const [name, value] of form.entries()) {
    const m = pattern.exec(name);
    if (!m) continue;
    const index = Number(m[1]);
    const key = m[2] as K;
    if (index >= MAX_ROWS || !keys.includes(key)) continue;
    let row = found.get(index);
    if (!row) {
      row = Object.fromEntries(keys.map((k) => [k, ''])) as Record<K, string>;
      found.set(index, row);
    }
    row[key] = str(value);
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
}

/** Reads the values back from a submitted form (named inputs: `title`, `sources.0.url`...). */
export function formDataToValues(form: FormData): EventFormValues {
  const scalar = Object.fromEntries(SCALAR_FIELDS.map((k) => [k, str(form.get(k))])) as Pick<EventFormValues, (typeof SCALAR_FIELDS)[number]>;
  return {
    ...scalar,
    countries: rows(form, 'countries', ['code', 'role'] as const),
    actors: rows(form, 'actors', ['entityId', 'name', 'role'] as const),
    tags: form
      .getAll('tags')
      .slice(0, MAX_ROWS)
      .map(str)
      .filter((t) => t.trim() !== ''),
    sources: rows(form, 'sources', ['url', 'title', 'publisher', 'publishedDate', 'excerpt', 'note'] as const),
    links: rows(form, 'links', ['toEventId', 'title', 'kind'] as const),
  };
}

/** The element id of a field, from its name: `sources.0.url` → `event-sources-0-url`. */
export function fieldId(name: string, prefix = 'event'): string {
  return `${prefix}-${name.replace(/\./g, '-')}`;
}
