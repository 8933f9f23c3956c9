'use server';

/**
 * Account management for admins. Every action goes through the gate in ./guard.ts, which checks
 * the admin role before anything is read.
 */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getStore } from '@/db';
import type { Viewer } from '@/lib/auth/roles';
import { issuesToFieldErrors, type FieldErrors } from '@/lib/validation/event-form';
import { newPasswordSchema, newUserSchema, roleSchema, type NewUserInput } from '@/lib/validation/user';
import { formText, guardedAction, parseFormFields } from './guard';

export interface UserFormState {
  status: 'idle' | 'error' | 'done';
  message: string | null;
  errors: FieldErrors;
  /** Given back on a refusal so nothing typed is lost (never the password). */
  values: { email: string; name: string; role: string };
  attempt: number;
}

export interface RowActionState {
  status: 'idle' | 'error' | 'done';
  message: string | null;
  attempt: number;
}

const readUser = (form: FormData) => ({ email: text(form, 'email'), name: text(form, 'name'), role: text(form, 'role') });
const text = (form: FormData, key: string) => formText.parse(form.get(key));

export const createUserAction = guardedAction<UserFormState, UserFormState['values'], NewUserInput>(
  {
    permission: 'users:manage',
    counter: 'attempt',
    read: readUser,
    parse: (values, form) => {
      const parsed = newUserSchema.safeParse({ ...values, password: form.get('password') ?? '' });
      if (parsed.success) return parsed;
      return { success: false, message: 'The account was not created. Check the fields marked below:', errors: issuesToFieldErrors(parsed.error.issues) };
    },
    refuse: ({ message, errors, values, count }) => ({ status: 'error', message, errors, values, attempt: count }),
  },
  async (input, { count }) => {
    await getStore().auth.createUser(input);
    revalidatePath('/admin/users');
    return {
      status: 'done',
      message: `Created ${input.role} ${input.email}. Give them the password by a separate channel; they can sign in at /sign-in.`,
      errors: {},
      values: { email: '', name: '', role: input.role },
      attempt: count,
    };
  },
);

/** A form on one account's row: its fields parsed by `schema`, then `run` changes it and says what it did. */
function rowAction<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  run: (input: z.output<z.ZodObject<Shape>>, viewer: Viewer) => Promise<string> | string,
): (previous: RowActionState, submitted: FormData) => Promise<RowActionState> {
  return guardedAction<RowActionState, null, z.output<z.ZodObject<Shape>>>(
    {
      permission: 'users:manage',
      counter: 'attempt',
      read: () => null,
      parse: (_values, form) => parseFormFields(schema, form),
      refuse: ({ message, count }) => ({ status: 'error', message, attempt: count }),
    },
    async (input, { viewer, count }) => {
      const message = await run(input, viewer);
      revalidatePath('/admin/users');
      return { status: 'done', message, attempt: count };
    },
  );
}

export const setRoleAction = rowAction(z.object({ userId: formText, role: roleSchema }), async ({ userId, role }) => {
  await getStore().auth.setRole(userId, role);
  return `Role changed to ${role}.`;
});

export const setPasswordAction = rowAction(z.object({ userId: formText, password: newPasswordSchema }), async ({ userId, password }) => {
  await getStore().auth.setPassword(userId, password);
  return 'Password changed; they are signed out everywhere and any sign-in lockout is lifted.';
});

export const deleteUserAction = rowAction(z.object({ userId: formText }), async ({ userId }, viewer) => {
  await getStore().auth.deleteUser(userId, viewer.id);
  return 'Account removed.';
});
