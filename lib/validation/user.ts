/** User accounts as the admin page, the sign-in form and `npm run user:create` accept them. */
import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';
import { nameText } from './text';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const emailSchema = z
  .string({ error: 'E-mail is required.' })
  .trim()
  .min(1, 'E-mail is required.')
  .max(254, 'E-mail must be at most 254 characters.')
  .pipe(z.email('Enter an e-mail address such as name@example.org.'))
  .transform((s) => s.toLowerCase());

/** Length is what makes a password strong (NIST SP 800-63B); no composition rules. */
export const newPasswordSchema = z
  .string({ error: 'Password is required.' })
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters.`)
  .refine((s) => s.trim().length === s.length, 'Password cannot start or end with a space.');

export const roleSchema = z.enum(ROLES, { error: 'Role is admin, editor or viewer.' });

/** Shown in the history; one line, by the rule every name follows (lib/validation/text.ts). */
export const userNameSchema = nameText('Name', 100, { min: 0 });

export const newUserSchema = z.object({
  email: emailSchema,
  /** Shown in the history next to changes; defaults to the part of the address before the @. */
  name: userNameSchema.optional().default(''),
  role: roleSchema,
  password: newPasswordSchema,
});

export type NewUserInput = z.output<typeof newUserSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  // No length rule here: a wrong password is a failed sign-in, not a form error.
  password: z.string({ error: 'Password is required.' }).min(1, 'Password is required.').max(1024, 'Password is too long.'),
});
