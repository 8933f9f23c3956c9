/**
 * The one rule for free text, shared by every schema (events, sources, tags, actors, accounts):
 * what a one-line field may hold, what a multi-line field may hold, and what each gives back.
 *
 * One line (titles, names, aliases, tags, program, legal authority, source titles, publishers):
 *  - control characters are refused (C0, DEL and C1, which includes U+0085 "next line");
 *  - line and paragraph separators (U+2028, U+2029) are refused: a one-line value must not break;
 *  - explicit direction embeddings, overrides and isolates (U+202A-202E, U+2066-2069) are refused:
 *    they make a value read differently from what it holds ("\u202Egnp.exe" shows as "exe.png"),
 *    and nobody types them. Left-to-right and right-to-left marks (U+200E, U+200F), which mixed
 *    Arabic and Latin text does use, stay allowed;
 *  - names (actors' names and aliases) are also stored without invisible characters (zero-width
 *    joiners, soft hyphens; lib/text/normalise.ts), so a pasted "Qad\u200Ddour" is "Qaddour".
 *
 * Several lines (summary, details, excerpts, descriptions):
 *  - CRLF, CR, U+0085, U+2028 and U+2029 become LF (the line breaks they mean);
 *  - direction embeddings, overrides and isolates are removed: in running text they can only
 *    reorder what follows;
 *  - other control characters than tab and line feed are refused.
 *
 * Lone surrogates (not text) are refused everywhere.
 */
import { z } from 'zod';
import { removeInvisible } from '@/lib/text/normalise';

// C0 controls, DEL and C1 controls; multi-line text may hold tab and line feed.
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const LINE_SEPARATOR = /[\u2028\u2029]/;
/** Direction embeddings (LRE, RLE), pop (PDF), overrides (LRO, RLO) and isolates (LRI, RLI, FSI, PDI). */
export const DIRECTION_OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/g;
const HAS_DIRECTION_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/;

function lengthRule(label: string, min: number, max: number) {
  return z
    .string()
    .min(min, min <= 1 ? `${label} is required.` : `${label} must be at least ${min} characters.`)
    .max(max, `${label} must be at most ${max} characters.`);
}

function singleLineChecks<T extends z.ZodType<string>>(label: string, schema: T) {
  return schema
    .refine((s) => !CONTROL_SINGLE_LINE.test(s), `${label} contains control characters.`)
    .refine((s) => !LINE_SEPARATOR.test(s), `${label} must be one line: it contains a line or paragraph separator.`)
    .refine((s) => !HAS_DIRECTION_OVERRIDE.test(s), `${label} contains invisible text-direction characters.`)
    .refine((s) => s.isWellFormed(), `${label} contains invalid characters.`);
}

function multiLineChecks<T extends z.ZodType<string>>(label: string, schema: T) {
  return schema
    .refine((s) => !CONTROL_MULTI_LINE.test(s), `${label} contains control characters.`)
    .refine((s) => s.isWellFormed(), `${label} contains invalid characters.`);
}

/** Line breaks as LF, direction overrides removed: what multi-line text is stored as. */
export function cleanMultiLine(s: string): string {
  return s.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n').replace(DIRECTION_OVERRIDES, '');
}

/** A one-line text of `min` to `max` characters, trimmed. */
export function singleLineText(label: string, min: number, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .transform((s) => s.trim())
    .pipe(singleLineChecks(label, lengthRule(label, min, max)));
}

/** A one-line text or nothing: empty or missing becomes null. */
export function optionalSingleLineText(label: string, max: number) {
  return z
    .string()
    .nullish()
    .transform((s) => (s ?? '').trim())
    .pipe(singleLineChecks(label, lengthRule(label, 0, max)).transform((s) => (s === '' ? null : s)));
}

/** Several lines of `min` to `max` characters, trimmed (see `cleanMultiLine`). */
export function multiLineText(label: string, min: number, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .transform((s) => cleanMultiLine(s).trim())
    .pipe(multiLineChecks(label, lengthRule(label, min, max)));
}

/** Several lines or nothing: empty or missing becomes null. */
export function optionalMultiLineText(label: string, max: number) {
  return z
    .string()
    .nullish()
    .transform((s) => cleanMultiLine(s ?? '').trim())
    .pipe(multiLineChecks(label, lengthRule(label, 0, max)).transform((s) => (s === '' ? null : s)));
}

// Spaces, tabs and line feeds: runs of them in a name are one space (a name pasted from a table).
// Not U+0085, U+2028 or U+2029, which are refused like in every one-line field.
const NAME_SPACES = /[\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

/**
 * A name: one line, runs of spaces, tabs and line feeds as one space, invisible characters
 * removed (after refusing direction overrides, which are reported rather than silently dropped).
 */
export function nameText(label: string, max: number, { min = 1 } = {}) {
  return z
    .string({ error: `${label} is required.` })
    .transform((s) => s.replace(NAME_SPACES, ' '))
    .pipe(singleLineChecks(label, z.string()))
    .transform((s) => removeInvisible(s).replace(NAME_SPACES, ' ').trim())
    .pipe(lengthRule(label, min, max));
}
