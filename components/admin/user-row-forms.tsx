'use client';

import { useActionState, useState } from 'react';
import { deleteUserAction, setPasswordAction, setRoleAction, type RowActionState } from '@/server/actions/users';
import { dangerButtonClass, inputClass, secondaryButtonClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { ROLES, ROLE_LABELS, type Role } from '@/lib/auth/roles';

const INITIAL: RowActionState = { status: 'idle', message: null, attempt: 0 };

function Result({ state }: { state: RowActionState }) {
  if (!state.message) return null;
  return (
    <p key={state.attempt} role={state.status === 'error' ? 'alert' : 'status'} className={`text-xs ${state.status === 'error' ? 'font-medium text-red-800 dark:text-red-300' : 'text-green-800 dark:text-green-300'}`}>
      {state.message}
    </p>
  );
}

export function RoleForm({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const [state, action] = useActionState(setRoleAction, INITIAL);
  // Controlled: React resets a form after its action, which would show the old role again.
  const [value, setValue] = useState<string>(role);
  const id = `role-${userId}`;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="sr-only">
        Role of {email}
      </label>
      <select id={id} name="role" value={value} onChange={(e) => setValue(e.target.value)} className={`${inputClass} w-auto`}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <SubmitButton pendingLabel="Saving…" className={secondaryButtonClass}>
        Change role<span className="sr-only"> of {email}</span>
      </SubmitButton>
      <Result state={state} />
    </form>
  );
}

export function PasswordForm({ userId, email }: { userId: string; email: string }) {
  const [state, action] = useActionState(setPasswordAction, INITIAL);
  const [open, setOpen] = useState(false);
  const id = `password-${userId}`;
  if (!open) {
    return (
      <div>
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen(true)}>
          Set a new password<span className="sr-only"> for {email}</span>
        </button>
        <Result state={state} />
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="text-sm">
        New password for {email}
      </label>
      <input id={id} name="password" type="password" autoComplete="new-password" className={`${inputClass} w-48`} />
      <SubmitButton pendingLabel="Saving…" className={secondaryButtonClass}>
        Save password
      </SubmitButton>
      <button type="button" className={secondaryButtonClass} onClick={() => setOpen(false)}>
        Cancel
      </button>
      <Result state={state} />
    </form>
  );
}

export function RemoveUserForm({ userId, email }: { userId: string; email: string }) {
  const [state, action] = useActionState(deleteUserAction, INITIAL);
  const [confirming, setConfirming] = useState(false);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      {confirming ? (
        <>
          <span className="text-sm">Remove {email}? Their history entries stay.</span>
          <SubmitButton pendingLabel="Removing…" className={dangerButtonClass}>
            Yes, remove
          </SubmitButton>
          <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" className={dangerButtonClass} onClick={() => setConfirming(true)}>
          Remove<span className="sr-only"> {email}</span>…
        </button>
      )}
      <Result state={state} />
    </form>
  );
}
