'use server';

/** Account management for admins. Every action checks the admin role before reading anything. */
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { MutationError } from '@/db/mutations/errors';
import { createUser, deleteUser, setUserPassword, setUserRole } from '@/db/mutations/users';
import { AuthorizationError, type Viewer } from '@/lib/auth/roles';
import { requirePermission } from '@/server/auth/viewer';
import { asForm, nextCount, NOT_A_FORM } from '@/lib/http/action-args';
import { issuesToFieldErrors, type FieldErrors } from '@/lib/validation/event-form';
import { newPasswordSchema, newUserSchema, roleSchema } from '@/lib/validation/user';

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

const text = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === 'string' ? v.slice(0, 1000) : '';
};

async function admin(): Promise<{ viewer: Viewer } | { refusal: string }> {
  try {
    return { viewer: await requirePermission('users:manage') };
  } catch (err) {
    if (err instanceof AuthorizationError) return { refusal: err.message };
    throw err;
  }
}

export async function createUserAction(previous: UserFormState, submitted: FormData): Promise<UserFormState> {
  const attempt = nextCount(previous, 'attempt');
  const form = asForm(submitted);
  if (!form) return { status: 'error', message: NOT_A_FORM, errors: {}, values: { email: '', name: '', role: '' }, attempt };
  const values = { email: text(form, 'email'), name: text(form, 'name'), role: text(form, 'role') };
  const auth = await admin();
  if ('refusal' in auth) return { status: 'error', message: auth.refusal, errors: {}, values, attempt };
  const parsed = newUserSchema.safeParse({ ...values, password: form.get('password') ?? '' });
  if (!parsed.success) {
    return { status: 'error', message: 'The account was not created. Check the fields marked below:', errors: issuesToFieldErrors(parsed.error.issues), values, attempt };
  }
  try {
    await createUser(getDb(), parsed.data);
  } catch (err) {
    if (err instanceof MutationError) return { status: 'error', message: err.message, errors: err.fieldErrors, values, attempt };
    throw err;
  }
  revalidatePath('/admin/users');
  return {
    status: 'done',
    message: `Created ${parsed.data.role} ${parsed.data.email}. Give them the password by a separate channel; they can sign in at /sign-in.`,
    errors: {},
    values: { email: '', name: '', role: parsed.data.role },
    attempt,
  };
}

async function rowAction(
  previous: RowActionState,
  submitted: FormData,
  run: (form: FormData, viewer: Viewer) => Promise<string> | string,
): Promise<RowActionState> {
  const attempt = nextCount(previous, 'attempt');
  const form = asForm(submitted);
  if (!form) return { status: 'error', message: NOT_A_FORM, attempt };
  const auth = await admin();
  if ('refusal' in auth) return { status: 'error', message: auth.refusal, attempt };
  try {
    const message = await run(form, auth.viewer);
    revalidatePath('/admin/users');
    return { status: 'done', message, attempt };
  } catch (err) {
    if (err instanceof MutationError) return { status: 'error', message: err.message, attempt };
    throw err;
  }
}

export async function setRoleAction(previous: RowActionState, submitted: FormData): Promise<RowActionState> {
  return rowAction(previous, submitted, (form) => {
    const role = roleSchema.safeParse(form.get('role'));
    if (!role.success) throw new MutationError(role.error.issues[0]!.message);
    setUserRole(getDb(), text(form, 'userId'), role.data);
    return `Role changed to ${role.data}.`;
  });
}

export async function setPasswordAction(previous: RowActionState, submitted: FormData): Promise<RowActionState> {
  return rowAction(previous, submitted, async (form) => {
    const password = newPasswordSchema.safeParse(form.get('password') ?? '');
    if (!password.success) throw new MutationError(password.error.issues[0]!.message);
    await setUserPassword(getDb(), text(form, 'userId'), password.data);
    return 'Password changed; they are signed out everywhere and any sign-in lockout is lifted.';
  });
}

export async function deleteUserAction(previous: RowActionState, submitted: FormData): Promise<RowActionState> {
  return rowAction(previous, submitted, (form, viewer) => {
    deleteUser(getDb(), text(form, 'userId'), viewer.id);
    return 'Account removed.';
  });
}
