/**
 * The dry run's table: what each row of the file will do, its notes and problems by column, and,
 * once imported, a link to each event created.
 */
import Link from 'next/link';
import type { ImportPlan, ImportResult, ImportRowPlan } from '@/db/import/import';

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

/** `result` is the import's outcome once committed; until then the table is the dry run. */
export function ImportPlanTable({ plan, result }: { plan: ImportPlan; result: ImportResult | null }) {
  return (
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
                {result && row.action === 'create' ? (
                  <CreatedLink line={row.line} result={result} />
                ) : null}
              </td>
              <td className="py-2">
                {row.warnings.length > 0 && row.action !== 'error' && !result ? (
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
