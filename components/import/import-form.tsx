'use client';

/**
 * The import: choose a file, see the dry run (what each row will do, and every problem by row and
 * column), then confirm. The chosen file stays in the page between the two steps, so confirming
 * sends exactly the file that was checked; the server re-checks it and refuses if the data
 * changed in between.
 */
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { buttonClass, inputClass, secondaryButtonClass } from '@/components/forms/field';
import type { ImportPlan, ImportResult, ImportRowPlan } from '@/db/import/import';
import { ENTITY_KINDS, type EntityKind } from '@/lib/vocabulary';

type Phase =
  | { step: 'choose'; error?: string }
  | { step: 'checking' }
  | { step: 'checked'; plan: ImportPlan; notice?: string }
  | { step: 'committing'; plan: ImportPlan }
  | { step: 'done'; plan: ImportPlan; result: ImportResult };

const ACTION_LABELS: Record<ImportRowPlan['action'], string> = {
  create: 'New event',
  update: 'Update',
  unchanged: 'No change',
  error: 'Problem',
};

const ACTION_CLASSES: Record<ImportRowPlan['action'], string> = {
  create: 'bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200',
  update: 'bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200',
  unchanged: 'bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200',
  error: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200',
};

const KIND_PLURALS: Record<EntityKind, string> = {
  person: 'people',
  organisation: 'organisations',
  government: 'governments',
  legislature: 'legislatures',
  international_body: 'international bodies',
  company: 'companies',
};

/** New actors grouped by the kind they will have, in the order of ENTITY_KINDS. */
function newActorsByKind(plan: ImportPlan): { kind: EntityKind; names: string[] }[] {
  return ENTITY_KINDS.map((kind) => ({ kind, names: plan.newActors.filter((name) => (plan.newActorKinds[name] ?? 'organisation') === kind) })).filter(
    (group) => group.names.length > 0,
  );
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

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
  const plan = phase.step === 'checked' || phase.step === 'committing' || phase.step === 'done' ? phase.plan : null;
  const toWrite = plan ? plan.counts.create + plan.counts.update : 0;
  const warned = plan ? plan.rows.filter((r) => r.action !== 'error' && r.warnings.length > 0).length : 0;

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
        {plan ? (
          <section aria-labelledby="import-results" className="space-y-4">
            <h2 id="import-results" ref={resultsHeading} tabIndex={-1} className="text-xl font-semibold">
              {phase.step === 'done' ? 'Imported' : `Dry run of ${plan.fileName}`}
            </h2>
            {phase.step === 'done' ? (
              <div role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm dark:border-green-800 dark:bg-green-950">
                <p className="font-medium">
                  {plural(phase.result.created.length, 'event')} created, {plural(phase.result.updated.length, 'event')} updated,{' '}
                  {plural(phase.result.unchanged, 'row')} unchanged
                  {phase.result.actorsCreated.length > 0 ? `, ${plural(phase.result.actorsCreated.length, 'new actor')}` : ''}.
                </p>
                {phase.result.created.length > 0 ? (
                  <p className="mt-1">
                    New events are listed below; imported drafts are under <Link href="/events/drafts">Drafts</Link>.
                  </p>
                ) : null}
              </div>
            ) : null}
            {phase.step === 'checked' && phase.notice ? (
              <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
                {phase.notice}
              </p>
            ) : null}
            <p className="text-sm" data-testid="import-counts">
              {plural(plan.rows.length, 'row')}: {plural(plan.counts.create, 'new event')}, {plural(plan.counts.update, 'update')},{' '}
              {plural(plan.counts.unchanged, 'row')} without changes, {plural(plan.counts.error, 'row')} with problems.
            </p>
            {phase.step !== 'done' && toWrite > 0 && warned > 0 ? (
              <p className="text-sm font-medium text-amber-900 dark:text-amber-200" data-testid="import-warnings">
                <span aria-hidden="true">⚠ </span>
                {plural(warned, 'row')} to look at before importing: see the notes in the table (for example a row that looks like
                an event already recorded).
              </p>
            ) : null}
            {newActorsByKind(plan).map(({ kind, names }) => (
              <p key={kind} className="text-sm">
                New actors to be created (as {KIND_PLURALS[kind]}; change that on their pages): {names.join(', ')}.
              </p>
            ))}
            {plan.newTags.length > 0 ? <p className="text-sm">New tags: {plan.newTags.join(', ')}.</p> : null}
            {plan.ignoredColumns.length > 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">Columns not imported: {plan.ignoredColumns.join(', ')}.</p>
            ) : null}

            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left text-sm">
                <caption className="sr-only">What each row of the file will do</caption>
                <thead>
                  <tr className="border-b border-zinc-300 dark:border-zinc-700">
                    <th scope="col" className="py-2 pr-3 font-medium">
                      Line
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      Result
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      Event
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      Details
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {plan.rows.map((row) => (
                    <tr key={row.line} className="border-b border-zinc-200 align-top dark:border-zinc-800" data-testid="import-row">
                      <th scope="row" className="py-2 pr-3 font-normal tabular-nums">
                        {row.line}
                      </th>
                      <td className="py-2 pr-3">
                        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${ACTION_CLASSES[row.action]}`}>
                          {ACTION_LABELS[row.action]}
                        </span>
                      </td>
                      <td className="py-2 pr-3">
                        {row.eventId && row.action !== 'error' ? <Link href={`/events/${row.eventId}`}>{row.title || `#${row.eventId}`}</Link> : row.title || '(no title)'}
                        {phase.step === 'done' && row.action === 'create' ? (
                          <CreatedLink line={row.line} result={phase.result} />
                        ) : null}
                      </td>
                      <td className="py-2">
                        {row.warnings.length > 0 && row.action !== 'error' && phase.step !== 'done' ? (
                          <ul className="mb-1 space-y-0.5 text-amber-900 dark:text-amber-200" aria-label="Notes">
                            {row.warnings.map((w, i) => (
                              <li key={i}>
                                <span aria-hidden="true">⚠ </span>
                                <span className="font-mono text-xs">{w.column}</span>: {w.message}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                        {row.errors.length > 0 ? (
                          <ul className="space-y-0.5 text-red-800 dark:text-red-300">
                            {row.errors.map((e, i) => (
                              <li key={i}>
                                <span className="font-mono text-xs">{e.column}</span>: {e.message}
                              </li>
                            ))}
                          </ul>
                        ) : row.changes.length > 0 ? (
                          `Changes: ${row.changes.join(', ')}`
                        ) : row.action === 'create' && row.newActors.length > 0 ? (
                          `New actors: ${row.newActors.join(', ')}`
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            {phase.step !== 'done' ? (
              <div className="flex flex-wrap items-center gap-3">
                <button
                  type="button"
                  className={buttonClass}
                  disabled={busy || plan.counts.error > 0 || toWrite === 0}
                  onClick={() => void commit(plan)}
                >
                  {phase.step === 'committing' ? 'Importing…' : `Import ${plural(toWrite, 'event')}`}
                </button>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  {plan.counts.error > 0
                    ? 'Fix the rows with problems in the file, choose it again and check it: nothing is imported while any row has a problem.'
                    : toWrite === 0
                      ? 'Nothing to import: every row matches what is already recorded.'
                      : 'All rows go in together, each with its history entry, or none do.'}
                </p>
              </div>
            ) : (
              <button
                type="button"
                className={secondaryButtonClass}
                onClick={() => {
                  setPhase({ step: 'choose' });
                  setFile(null);
                  setFormKey((k) => k + 1);
                }}
              >
                Import another file
              </button>
            )}
          </section>
        ) : null}
      </div>
    </div>
  );
}

function CreatedLink({ line, result }: { line: number; result: ImportResult }) {
  const created = result.created.find((c) => c.line === line);
  return created ? (
    <>
      {' '}
      (<Link href={`/events/${created.id}`}>#{created.id}</Link>)
    </>
  ) : null;
}
