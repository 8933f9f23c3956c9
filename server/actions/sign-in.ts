'use server';

import { isAPIError } from 'better-auth/api';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getStore } from '@/db';
import { authFor } from '@/server/auth/instance';
import { SIGN_IN_LIMITS, clientKey, normaliseAccount, signInBlock, tooManyAttemptsMessage } from '@/server/auth/sign-in-throttle';
import { asForm, nextCount, NOT_A_FORM } from '@/lib/http/action-args';
import { safeNextPath } from '@/lib/safe-next';
import { issuesToFieldErrors } from '@/lib/validation/event-form';
import { signInSchema } from '@/lib/validation/user';

export interface SignInState {
  /** Given back after a refusal; the password never is. */
  email: string;
  error: string | null;
  fieldErrors: Record<string, string>;
  attempt: number;
}

const text = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');

export async function signIn(previous: SignInState, submitted: FormData): Promise<SignInState> {
  const attempt = nextCount(previous, 'attempt');
  const form = asForm(submitted);
  if (!form) return { email: '', error: NOT_A_FORM, fieldErrors: {}, attempt };
  const email = text(form.get('email')).slice(0, 320);
  const next = safeNextPath(form.get('next'));
  const parsed = signInSchema.safeParse({ email, password: text(form.get('password')) });
  if (!parsed.success) {
    return { email, error: 'Enter your e-mail and password.', fieldErrors: issuesToFieldErrors(parsed.error.issues), attempt };
  }

  const requestHeaders = await headers();
  try {
    await authFor(requestHeaders).api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: requestHeaders });
  } catch (err) {
    if (!isAPIError(err)) throw err;
    if (err.statusCode === 401) {
      // That failure may have been the last one allowed: say so now rather than on the next try.
      const block = await signInBlock(getStore().auth, normaliseAccount(parsed.data.email), clientKey(requestHeaders));
      const error = block ? tooManyAttemptsMessage(block.retryAfterMs) : 'Wrong e-mail or password.';
      return { email, error, fieldErrors: {}, attempt };
    }
    const message = err.statusCode === 429 ? (err.body?.message ?? tooManyAttemptsMessage(SIGN_IN_LIMITS.firstDelayMs)) : 'Signing in failed. Try again.';
    return { email, error: message, fieldErrors: {}, attempt };
  }
  redirect(next);
}

export async function signOut(): Promise<void> {
  const requestHeaders = await headers();
  await authFor(requestHeaders).api.signOut({ headers: requestHeaders });
  redirect('/');
}
