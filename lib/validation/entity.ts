import { z } from 'zod';
import { isCountryCode } from '@/lib/countries';
import { ENTITY_KINDS } from '@/lib/vocabulary';

const CONTROL = /[\u0000-\u001F\u007F]/;

const name = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, `${label} is required.`)
        .max(max, `${label} must be at most ${max} characters.`)
        .refine((s) => !CONTROL.test(s) && s.isWellFormed(), `${label} contains invalid characters.`),
    );

const optional = (label: string, max: number, pattern?: RegExp, hint?: string) =>
  z
    .string().nullish()
    .transform((s) => (s ?? '').trim() || null)
    .refine((s) => s === null || s.length <= max, `${label} must be at most ${max} characters.`)
    .refine((s) => s === null || (!CONTROL.test(s) && s.isWellFormed()), `${label} contains invalid characters.`)
    .refine((s) => s === null || !pattern || pattern.test(s), hint ?? `${label} is not valid.`);

export const entityInputSchema = z
  .object({
    kind: z.enum(ENTITY_KINDS, { error: 'Choose what kind of actor this is.' }),
    name: name('Name', 300),
    description: optional('Description', 2000),
    countryCode: optional('Country', 2)
      .transform((s) => (s === null ? null : s.toUpperCase()))
      .refine((s) => s === null || isCountryCode(s), 'Unknown country code (use ISO 3166-1 alpha-2, e.g. SY).'),
    aliases: z.array(name('Alias', 300)).max(50, 'At most 50 aliases.').default([]),
    opensanctionsId: optional(
      'OpenSanctions id',
      100,
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'OpenSanctions id has letters, digits, dots, hyphens and underscores, e.g. NK-abc123.',
    ),
    ofacUid: optional('OFAC UID', 20, /^\d+$/, 'OFAC UID is a number, e.g. 36270.'),
  })
  .transform((input) => {
    const seen = new Set<string>([input.name.toLowerCase()]);
    const aliases = input.aliases.filter((a) => {
      const k = a.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return { ...input, aliases };
  });

export type EntityInputRaw = z.input<typeof entityInputSchema>;
export type EntityInput = z.output<typeof entityInputSchema>;
