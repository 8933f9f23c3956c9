import { z } from 'zod';
import { isCountryCode } from '@/lib/countries';
import { nameKey } from '@/lib/text/normalise';
import { ENTITY_KINDS } from '@/lib/vocabulary';
import { nameText, optionalMultiLineText, optionalSingleLineText } from './text';

// Free text follows the one rule in lib/validation/text.ts; names are stored without invisible
// characters, so a pasted "Qad\u200Ddour" is the "Qaddour" it looks like.
const optional = (label: string, max: number, pattern?: RegExp, hint?: string) =>
  optionalSingleLineText(label, max).refine((s) => s === null || !pattern || pattern.test(s), hint ?? `${label} is not valid.`);

export const entityInputSchema = z
  .object({
    kind: z.enum(ENTITY_KINDS, { error: 'Choose what kind of actor this is.' }),
    name: nameText('Name', 300),
    description: optionalMultiLineText('Description', 2000),
    countryCode: optional('Country', 2)
      .transform((s) => (s === null ? null : s.toUpperCase()))
      .refine((s) => s === null || isCountryCode(s), 'Unknown country code (use ISO 3166-1 alpha-2, e.g. SY).'),
    aliases: z.array(nameText('Alias', 300)).max(50, 'At most 50 aliases.').default([]),
    opensanctionsId: optional(
      'OpenSanctions id',
      100,
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'OpenSanctions id has letters, digits, dots, hyphens and underscores, e.g. NK-abc123.',
    ),
    ofacUid: optional('OFAC UID', 20, /^\d+$/, 'OFAC UID is a number, e.g. 36270.'),
  })
  .transform((input) => {
    // An alias that reads as the name or as another alias (case, accents, joiners) adds nothing.
    const seen = new Set<string>([nameKey(input.name)]);
    const aliases = input.aliases.filter((a) => {
      const k = nameKey(a);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return { ...input, aliases };
  });

export type EntityInputRaw = z.input<typeof entityInputSchema>;
export type EntityInput = z.output<typeof entityInputSchema>;
