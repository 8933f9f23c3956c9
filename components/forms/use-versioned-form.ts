'use client';

/**
 * How the event and actor forms work: every value lives in state as typed; on submit the shared
 * schema checks it in the browser first (`validate`: nothing is sent while a field is wrong), then
 * the server action checks it again and saves. A refused save, for whatever reason, hands the
 * values back, so nothing typed is lost (without JavaScript the page comes back with them). A save
 * over a newer version comes back as a conflict, which the form resolves by continuing from the
 * current version.
 */
import { startTransition, useActionState, useState, type FormEvent } from 'react';
import type { FieldErrors } from '@/lib/validation/event-form';

/** What such a form's server action answers: nothing yet, or a refusal with the values as sent. */
export type VersionedFormState<V> = { status: 'idle' } | { status: string; values: V; submission: number };

export function useVersionedForm<S extends VersionedFormState<V>, V>({
  action,
  initialState,
  initial,
  initialVersion,
  validate,
}: {
  action: (previous: Awaited<S>, submitted: FormData) => Promise<S>;
  initialState: Awaited<S>;
  initial: V;
  /** The version the edit starts from; absent when creating. */
  initialVersion?: number;
  /** The browser's check: the errors by field, or null when the values may be sent. */
  validate: (values: V) => FieldErrors | null;
}) {
  const [state, formAction, pending] = useActionState<S, FormData>(action, initialState);
  const [values, setValues] = useState<V>(() => ('values' in state ? state.values : initial));
  const [version, setVersion] = useState(initialVersion);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [clientAttempts, setClientAttempts] = useState(0);
  const [handled, setHandled] = useState<number | null>(null);
  const submission = 'submission' in state ? state.submission : 0;

  /** Checks the values here, and sends the form only when they pass; says whether it sent. */
  function submit(e: FormEvent<HTMLFormElement>): boolean {
    e.preventDefault();
    const errors = validate(values);
    if (errors) {
      setClientErrors(errors);
      setClientAttempts((k) => k + 1);
      return false;
    }
    setClientErrors(null);
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
    return true;
  }

  /** After a conflict: the next save starts from `currentVersion`, and the conflict is put away. */
  function continueFrom(currentVersion: number) {
    setVersion(currentVersion);
    setHandled(submission);
  }

  return {
    state,
    formAction,
    pending,
    values,
    setValues,
    version,
    clientErrors,
    submit,
    continueFrom,
    // Every refusal, in the browser or from the server, moves focus to the summary again.
    focusKey: clientAttempts + submission,
    /** A conflict the form has not resolved yet is showing. */
    conflictOpen: state.status === 'conflict' && handled !== submission,
  };
}
