'use client';

import { useActionState } from 'react';
import { createUserAction, type UserFormState } from '@/server/actions/users';
import { Field, Notice, describedBy, inputClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/auth/roles';
import { PASSWORD_MIN } from '@/lib/validation/user';

const INITIAL: UserFormState = { status: 'idle', message: null, errors: {}, values: { email: '', name: '', role: 'editor' }, attempt: 0 };

export function CreateUserForm() {
  const [state, action] = useActionState(createUserAction, INITIAL);
  const e = state.errors;
  return (
    // Remounted after every answer, so each field starts from what the server gave back: React
    // resets a form after its action, and a select would otherwise fall back to its first default.
    <form action={action} className="space-y-4" noValidate key={state.attempt}>
      {state.message ? (
        <Notice tone={state.status === 'done' ? 'success' : 'error'} key={state.attempt}>
          {state.message}
        </Notice>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="new-user-email" label="E-mail" required error={e.email}>
          <input id="new-user-email" name="email" type="email" autoComplete="off" aria-required defaultValue={state.values.email} aria-invalid={!!e.email} aria-describedby={describedBy('new-user-email', { error: e.email })} className={inputClass} />
        </Field>
        <Field id="new-user-name" label="Name" hint="Shown next to their changes; defaults to the e-mail." error={e.name}>
          <input id="new-user-name" name="name" autoComplete="off" defaultValue={state.values.name} aria-invalid={!!e.name} aria-describedby={describedBy('new-user-name', { hint: true, error: e.name })} className={inputClass} />
        </Field>
        <Field id="new-user-role" label="Role" error={e.role}>
          <select id="new-user-role" name="role" defaultValue={state.values.role} aria-invalid={!!e.role} aria-describedby={describedBy('new-user-role', { error: e.role })} className={inputClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}: {ROLE_DESCRIPTIONS[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="new-user-password" label="Password" required hint={`At least ${PASSWORD_MIN} characters; a long phrase is best.`} error={e.password}>
          <input id="new-user-password" name="password" type="password" autoComplete="new-password" aria-required aria-invalid={!!e.password} aria-describedby={describedBy('new-user-password', { hint: true, error: e.password })} className={inputClass} />
        </Field>
      </div>
      <SubmitButton pendingLabel="Creating…">Create account</SubmitButton>
    </form>
  );
}
