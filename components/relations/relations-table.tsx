/**
 * The board as a table: one row per subject, grouped by region, with its standing as of the date,
 * what is announced or reported but not in effect, and the changes recorded in the range with
 * their evidence. The accessible alternative to the chart, and what `view=table` prints.
 */
import Link from 'next/link';
import { countryName } from '@/lib/countries';
import { formatEventDate } from '@/lib/dates';
import { CHANGE_STATUS_LABELS } from '@/lib/relations/scale';
import { standingLines, pendingLines, changeDateText, changeFactsText } from './words';
import { dyadHref, groupByRegion } from './group-rows';
import type { BoardRowView } from './types';

const TH = 'border-b border-zinc-300 px-2 py-1.5 text-left align-bottom font-semibold dark:border-zinc-700';
const TD = 'border-b border-zinc-200 px-2 py-1.5 align-top dark:border-zinc-800';

export function RelationsTable({
  rows,
  caption,
  showCounterpart = false,
}: {
  rows: readonly BoardRowView[];
  caption: string;
  showCounterpart?: boolean;
}) {
  const cols = 5;
  return (
    <div className="overflow-x-auto">
      <table className="relations-table w-full border-collapse text-sm" data-testid="relations-table">
        <caption className="mb-2 text-left text-sm font-semibold">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>
              {showCounterpart ? 'Subject → counterpart' : 'Subject'}
            </th>
            <th scope="col" className={TH}>
              Standing as of the date
            </th>
            <th scope="col" className={TH}>
              Announced or reported, not in effect
            </th>
            <th scope="col" className={TH}>
              Changes recorded
            </th>
            <th scope="col" className={TH}>
              Events between the two sides
            </th>
          </tr>
        </thead>
        {groupByRegion(rows).map((group) => (
          <tbody key={group.region}>
            <tr>
              <th scope="rowgroup" colSpan={cols} className="bg-zinc-100 px-2 py-1 text-left text-xs font-semibold uppercase tracking-wide dark:bg-zinc-900">
                {group.region}
              </th>
            </tr>
            {group.rows.map((row) => {
              const pending = pendingLines(row.standing);
              const titles = new Map(row.events.map((e) => [e.id, e.title]));
              return (
                <tr key={`${row.dyad.subject}>${row.dyad.counterpart}`} data-subject={row.dyad.subject}>
                  <th scope="row" className={`${TD} text-left font-medium`}>
                    <Link href={dyadHref(row.dyad)}>{showCounterpart ? `${row.subjectName} → ${countryName(row.dyad.counterpart)}` : row.subjectName}</Link>
                  </th>
                  <td className={TD}>
                    <ul>
                      {standingLines(row.standing, row.subjectKind).map((l) => (
                        <li key={l.key}>
                          {l.label}: {l.text}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className={TD}>{pending.length > 0 ? <ul>{pending.map((p) => <li key={p}>{p}</li>)}</ul> : 'None'}</td>
                  <td className={TD}>
                    {row.band.markers.length === 0 ? (
                      'None in this range'
                    ) : (
                      <ul className="space-y-1">
                        {row.band.markers.map((m) => (
                          <li key={m.changeId}>
                            {CHANGE_STATUS_LABELS[m.status]}, {changeDateText(m)}: {changeFactsText(m)}.{' '}
                            <span className="whitespace-nowrap">Evidence:</span>{' '}
                            {m.evidenceEventIds.map((id, i) => (
                              <span key={id}>
                                {i > 0 ? '; ' : ''}
                                <Link href={`/events/${id}`}>{titles.get(id) ?? `Event #${id}`}</Link>
                              </span>
                            ))}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className={TD}>
                    {row.eventCount !== undefined && row.eventCount > row.events.length ? (
                      <p className="mb-1 text-xs">
                        The latest {row.events.length} of {row.eventCount}; the <Link href={`/?country=${row.dyad.counterpart}`}>timeline</Link> lists them all.
                      </p>
                    ) : null}
                    {row.events.length === 0 ? (
                      'None in this range'
                    ) : (
                      <ul className="space-y-1">
                        {row.events.map((e) => (
                          <li key={e.id}>
                            {formatEventDate(e.date, e.precision)}: <Link href={`/events/${e.id}`}>{e.title}</Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}
