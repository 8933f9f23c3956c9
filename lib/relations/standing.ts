/**
 * A dyad's standing as of a date, from its changes.
 *
 * A change happened at some moment within its period (a day, a month or a year) and "as of D"
 * means at the end of day D. For each fact (level, embassy, ambassador) the answer comes from
 * the in-effect changes that speak to it:
 *  - a change whose whole period is on or before D has happened ("settled");
 *  - a change whose period contains D but ends after it may or may not have happened yet;
 *  - of the settled changes, only those not wholly before another settled one can be the last.
 * The possible values are those of the last candidates and of the changes in progress (plus
 * "unknown" when nothing had surely happened before them). One possible value is the answer;
 * more than one is "changing within 2018, from X to Y" (D inside the period) or "X or Y" (two
 * settled changes whose order is not recorded). Nothing is guessed.
 *
 * Announced and reported changes never move a fact; they are listed as pending until an
 * in-effect change on one of their facts, dated no earlier, has happened.
 *
 * Two passes over the dyad's changes, in any order: O(changes), plus sorting what is pending.
 */
import { formatEventDate, type DatePrecision, type PartialDate } from '@/lib/dates';
import { type ChangeFacts, type Dyad, type FactKey, type StandingChange } from './change';
import { endsOnOrAfter, periodEnd, settledBounds } from './period';
import { subjectKind, UNKNOWN, type EmbassyState, type Level, type PendingStatus, type SubjectKind, type Unknown } from './scale';

export type FactState<V> =
  /** Nothing recorded (`recorded: false`), or the latest change says the sources do not know. */
  | { kind: 'unknown'; recorded: boolean; changeId: number | null }
  /** `date` and `precision` are those of the latest change that set the value (a reaffirmation counts). */
  | { kind: 'known'; value: V; changeId: number; date: string; precision: DatePrecision }
  /** The date lies inside the period of an in-effect change that may not have happened yet. */
  | { kind: 'changing'; from: (V | Unknown)[]; to: (V | Unknown)[]; within: PartialDate; changeIds: number[] }
  /** Settled changes disagree and their order within overlapping periods is not recorded. */
  | { kind: 'ambiguous'; possible: (V | Unknown)[]; within: PartialDate; changeIds: number[] };

export interface DyadFacts {
  level: FactState<Level>;
  embassy: FactState<EmbassyState>;
  ambassadorRecalled: FactState<boolean>;
}

export interface PendingChange extends ChangeFacts {
  changeId: number;
  status: PendingStatus;
  date: string;
  precision: DatePrecision;
  evidenceEventIds: number[];
  note: string | null;
  /** The as-of date lies inside the change's period: it may have been reported after that date. */
  periodContainsDate: boolean;
}

export interface DyadStanding extends DyadFacts {
  dyad: Dyad;
  subjectKind: SubjectKind;
  asOf: string;
  /** Some fact is changing at the date (an imprecise change's period contains it). */
  changing: boolean;
  /** Announced or reported changes, oldest first; they do not change the facts above. */
  pending: readonly PendingChange[];
}

export const NO_DATA: FactState<never> = Object.freeze({ kind: 'unknown', recorded: false, changeId: null }) as FactState<never>;

/** Earlier start first, then wider period, then id: a total order, so results do not depend on input order. */
export function widerFirst(a: StandingChange, b: StandingChange): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.precision !== b.precision) return PRECISION_WIDTH[b.precision] - PRECISION_WIDTH[a.precision];
  return a.id - b.id;
}

// Two periods with the same start are nested: the coarser precision is the wider one.
const PRECISION_WIDTH: Record<DatePrecision, number> = { day: 0, month: 1, year: 2 };

/** Later end first, then later start, then higher id: which of several settled changes a value is credited to. */
function laterEnd(a: StandingChange, b: StandingChange): boolean {
  const ea = periodEnd(a.date, a.precision);
  const eb = periodEnd(b.date, b.precision);
  if (ea !== eb) return ea > eb;
  return widerFirst(a, b) > 0;
}

function addUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/** Values in a stable order: by text, unknown last. */
function sortValues<V>(values: (V | Unknown)[]): (V | Unknown)[] {
  return values.sort((a, b) => {
    if (a === b) return 0;
    if (a === UNKNOWN) return 1;
    if (b === UNKNOWN) return -1;
    return String(a) < String(b) ? -1 : 1;
  });
}

const EMPTY: readonly StandingChange[] = Object.freeze([]);
// Shared by every standing without plans: thousands of empty arrays cost the garbage collector.
const NOTHING_PENDING: readonly PendingChange[] = Object.freeze([]);

function fromSource<V>(value: V | Unknown, c: StandingChange): FactState<V> {
  if (value === UNKNOWN) return { kind: 'unknown', recorded: true, changeId: c.id };
  return { kind: 'known', value: value as V, changeId: c.id, date: c.date, precision: c.precision };
}

/**
 * The state of one fact from the in-effect changes that speak to it: those settled by the date
 * (their whole period on or before it) and those whose period contains it. `settled` may be cut
 * down to the changes that can be the last (those ending on or after the latest start); the
 * answer is the same.
 */
export function resolveFact<V>(settled: readonly StandingChange[], containing: readonly StandingChange[], key: FactKey): FactState<V> {
  // The common case, a single settled change and nothing in progress, without a list in sight.
  if (containing.length === 0) {
    if (settled.length === 0) return NO_DATA;
    if (settled.length === 1) return fromSource<V>(settled[0]![key] as V | Unknown, settled[0]!);
  }
  let maxStart = '';
  for (const c of settled) if (c.date > maxStart) maxStart = c.date;
  // A settled change wholly before another settled one cannot be the last to have happened.
  const candidates = settled.filter((c) => endsOnOrAfter(c.date, c.precision, maxStart));

  const before: (V | Unknown)[] = [];
  for (const c of candidates) addUnique(before, c[key] as V | Unknown);
  if (candidates.length === 0) before.push(UNKNOWN);
  const after: (V | Unknown)[] = [];
  for (const c of containing) addUnique(after, c[key] as V | Unknown);

  const possible = [...before];
  for (const v of after) addUnique(possible, v);

  if (possible.length === 1) {
    // Credited to the latest settled change, else to the first in progress.
    let source: StandingChange | null = null;
    for (const c of candidates) if (!source || laterEnd(c, source)) source = c;
    if (!source) for (const c of containing) if (!source || widerFirst(c, source) < 0) source = c;
    return fromSource<V>(possible[0]!, source!);
  }

  const involved = containing.length > 0 ? [...candidates, ...containing] : candidates;
  const changeIds = involved.map((c) => c.id).sort((a, b) => a - b);
  const widest = (containing.length > 0 ? containing : candidates).reduce((w, c) => (widerFirst(c, w) < 0 ? c : w));
  const within = { date: widest.date, precision: widest.precision };
  if (containing.length > 0) {
    return { kind: 'changing', from: sortValues(before), to: sortValues(after), within, changeIds };
  }
  return { kind: 'ambiguous', possible: sortValues(possible), within, changeIds };
}

function isChanging(s: FactState<unknown>): boolean {
  return s.kind === 'changing';
}

function push(list: StandingChange[] | null, c: StandingChange): StandingChange[] {
  if (list === null) return [c];
  list.push(c);
  return list;
}

/**
 * The standing of one dyad as of `asOf` (YYYY-MM-DD, end of that day). `changes` are the dyad's
 * changes in any order; changes of other dyads must not be passed.
 *
 * Two passes and no allocation per change (the board asks this of thousands of dyads): the first
 * finds, per fact, the latest start among settled changes; the second keeps the settled changes
 * that end on or after it (the candidates) and the changes in progress.
 */
export function standingAsOf(dyad: Dyad, changes: readonly StandingChange[], asOf: string): DyadStanding {
  const { month: monthBound, year: yearBound } = settledBounds(asOf);

  let maxLevel = '';
  let maxEmbassy = '';
  let maxRecalled = '';
  let anyPending = false;
  for (const c of changes) {
    if (c.date > asOf) continue;
    if (c.status !== 'in_effect') {
      anyPending = true;
      continue;
    }
    if (!isSettled(c, asOf, monthBound, yearBound)) continue;
    if (c.level !== null && c.date > maxLevel) maxLevel = c.date;
    if (c.embassy !== null && c.date > maxEmbassy) maxEmbassy = c.date;
    if (c.ambassadorRecalled !== null && c.date > maxRecalled) maxRecalled = c.date;
  }

  let levelSettled: StandingChange[] | null = null;
  let levelContaining: StandingChange[] | null = null;
  let embassySettled: StandingChange[] | null = null;
  let embassyContaining: StandingChange[] | null = null;
  let recalledSettled: StandingChange[] | null = null;
  let recalledContaining: StandingChange[] | null = null;
  for (const c of changes) {
    if (c.date > asOf || c.status !== 'in_effect') continue;
    if (isSettled(c, asOf, monthBound, yearBound)) {
      if (c.level !== null && endsOnOrAfter(c.date, c.precision, maxLevel)) levelSettled = push(levelSettled, c);
      if (c.embassy !== null && endsOnOrAfter(c.date, c.precision, maxEmbassy)) embassySettled = push(embassySettled, c);
      if (c.ambassadorRecalled !== null && endsOnOrAfter(c.date, c.precision, maxRecalled)) recalledSettled = push(recalledSettled, c);
    } else {
      if (c.level !== null) levelContaining = push(levelContaining, c);
      if (c.embassy !== null) embassyContaining = push(embassyContaining, c);
      if (c.ambassadorRecalled !== null) recalledContaining = push(recalledContaining, c);
    }
  }

  const level = resolveFact<Level>(levelSettled ?? EMPTY, levelContaining ?? EMPTY, 'level');
  const embassy = resolveFact<EmbassyState>(embassySettled ?? EMPTY, embassyContaining ?? EMPTY, 'embassy');
  const ambassadorRecalled = resolveFact<boolean>(recalledSettled ?? EMPTY, recalledContaining ?? EMPTY, 'ambassadorRecalled');

  return {
    dyad,
    subjectKind: subjectKind(dyad.subject) ?? 'state',
    asOf,
    level,
    embassy,
    ambassadorRecalled,
    changing: isChanging(level) || isChanging(embassy) || isChanging(ambassadorRecalled),
    pending: anyPending
      ? openPending(changes, asOf, { month: monthBound, year: yearBound }, { level: maxLevel, embassy: maxEmbassy, ambassadorRecalled: maxRecalled })
      : NOTHING_PENDING,
  };
}

/** The change's whole period is on or before `asOf` (bounds from `settledBounds(asOf)`). */
function isSettled(c: StandingChange, asOf: string, monthBound: string, yearBound: string): boolean {
  if (c.precision === 'day') return c.date <= asOf;
  return c.date < (c.precision === 'month' ? monthBound : yearBound);
}

/**
 * Pending changes not yet overtaken: one is closed once an in-effect change that speaks to one of
 * its facts, dated no earlier than it, has happened by the date (the plan was carried out, or
 * events went another way; either way it is no longer news). `latest` holds, per fact, the latest
 * start of a settled in-effect change, so each pending change costs O(1).
 */
function openPending(
  changes: readonly StandingChange[],
  asOf: string,
  bounds: { month: string; year: string },
  latest: Record<FactKey, string>,
): PendingChange[] {
  const open: StandingChange[] = [];
  for (const p of changes) {
    if (p.status === 'in_effect' || p.date > asOf) continue;
    const overtaken =
      (p.level !== null && latest.level >= p.date) ||
      (p.embassy !== null && latest.embassy >= p.date) ||
      (p.ambassadorRecalled !== null && latest.ambassadorRecalled >= p.date);
    if (!overtaken) open.push(p);
  }
  open.sort(widerFirst);
  return open.map((change) => ({
    changeId: change.id,
    status: change.status as PendingStatus,
    date: change.date,
    precision: change.precision,
    level: change.level,
    embassy: change.embassy,
    ambassadorRecalled: change.ambassadorRecalled,
    evidenceEventIds: change.evidenceEventIds,
    note: change.note,
    periodContainsDate: !isSettled(change, asOf, bounds.month, bounds.year),
  }));
}

/** The displayed value of a fact: its value when known, else "unknown" (also while changing). */
export function factValue<V>(state: FactState<V>): V | Unknown {
  return state.kind === 'known' ? state.value : UNKNOWN;
}

export function periodLabel(p: PartialDate): string {
  return formatEventDate(p.date, p.precision);
}
