/**
 * The import's results: the dry run (counts, notes, new actors and tags, the table of rows) with
 * the button that imports it, or what the import did with the way to start over.
 */
import Link from 'next/link';
import type { Ref } from 'react';
import { buttonClass, secondaryButtonClass } from '@/components/forms/field';
import type { ImportPlan, ImportResult } from '@/db/import/import';
import { ENTITY_KINDS, type EntityKind } from '@/lib/vocabulary';
import { ImportPlanTable } from './import-plan-table';

/** The dry run on screen, being imported, or imported. */
export type PlannedPhase =
  | { step: 'checked'; plan: ImportPlan; notice?: string }
  | { step: 'committing'; plan: ImportPlan }
  | { step: 'done'; plan: ImportPlan; result: ImportResult };

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

export function ImportResults({
  phase,
  headingRef,
  onCommit,
  onReset,
}: {
  phase: PlannedPhase;
  headingRef: Ref<HTMLHeadingElement>;
  onCommit: () => void;
  onReset: () => void;
}) {
  const { plan } = phase;
  const busy = phase.step === 'committing';
  const toWrite = plan.counts.create + plan.counts.update;
  const warned = plan.rows.filter((r) => r.action !== 'error' && r.warnings.length > 0).length;
  return (
    <section aria-labelledby="import-results" className="space-y-4">
      <h2 id="import-results" ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
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

      <ImportPlanTable plan={plan} result={phase.step === 'done' ? phase.result : null} />

      {phase.step !== 'done' ? (
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            className={buttonClass}
            disabled={busy || plan.counts.error > 0 || toWrite === 0}
            onClick={onCommit}
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
          onClick={onReset}
        >
          Import another file
        </button>
      )}
    </section>
  );
}
