/**
 * The one schema for an event as people enter it: used by the seed, the forms (client and
 * server), the CSV importer and the API. Parsing normalises what it accepts (trimmed text, dates
 * at the start of their period, tag slugs) so that stored rows have one shape.
 */
import { z } from 'zod';
import { COUNTRY_ROLES, isCountryCode } from '@/lib/countries';
import { DATE_PRECISIONS, dateRangeProblem, parsePartialDate, startOfPeriod, type DatePrecision } from '@/lib/dates';
import { EVENT_TYPE_KEYS } from '@/lib/event-types';
import { ENTITY_ROLES, EVENT_STATUSES, LINK_KINDS } from '@/lib/vocabulary';
import { slugify } from '@/lib/slug';
import { normaliseSourceUrl, SOURCE_URL_MAX } from './source-url';
import { optionalMultiLineText, optionalSingleLineText, singleLineText } from './text';

// Free text follows the one rule in lib/validation/text.ts.

/**
 * Refuses a real date outside the accepted range (lib/dates.ts: 1900 to ten years from today,
 * computed now). A value that is not a date is left to the shape check beside it.
 */
function inRange(label: string) {
  return (value: string | null, ctx: z.RefinementCtx) => {
    const parsed = value === null ? null : parsePartialDate(value);
    const problem = parsed ? dateRangeProblem(label, parsed) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

/**
 * http(s) only: `javascript:`, `data:` and the like never reach a link on a page. Stored as a
 * browser serialises it, by the rule the database's CHECK shares (lib/validation/source-url.ts).
 */
export const sourceUrlSchema = optionalSingleLineText('URL', SOURCE_URL_MAX).transform((s, ctx) => {
  if (s === null) return null;
  const result = normaliseSourceUrl(s);
  if (result.ok) return result.url;
  ctx.addIssue({ code: 'custom', message: result.message });
  return z.NEVER;
});

export const sourceInputSchema = z.object({
  url: sourceUrlSchema,
  title: singleLineText('Source title', 1, 500),
  publisher: optionalSingleLineText('Publisher', 200),
  publishedDate: z
    .string().nullish()
    .transform((s) => (s ?? '').trim() || null)
    .refine((s) => s === null || parsePartialDate(s)?.precision === 'day', 'Publication date must be YYYY-MM-DD.')
    .superRefine(inRange('Publication date')),
  excerpt: optionalMultiLineText('Excerpt', 2000),
  note: optionalMultiLineText('Note', 1000),
});

export const programSchema = optionalSingleLineText('Program', 40)
  .transform((s) => (s === null ? null : s.toUpperCase()))
  .refine(
    (s) => s === null || /^[A-Z0-9][A-Z0-9-]*$/.test(s),
    'Program is a code of letters, digits and hyphens, e.g. SYRIA-CAESAR.',
  );

export const tagLabelSchema = singleLineText('Tag', 1, 60).refine((s) => slugify(s) !== '', 'Tag needs a letter or a digit.');

const RANK: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };

function resolveDate(
  label: string,
  value: string,
  precision: DatePrecision | undefined,
  ctx: z.RefinementCtx,
  path: string,
): { date: string; precision: DatePrecision } | null {
  const parsed = parsePartialDate(value);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', path: [path], message: `${label} must be a real date: YYYY, YYYY-MM or YYYY-MM-DD.` });
    return null;
  }
  const p = precision ?? parsed.precision;
  if (RANK[p] > RANK[parsed.precision]) {
    ctx.addIssue({
      code: 'custom',
      path: [path],
      message: `${label} "${value}" is not precise enough for "${p}" precision.`,
    });
    return null;
  }
  return { date: startOfPeriod(parsed.date, p), precision: p };
}

export const eventInputSchema = z
  .object({
    type: z.enum(EVENT_TYPE_KEYS, { error: 'Choose an event type.' }),
    title: singleLineText('Title', 3, 300),
    // Optional in the data (an imported list may carry only date, type and title); the event form
    // asks for one (lib/validation/event-form.ts).
    summary: optionalMultiLineText('Summary', 2000).transform((s) => s ?? ''),
    details: optionalMultiLineText('Details', 20000),
    // The shape is checked here, per field, so that a bad date is reported together with every
    // other error; precision and order are checked once all fields parse (the transform below).
    date: z
      .string({ error: 'Date is required.' })
      .trim()
      .min(1, 'Date is required.')
      .refine((s) => parsePartialDate(s) !== null, 'Date must be a real date: YYYY, YYYY-MM or YYYY-MM-DD.')
      .superRefine(inRange('Date')),
    datePrecision: z.enum(DATE_PRECISIONS).optional(),
    effectiveDate: optionalSingleLineText('Effective date', 10).refine(
      (s) => s === null || parsePartialDate(s) !== null,
      'Effective date must be a real date: YYYY, YYYY-MM or YYYY-MM-DD.',
    ).superRefine(inRange('Effective date')),
    effectiveDatePrecision: z.enum(DATE_PRECISIONS).optional().nullable(),
    endDate: optionalSingleLineText('End date', 10).refine(
      (s) => s === null || parsePartialDate(s) !== null,
      'End date must be a real date: YYYY, YYYY-MM or YYYY-MM-DD.',
    ).superRefine(inRange('End date')),
    endDatePrecision: z.enum(DATE_PRECISIONS).optional().nullable(),
    status: z.enum(EVENT_STATUSES, { error: 'Status is draft or published.' }).default('draft'),
    legalAuthority: optionalSingleLineText('Legal authority', 300),
    program: programSchema,
    countries: z
      .array(
        z.object({
          code: z
            .string()
            .trim()
            .transform((s) => s.toUpperCase())
            .refine(isCountryCode, 'Unknown country code (use ISO 3166-1 alpha-2, e.g. SY).'),
          role: z.enum(COUNTRY_ROLES, { error: 'Country role is actor, target or location.' }),
        }),
      )
      .max(50, 'At most 50 countries.')
      .default([]),
    actors: z
      .array(
        z.object({
          entityId: z
            .number({ error: 'Choose an actor from the suggestions, or create a new one.' })
            .int('Choose an actor from the suggestions, or create a new one.')
            .positive('Choose an actor from the suggestions, or create a new one.')
            .max(2_147_483_647, 'Choose an actor from the suggestions, or create a new one.'),
          role: z.enum(ENTITY_ROLES, { error: 'Choose a role for the actor.' }),
        }),
      )
      .max(100, 'At most 100 actors.')
      .default([]),
    tags: z.array(tagLabelSchema).max(30, 'At most 30 tags.').default([]),
    sources: z.array(sourceInputSchema).max(30, 'At most 30 sources.').default([]),
    links: z
      .array(
        z.object({
          toEventId: z
            .number({ error: 'Choose an event from the suggestions.' })
            .int('Choose an event from the suggestions.')
            .positive('Choose an event from the suggestions.')
            .max(2_147_483_647, 'Choose an event from the suggestions.'),
          kind: z.enum(LINK_KINDS, { error: 'Choose a link type.' }),
        }),
      )
      .max(50, 'At most 50 links.')
      .default([]),
  })
  .transform((input, ctx) => {
    const date = resolveDate('Date', input.date, input.datePrecision, ctx, 'date');
    const effective =
      input.effectiveDate === null
        ? null
        : resolveDate('Effective date', input.effectiveDate, input.effectiveDatePrecision ?? undefined, ctx, 'effectiveDate');
    const end =
      input.endDate === null
        ? null
        : resolveDate('End date', input.endDate, input.endDatePrecision ?? undefined, ctx, 'endDate');
    if (date && end && end.date < date.date) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'End date cannot be before the date.' });
    }
    if (!date) return z.NEVER;

    const dedupe = <T>(items: T[], key: (t: T) => string) => {
      const seen = new Set<string>();
      return items.filter((item) => {
        const k = key(item);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    };

    return {
      type: input.type,
      title: input.title,
      summary: input.summary,
      details: input.details,
      date: date.date,
      datePrecision: date.precision,
      effectiveDate: effective?.date ?? null,
      effectiveDatePrecision: effective?.precision ?? null,
      endDate: end?.date ?? null,
      endDatePrecision: end?.precision ?? null,
      status: input.status,
      legalAuthority: input.legalAuthority,
      program: input.program,
      countries: dedupe(input.countries, (c) => `${c.code}:${c.role}`),
      actors: dedupe(input.actors, (a) => `${a.entityId}:${a.role}`),
      tags: dedupe(input.tags, slugify),
      sources: input.sources,
      links: dedupe(input.links, (l) => `${l.toEventId}:${l.kind}`),
    };
  });

/** The version a save started from: the update is refused if the stored event has moved on. */
export const expectedVersionSchema = z.coerce
  .number({ error: 'The form is missing the version it was loaded at; reload the page.' })
  .int('The form is missing the version it was loaded at; reload the page.')
  .min(1, 'The form is missing the version it was loaded at; reload the page.')
  .max(2_147_483_647, 'The form is missing the version it was loaded at; reload the page.');

/** What the form, importer or seed hands in (before parsing). */
export type EventInputRaw = z.input<typeof eventInputSchema>;
/** What mutations receive: parsed and normalised. */
export type EventInput = z.output<typeof eventInputSchema>;
export type SourceInput = z.output<typeof sourceInputSchema>;
