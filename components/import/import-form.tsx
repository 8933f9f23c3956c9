'use client';

/**
 * The import: choose a file, see the dry run (what each row will do, and every problem by row and
 * column), then confirm. The chosen file stays in the page between the two steps, so confirming
 * sends exactly the file that was checked; the server re-checks it and refuses if the data
 * changed in between.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { buttonClass, inputClass } from '@/components/forms/field';
import type { ImportPlan, ImportResult } from '@/db/import/import';
import { ImportResults, type PlannedPhase } from './import-results';

type Phase = { step: 'choose'; error?: string } | { step: 'checking' } | PlannedPhase;

async function send(file: File, mode: 'check' | 'commit', digest?: string) {
  const form = new FormData();
  form.set('file', file);
  form.set('mode', mode);
  if (digest) form.set('digest', digest);
  const response = await fetch('/api/import', { method: 'POST', body: form });
  const body = (await response.json().catch(() => null)) as { error?: string; plan?: ImportPlan; result?: ImportResult } | null;
  return { status: response.status, body };
}

export function ImportForm({ maxMegabytes, maxRows }: { maxMegabytes: number; maxRows: number }) {
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  // Changing the key empties the file input when starting over.
  const [formKey, setFormKey] = useState(0);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const inputId = useId();

  // Focus moves to the results once they are on screen: an effect runs after the commit that renders
  // the heading, where a timer or an animation frame could fire before it.
  const [focusRequest, setFocusRequest] = useState(0);
  const focusResults = () => setFocusRequest((n) => n + 1);
  useEffect(() => {
    if (focusRequest > 0) resultsHeading.current?.focus();
  }, [focusRequest]);

  async function check() {
    if (!file) {
      setPhase({ step: 'choose', error: 'Choose a CSV file first.' });
      return;
    }
    if (file.size > maxMegabytes * 1024 * 1024) {
      setPhase({ step: 'choose', error: `The file is larger than ${maxMegabytes} MB. Split it into smaller files.` });
      return;
    }
    setPhase({ step: 'checking' });
    try {
      const { status, body } = await send(file, 'check');
      if (status === 200 && body?.plan) {
        setPhase({ step: 'checked', plan: body.plan });
        focusResults();
      } else setPhase({ step: 'choose', error: body?.error ?? `The server answered ${status}.` });
    } catch {
      setPhase({ step: 'choose', error: 'The file could not be sent. Check your connection and try again.' });
    }
  }

  async function commit(plan: ImportPlan) {
    if (!file) return;
    setPhase({ step: 'committing', plan });
    try {
      const { status, body } = await send(file, 'commit', plan.digest);
      if (status === 200 && body?.result && body.plan) setPhase({ step: 'done', plan: body.plan, result: body.result });
      else if (body?.plan) setPhase({ step: 'checked', plan: body.plan, notice: body.error });
      else setPhase({ step: 'checked', plan, notice: body?.error ?? `The server answered ${status}; nothing was imported.` });
      focusResults();
    } catch {
      setPhase({ step: 'checked', plan, notice: 'The import could not be sent; nothing was imported. Try again.' });
    }
  }

  const busy = phase.step === 'checking' || phase.step === 'committing';

  return (
    <div className="space-y-6">
      <form
        key={formKey}
        className="space-y-3 rounded border border-zinc-300 p-4 dark:border-zinc-700"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <div>
          <label htmlFor={inputId} className="block text-sm font-medium">
            CSV file
          </label>
          <p id={`${inputId}-hint`} className="text-sm text-zinc-600 dark:text-zinc-400">
            UTF-8, comma-separated, at most {maxMegabytes} MB and {maxRows.toLocaleString('en')} rows.
          </p>
          <input
            id={inputId}
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${inputId}-hint${phase.step === 'choose' && phase.error ? ` ${inputId}-error` : ''}`}
            aria-invalid={phase.step === 'choose' && phase.error ? true : undefined}
            className={`${inputClass} mt-1`}
            disabled={busy}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setPhase({ step: 'choose' });
            }}
          />
          {phase.step === 'choose' && phase.error ? (
            <p id={`${inputId}-error`} role="alert" className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
              <span aria-hidden="true">⚠ </span>
              {phase.error}
            </p>
          ) : null}
        </div>
        <button type="submit" className={buttonClass} disabled={busy}>
          {phase.step === 'checking' ? 'Checking…' : 'Check the file'}
        </button>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Checking writes nothing: you see what each row would do first.</p>
      </form>

      <div aria-live="polite">
        {phase.step === 'checked' || phase.step === 'committing' || phase.step === 'done' ? (
          <ImportResults
            phase={phase}
            headingRef={resultsHeading}
            onCommit={() => void commit(phase.plan)}
            onReset={() => {
              setPhase({ step: 'choose' });
              setFile(null);
              setFormKey((k) => k + 1);
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
