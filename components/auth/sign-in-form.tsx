'use client';

import { useActionState } from 'react';
import { signIn, type SignInState } from '@/server/actions/sign-in';
import { Field, Notice, describedBy, inputClass } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';

const INITIAL: SignInState = { email: '', error: null, fieldErrors: {}, attempt: 0 };

export function SignInForm({ next }: { next: string }) {
  const [state, action] = useActionState(signIn, INITIAL);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? (
        // Keyed by attempt so the same message is announced again after another refusal.
        <Notice tone="error" key={state.attempt}>
          {state.error}
        </Notice>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <Field id="sign-in-email" label="E-mail" error={state.fieldErrors.email}>
        <input
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          key={`email-${state.attempt}`}
          aria-invalid={!!state.fieldErrors.email}
          aria-describedby={describedBy('sign-in-email', { error: state.fieldErrors.email })}
          className={inputClass}
        />
      </Field>
      <Field id="sign-in-password" label="Password" error={state.fieldErrors.password}>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={!!state.fieldErrors.password}
          aria-describedby={describedBy('sign-in-password', { error: state.fieldErrors.password })}
          className={inputClass}
        />
      </Field>
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
