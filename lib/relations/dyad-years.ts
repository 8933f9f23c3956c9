/**
 * Dyad-year rows for the CSV export, in the shape of the Correlates of War and Diplometrics
 * data (one row per directed dyad and year).
 *
 * The row holds the standing at the end of the year (as of 31 December), not the one in effect
 * for most of the year: a change known only to its year has surely happened by 31 December but
 * cannot be placed before or after 1 July, so "most of the year" would have to guess. Year-end
 * is also what both reference datasets approximate: each year's value is a yearbook's snapshot.
 */
import type { Dyad, StandingChange } from './change';
import { dyadBand } from './bands';
import { cowCode, subjectKind, type CowScheme, type EmbassyValue, type LevelValue, type RecalledValue } from './scale';

export interface DyadYearRow {
  subject: string;
  counterpart: string;
  year: number;
  /** Level at year end; "unknown" when not recorded or not certain (`uncertain` says which). */
  level: LevelValue;
  /** COW Diplomatic Exchange code for states, COW IGO code for organisations; null when unknown. */
  cowCode: number | null;
  cowScheme: CowScheme;
  embassy: EmbassyValue;
  ambassadorRecalled: RecalledValue;
  /** The year-end value of some fact depends on an order the sources do not give. */
  uncertain: boolean;
  /** Ids of the changes dated in this year, any status, oldest first. */
  changeIds: number[];
  /** Evidence events of those changes, ascending, each once. */
  evidenceEventIds: number[];
}

/**
 * One row per year from `fromYear` to `toYear` for one dyad. `changes` are that dyad's changes;
 * O(changes + years).
 */
export function dyadYearRows(dyad: Dyad, changes: readonly StandingChange[], fromYear: number, toYear: number): DyadYearRow[] {
  if (toYear < fromYear) return [];
  const band = dyadBand(dyad, changes, `${pad4(fromYear)}-01-01`, `${pad4(toYear)}-12-31`);
  const byYear = new Map<number, StandingChange[]>();
  for (const c of changes) {
    const y = Number(c.date.slice(0, 4));
    if (y < fromYear || y > toYear) continue;
    const list = byYear.get(y);
    if (list) list.push(c);
    else byYear.set(y, [c]);
  }
  const scheme: CowScheme = subjectKind(dyad.subject) === 'organisation' ? 'igo' : 'diplomatic_exchange';
  const rows: DyadYearRow[] = [];
  let s = 0;
  for (let year = fromYear; year <= toYear; year++) {
    const yearEnd = `${pad4(year)}-12-31`;
    while (band.segments[s]!.to < yearEnd) s++;
    const seg = band.segments[s]!;
    const inYear = (byYear.get(year) ?? []).sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id - b.id));
    rows.push({
      subject: dyad.subject,
      counterpart: dyad.counterpart,
      year,
      level: seg.level,
      cowCode: cowCode(seg.level)?.code ?? null,
      cowScheme: scheme,
      embassy: seg.embassy,
      ambassadorRecalled: seg.ambassadorRecalled,
      uncertain: seg.uncertain,
      changeIds: inYear.map((c) => c.id),
      evidenceEventIds: [...new Set(inYear.flatMap((c) => c.evidenceEventIds))].sort((a, b) => a - b),
    });
  }
  return rows;
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}
