/**
 * A standing change: one dated step in a subject's standing with a counterpart, with its
 * evidence. The schema is the one check for the event form, the board's form, the API and the
 * seed; `findConflicts` adds the check that needs the dyad's other changes.
 *
 * A change is a point in time known to a precision, not a range: a standing lasts until the next
 * change replaces it, so there is no end date to put before a start.
 */
import { z } from 'zod';
import { countryName, isCountryCode } from '@/lib/countries';
import { DATE_PRECISIONS, formatEventDate, parsePartialDate, startOfPeriod, type DatePrecision } from '@/lib/dates';
import {
  CHANGE_STATUS_LABELS,
  CHANGE_STATUSES,
  EMBASSY_LABELS,
  isOnScale,
  LEVEL_LABELS,
  LEVELS,
  levelsFor,
  recalledLabel,
  subjectKind,
  UNKNOWN,
  type ChangeStatus,
  type EmbassyValue,
  type LevelValue,
  type RecalledValue,
} from './scale';

export type FieldErrors = Record<string, string>;

export interface Dyad {
  /** ISO 3166-1 alpha-2 code of a state, or an organisation key such as 'arab-league'. */
  subject: string;
  /** ISO 3166-1 alpha-2 code of the state the subject stands with. */
  counterpart: string;
}

/** The three facts a change may speak to; null means "this change does not say". */
export interface ChangeFacts {
  level: LevelValue | null;
  embassy: EmbassyValue | null;
  ambassadorRecalled: RecalledValue | null;
}

export const FACT_KEYS = ['level', 'embassy', 'ambassadorRecalled'] as const satisfies readonly (keyof ChangeFacts)[];
export type FactKey = (typeof FACT_KEYS)[number];

export interface StandingChangeInput extends ChangeFacts {
  dyad: Dyad;
  /** First day of the period, YYYY-MM-DD (lib/dates.ts). */
  date: string;
  precision: DatePrecision;
  status: ChangeStatus;
  /** Timeline events that show the change; at least one. */
  evidenceEventIds: number[];
  note: string | null;
}

/** A stored change: what the computations take. */
export interface StandingChange extends StandingChangeInput {
  id: number;
}

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const RANK: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };

const emptyToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

const levelList = (values: readonly string[]) => values.map((l) => LEVEL_LABELS[l as LevelValue].toLowerCase()).join(', ');

const rawSchema = z.object({
  dyad: z.object(
    {
      subject: z
        .string({ error: 'Choose whose standing this is: a country or an organisation.' })
        .trim()
        .min(1, 'Choose whose standing this is: a country or an organisation.')
        // Country codes are written in capitals, organisation keys in lower case.
        .transform((s) => (isCountryCode(s.toUpperCase()) ? s.toUpperCase() : s))
        .refine(
          (s) => subjectKind(s) !== null,
          'Use a country code (ISO 3166-1 alpha-2, e.g. AE) or an organisation key (e.g. arab-league).',
        ),
      counterpart: z
        .string({ error: 'Choose the counterpart country.' })
        .trim()
        .min(1, 'Choose the counterpart country.')
        .transform((s) => s.toUpperCase())
        .refine(isCountryCode, 'Unknown country code for the counterpart (use ISO 3166-1 alpha-2, e.g. SY).'),
    },
    { error: 'Say whose standing with which country this is.' },
  ),
  level: z.preprocess(
    emptyToNull,
    z
      .enum([...LEVELS, UNKNOWN], {
        error: `Level must be one of: ${levelList(LEVELS)}, or unknown.`,
      })
      .nullable(),
  ),
  embassy: z.preprocess(
    emptyToNull,
    z.enum(['open', 'closed', UNKNOWN], { error: 'Embassy is open, closed or unknown.' }).nullable(),
  ),
  ambassadorRecalled: z.preprocess(
    emptyToNull,
    z.union([z.boolean(), z.literal(UNKNOWN)], { error: 'Ambassador recalled is yes, no or unknown.' }).nullable(),
  ),
  date: z
    .string({ error: 'Date is required.' })
    .trim()
    .min(1, 'Date is required.')
    .refine((s) => parsePartialDate(s) !== null, 'Date must be a real date: YYYY, YYYY-MM or YYYY-MM-DD.'),
  precision: z.enum(DATE_PRECISIONS, { error: 'Precision is year, month or day.' }).optional(),
  status: z.enum(CHANGE_STATUSES, { error: 'Status is in effect, announced or reported.' }),
  evidenceEventIds: z
    .array(z.coerce.number({ error: 'Evidence is a list of event numbers.' }).int('Evidence is a list of event numbers.').positive('Evidence is a list of event numbers.'), {
      error: 'Link at least one timeline event as evidence.',
    })
    .min(1, 'Link at least one timeline event as evidence.')
    .max(50, 'At most 50 evidence events.'),
  note: z
    .string({ error: 'Note must be text.' })
    .nullish()
    .transform((s) => (s ?? '').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(2000, 'Note must be at most 2000 characters.')
        .refine((s) => !CONTROL.test(s), 'Note contains control characters.')
        .refine((s) => s.isWellFormed(), 'Note contains invalid characters.')
        .transform((s) => (s === '' ? null : s)),
    ),
});

export const standingChangeInputSchema = rawSchema.transform((input, ctx): StandingChangeInput => {
  const { subject, counterpart } = input.dyad;
  if (subject === counterpart) {
    ctx.addIssue({ code: 'custom', path: ['dyad', 'counterpart'], message: 'A standing is between two different sides.' });
  }
  const kind = subjectKind(subject)!;
  if (input.level !== null && !isOnScale(kind, input.level)) {
    ctx.addIssue({
      code: 'custom',
      path: ['level'],
      message:
        kind === 'organisation'
          ? `${subject} is an organisation: its standing with ${countryName(counterpart)} is a membership level (${levelList(levelsFor('organisation'))}), not a diplomatic one.`
          : `${countryName(subject)} is a state: its standing is a diplomatic level (${levelList(levelsFor('state'))}); membership levels are for organisations.`,
    });
  }
  if (input.level === null && input.embassy === null && input.ambassadorRecalled === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['level'],
      message: 'Say what changes: the level, the embassy or the ambassador (any of them may be "unknown").',
    });
  }
  const parsed = parsePartialDate(input.date)!;
  const precision = input.precision ?? parsed.precision;
  if (RANK[precision] > RANK[parsed.precision]) {
    ctx.addIssue({ code: 'custom', path: ['date'], message: `Date "${input.date}" is not precise enough for "${precision}" precision.` });
  }
  return {
    dyad: { subject, counterpart },
    level: input.level,
    embassy: input.embassy,
    ambassadorRecalled: input.ambassadorRecalled,
    date: startOfPeriod(parsed.date, precision),
    precision,
    status: input.status,
    evidenceEventIds: [...new Set(input.evidenceEventIds)].sort((a, b) => a - b),
    note: input.note,
  };
});

export type StandingChangeRaw = z.input<typeof standingChangeInputSchema>;

export type ChangeValidation = { success: true; change: StandingChangeInput } | { success: false; errors: FieldErrors };

function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    // Evidence errors belong to the one evidence picker, not to its nth entry.
    const path = issue.path[0] === 'evidenceEventIds' ? ['evidenceEventIds'] : issue.path;
    const key = path.join('.') || 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * Checks a change on its own and against the dyad's recorded changes (`existing` may hold other
 * dyads' changes too; they are ignored). Errors are keyed by field: `dyad.subject`, `level`,
 * `embassy`, `ambassadorRecalled`, `date`, `status`, `evidenceEventIds`, `note`, or `form`.
 */
export function validateStandingChange(
  raw: unknown,
  existing: readonly StandingChange[] = [],
  { id }: { id?: number } = {},
): ChangeValidation {
  const result = standingChangeInputSchema.safeParse(raw);
  if (!result.success) return { success: false, errors: issuesToFieldErrors(result.error.issues) };
  const conflicts = findConflicts(result.data, existing, id);
  if (Object.keys(conflicts).length > 0) return { success: false, errors: conflicts };
  return { success: true, change: result.data };
}

export function sameDyad(a: Dyad, b: Dyad): boolean {
  return a.subject === b.subject && a.counterpart === b.counterpart;
}

export function dyadKey(d: Dyad): string {
  return `${d.subject}>${d.counterpart}`;
}

/** Changes grouped by dyad, in first-seen order: the shape every per-dyad function takes. */
export function groupByDyad(changes: readonly StandingChange[]): { dyad: Dyad; changes: StandingChange[] }[] {
  const groups = new Map<string, { dyad: Dyad; changes: StandingChange[] }>();
  for (const c of changes) {
    const key = dyadKey(c.dyad);
    const g = groups.get(key);
    if (g) g.changes.push(c);
    else groups.set(key, { dyad: c.dyad, changes: [c] });
  }
  return [...groups.values()];
}

export function dyadLabel(d: Dyad): string {
  const subject = subjectKind(d.subject) === 'state' ? countryName(d.subject) : d.subject;
  return `${subject} → ${countryName(d.counterpart)}`;
}

export function factLabel(key: FactKey, value: LevelValue | EmbassyValue | RecalledValue): string {
  if (key === 'level') return LEVEL_LABELS[value as LevelValue].toLowerCase();
  if (key === 'embassy') return `embassy ${EMBASSY_LABELS[value as EmbassyValue].toLowerCase()}`;
  return `ambassador ${recalledLabel(value as RecalledValue).toLowerCase()}`;
}

const FACT_NAMES: Record<FactKey, string> = { level: 'level', embassy: 'embassy', ambassadorRecalled: 'ambassador' };

/**
 * Two changes of one dyad with the same date, precision and status must not disagree on any
 * fact: nothing could say which of them holds. A repeat of a recorded change is refused too, so
 * that a second source becomes more evidence on the first change rather than a second change.
 * `ownId` is the change being edited, which is not compared with itself.
 */
export function findConflicts(candidate: StandingChangeInput, existing: readonly StandingChange[], ownId?: number): FieldErrors {
  const errors: FieldErrors = {};
  for (const other of existing) {
    if (other.id === ownId || !sameDyad(candidate.dyad, other.dyad)) continue;
    if (other.date !== candidate.date || other.precision !== candidate.precision || other.status !== candidate.status) continue;
    const when = `${formatEventDate(other.date, other.precision)}, ${CHANGE_STATUS_LABELS[other.status].toLowerCase()}`;
    let contradicted = false;
    for (const key of FACT_KEYS) {
      const mine = candidate[key];
      const theirs = other[key];
      if (mine === null || theirs === null || mine === theirs) continue;
      contradicted = true;
      errors[key] ??=
        `Change #${other.id} (${when}) already says ${factLabel(key, theirs)} for ${dyadLabel(other.dyad)}. ` +
        `Two changes on the same date with the same status cannot disagree on the ${FACT_NAMES[key]}: correct change #${other.id}, or give this one its own date.`;
    }
    if (!contradicted && FACT_KEYS.every((k) => candidate[k] === other[k])) {
      errors.form ??= `Change #${other.id} (${when}) already records this for ${dyadLabel(other.dyad)}: add this event to its evidence instead.`;
    }
  }
  return errors;
}
