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
 * One pass over the dyad's changes, in any order: O(changes).
 */
import { formatEventDate, type DatePrecision, type PartialDate } from '@/lib/dates';
import { FACT_KEYS, type ChangeFacts, type Dyad, type FactKey, type StandingChange } from './change';
import { periodEnd } from './period';
import { subjectKind, UNKNOWN, type EmbassyState, type Level, type PendingStatus, type SubjectKind, type Unknown } from './scale';

export type FactValueOf<K extends FactKey> = K extends 'level' ? Level : K extends 'embassy' ? EmbassyState : boolean;

export type FactState<V> =
  /** Nothing recorded (`recorded: false`), or the latest change says the sources do not know. */
  | { kind: 'unknown'; recorded: boolean; changeId: number | null }
  /** `changeDate` is the date of the latest change that set the value (a reaffirmation counts). */
  | { kind: 'known'; value: V; changeId: number; changeDate: PartialDate }
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
  pending: PendingChange[];
}

export const NO_DATA: FactState<never> = Object.freeze({ kind: 'unknown', recorded: false, changeId: null }) as FactState<never>;

/** A change with its period resolved once. */
export interface TimedChange {
  change: StandingChange;
  start: string;
  end: string;
}

export function timed(change: StandingChange): TimedChange {
  return { change, start: change.date, end: periodEnd(change.date, change.precision) };
}

/** Earlier start first, then wider period, then id: a total order, so results do not depend on input order. */
function widerFirst(a: TimedChange, b: TimedChange): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end > b.end ? -1 : 1;
  return a.change.id - b.change.id;
}

function addUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/** Values in a stable order (scale order is the caller's business): known values first as met, unknown last. */
function sortValues<V>(values: (V | Unknown)[]): (V | Unknown)[] {
  return values.sort((a, b) => {
    if (a === b) return 0;
    if (a === UNKNOWN) return 1;
    if (b === UNKNOWN) return -1;
    return String(a) < String(b) ? -1 : 1;
  });
}

/**
 * The state of one fact from the in-effect changes that speak to it, split into those settled by
 * the date and those whose period contains it. `settled` must be non-empty or `containing` must be.
 */
export function resolveFact<V>(settled: readonly TimedChange[], containing: readonly TimedChange[], key: FactKey): FactState<V> {
  if (settled.length === 0 && containing.length === 0) return NO_DATA;
  let maxStart = '';
  for (const t of settled) if (t.start > maxStart) maxStart = t.start;
  // A settled change wholly before another settled one cannot be the last to have happened.
  const candidates: TimedChange[] = [];
  for (const t of settled) if (t.end >= maxStart) candidates.push(t);

  const before: (V | Unknown)[] = [];
  for (const t of candidates) addUnique(before, t.change[key] as V | Unknown);
  if (candidates.length === 0) before.push(UNKNOWN);
  const after: (V | Unknown)[] = [];
  for (const t of containing) addUnique(after, t.change[key] as V | Unknown);

  const possible = [...before];
  for (const v of after) addUnique(possible, v);

  if (possible.length === 1) {
    const value = possible[0]!;
    // The change the value comes from: the latest settled one, else the first in progress.
    let source: TimedChange | null = null;
    for (const t of candidates) {
      if (!source || t.end > source.end || (t.end === source.end && widerFirst(t, source) > 0)) source = t;
    }
    if (!source) for (const t of containing) if (!source || widerFirst(t, source) < 0) source = t;
    const c = source!.change;
    if (value === UNKNOWN) return { kind: 'unknown', recorded: true, changeId: c.id };
    return { kind: 'known', value: value as V, changeId: c.id, changeDate: { date: c.date, precision: c.precision } };
  }

  const involved = containing.length > 0 ? [...candidates, ...containing] : candidates;
  const changeIds = involved.map((t) => t.change.id).sort((a, b) => a - b);
  const widest = (containing.length > 0 ? containing : candidates).reduce((w, t) => (widerFirst(t, w) < 0 ? t : w));
  const within = { date: widest.change.date, precision: widest.change.precision };
  if (containing.length > 0) {
    return { kind: 'changing', from: sortValues(before), to: sortValues(after), within, changeIds };
  }
  return { kind: 'ambiguous', possible: sortValues(possible), within, changeIds };
}

function isChanging(s: FactState<unknown>): boolean {
  return s.kind === 'changing';
}

/**
 * The standing of one dyad as of `asOf` (YYYY-MM-DD, end of that day). `changes` are the dyad's
 * changes in any order; changes of other dyads must not be passed.
 */
export function standingAsOf(dyad: Dyad, changes: readonly StandingChange[], asOf: string): DyadStanding {
  const settled: Record<FactKey, TimedChange[]> = { level: [], embassy: [], ambassadorRecalled: [] };
  const containing: Record<FactKey, TimedChange[]> = { level: [], embassy: [], ambassadorRecalled: [] };
  const pending: TimedChange[] = [];
  const inEffect: TimedChange[] = [];

  for (const change of changes) {
    if (change.date > asOf) continue;
    const t = timed(change);
    if (change.status !== 'in_effect') {
      pending.push(t);
      continue;
    }
    inEffect.push(t);
    const bucket = t.end <= asOf ? settled : containing;
    for (const key of FACT_KEYS) if (change[key] !== null) bucket[key].push(t);
  }

  const level = resolveFact<Level>(settled.level, containing.level, 'level');
  const embassy = resolveFact<EmbassyState>(settled.embassy, containing.embassy, 'embassy');
  const ambassadorRecalled = resolveFact<boolean>(settled.ambassadorRecalled, containing.ambassadorRecalled, 'ambassadorRecalled');

  return {
    dyad,
    subjectKind: subjectKind(dyad.subject) ?? 'state',
    asOf,
    level,
    embassy,
    ambassadorRecalled,
    changing: isChanging(level) || isChanging(embassy) || isChanging(ambassadorRecalled),
    pending: openPending(pending, inEffect, asOf),
  };
}

/**
 * Pending changes not yet overtaken: one is closed once an in-effect change that speaks to one of
 * its facts, dated no earlier than it, has happened by the date (the plan was carried out, or
 * events went another way; either way it is no longer news).
 */
function openPending(pending: TimedChange[], inEffect: readonly TimedChange[], asOf: string): PendingChange[] {
  const open = pending.filter(
    (p) =>
      !inEffect.some(
        (e) => e.end <= asOf && e.start >= p.start && FACT_KEYS.some((k) => p.change[k] !== null && e.change[k] !== null),
      ),
  );
  open.sort(widerFirst);
  return open.map(({ change, end }) => ({
    changeId: change.id,
    status: change.status as PendingStatus,
    date: change.date,
    precision: change.precision,
    level: change.level,
    embassy: change.embassy,
    ambassadorRecalled: change.ambassadorRecalled,
    evidenceEventIds: change.evidenceEventIds,
    note: change.note,
    periodContainsDate: end > asOf,
  }));
}

/** The displayed value of a fact: its value when known, else "unknown" (also while changing). */
export function factValue<V>(state: FactState<V>): V | Unknown {
  return state.kind === 'known' ? state.value : UNKNOWN;
}

export function periodLabel(p: PartialDate): string {
  return formatEventDate(p.date, p.precision);
}
