'use client';

/**
 * The event form's state: every value as typed, the version the edit started from, the errors
 * (the browser's own check first, then the server's), and what to do after a conflict. Sections
 * change values only through `update`, `updateRow` and `removeRow`, so that leaving the page with
 * unsaved input asks first.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { saveEvent, type EventFormState } from '@/server/actions/events';
import { fieldId, validateEventForm, type EventFormValues, type FieldErrors } from '@/lib/validation/event-form';
import { useVersionedForm } from '../use-versioned-form';

const INITIAL_STATE: EventFormState = { status: 'idle' };

type RowList = 'countries' | 'actors' | 'sources' | 'links';

/** Focus after React has rendered the change (a new row's first field, or the button after a removed row). */
export function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

function attention(count: number): string {
  return `${count === 1 ? 'One field needs' : `${count} fields need`} attention:`;
}

export function useEventForm(initial: EventFormValues, initialVersion: number | undefined) {
  const form = useVersionedForm({
    action: saveEvent,
    initialState: INITIAL_STATE,
    initial,
    initialVersion,
    validate: (values) => {
      const result = validateEventForm(values);
      return result.success ? null : result.errors;
    },
  });
  const { state, pending, setValues, clientErrors } = form;
  const [notice, setNotice] = useState<string | null>(null);
  const submitted = useRef(false);
  const dirty = useRef(false);

  // Leaving with unsaved input asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current && !submitted.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  useEffect(() => {
    // A refused save: leaving the page would lose the input again.
    if (state.status !== 'idle') submitted.current = false;
  }, [state]);

  const errors: FieldErrors = clientErrors ?? (state.status === 'invalid' ? state.errors : {});
  const err = (path: string) => errors[path] ?? null;

  function update(patch: Partial<EventFormValues>) {
    dirty.current = true;
    setValues((v) => ({ ...v, ...patch }));
  }

  function updateRow<K extends RowList>(list: K, index: number, patch: Partial<EventFormValues[K][number]>) {
    dirty.current = true;
    setValues((v) => ({ ...v, [list]: v[list].map((row, i) => (i === index ? { ...row, ...patch } : row)) }));
  }

  function removeRow(list: RowList | 'tags', index: number, focusAfter: string) {
    dirty.current = true;
    setValues((v) => ({ ...v, [list]: (v[list] as unknown[]).filter((_, i) => i !== index) }));
    focusLater(focusAfter);
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    if (pending) {
      e.preventDefault();
      return;
    }
    if (form.submit(e)) {
      setNotice(null);
      submitted.current = true;
    }
  }

  /** After a conflict: continue from their version, with your changes on top of it or with theirs alone. */
  function resolveConflict(pick: 'reapplied' | 'theirs') {
    if (state.status !== 'conflict') return;
    const { currentVersion } = state.conflict;
    setValues(state.conflict[pick]);
    form.continueFrom(currentVersion);
    setNotice(
      pick === 'reapplied'
        ? `Your changes are now on top of version ${currentVersion}. Check them, then save.`
        : `The form now shows version ${currentVersion}; your changes were discarded.`,
    );
    focusLater('event-form-notice');
  }

  const summaryMessage =
    state.status === 'refused'
      ? state.message
      : clientErrors
        ? `Nothing was saved. ${attention(Object.keys(clientErrors).length)}`
        : state.status === 'invalid'
          ? state.message
          : null;

  return {
    state,
    formAction: form.formAction,
    pending,
    values: form.values,
    version: form.version,
    errors,
    err,
    update,
    updateRow,
    removeRow,
    onSubmit,
    notice,
    setNotice,
    summaryMessage,
    focusKey: form.focusKey,
    conflict: state.status === 'conflict' && form.conflictOpen ? state.conflict : null,
    reapply: () => resolveConflict('reapplied'),
    loadTheirs: () => resolveConflict('theirs'),
  };
}

export type EventFormModel = ReturnType<typeof useEventForm>;

/** The id, name and error of the control for a field path (`sources.0.url`): its name is the path. */
export function fieldProps(form: EventFormModel, path: string) {
  return { id: fieldId(path), name: path, error: form.err(path) };
}
