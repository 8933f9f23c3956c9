/**
 * A row's standing as of the board's date, fact by fact, with plans announced or reported listed
 * apart: they do not change the standing.
 */
import type { SubjectKind } from '@/lib/relations/scale';
import type { DyadStanding } from '@/lib/relations/standing';
import { pendingLines, standingLines } from './words';

export function RowStanding({ standing, kind, compact = false }: { standing: DyadStanding; kind: SubjectKind; compact?: boolean }) {
  const lines = standingLines(standing, kind);
  const pending = pendingLines(standing);
  return (
    <div className={compact ? 'text-xs leading-snug' : 'text-sm'} data-testid="row-standing">
      <ul>
        {lines.map((l) => (
          <li key={l.key} data-fact={l.key}>
            <span className="font-medium">{l.label}:</span> {l.text}
          </li>
        ))}
      </ul>
      {pending.length > 0 ? (
        <ul className="mt-0.5 text-amber-900 dark:text-amber-200" aria-label="Not in effect">
          {pending.map((p) => (
            <li key={p} data-testid="pending-change">
              {p} <span className="text-zinc-600 dark:text-zinc-400">(not in effect)</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
