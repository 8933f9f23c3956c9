import { z } from 'zod';
import { isCountryCode } from '@/lib/countries';
import { spellingKey } from '@/lib/text/normalise';
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
    // Public before any published event involves it (db/queries/entity-visibility.ts); editors decide.
    madePublic: z.boolean({ error: 'Choose whether the actor is public now.' }).default(false),
  })
  .transform((input) => {
    // An alias spelt as the name or another alias (case, full width) adds nothing; one with other
    // accents ("Trobrex" for "Trobrèx") is a spelling worth listing.
    const seen = new Set<string>([spellingKey(input.name)]);
    const aliases = input.aliases.filter((a) => {
      const k = spellingKey(a);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return { ...input, aliases };
  });

export type EntityInputRaw = z.input<typeof entityInputSchema>;
export type EntityInput = z.output<typeof entityInputSchema>;
