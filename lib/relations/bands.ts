/**
 * A board row: the dyad's standing between two dates as a list of segments, each with one
 * standing, plus a marker for every change. Every day of a segment has the standing that
 * `standingAsOf` gives for that day (tested), so the band and the as-of sentence never disagree.
 *
 * An imprecise change makes its period uncertain: a change "in 2018" draws 2018-01-01 to
 * 2018-12-30 as uncertain and the new value from 2018-12-31, the first day by whose end the
 * change has surely happened (docs/relations-scale.md, "Reading dates").
 *
 * A sweep over the changes sorted by date; the sort is the only super-linear step, and it is
 * linear for the sorted input the database returns (V8 sorts with TimSort).
 */
import type { DatePrecision } from '@/lib/dates';
import { FACT_KEYS, type ChangeFacts, type Dyad, type FactKey, type StandingChange } from './change';
import { endsOnOrAfter, nextDay, periodEnd, previousDay } from './period';
import { type ChangeStatus, type EmbassyValue, type LevelValue, type RecalledValue } from './scale';
import { factValue, NO_DATA, resolveFact, type DyadFacts, type FactState } from './standing';

export interface BandSegment {
  /** First and last day, inclusive. */
  from: string;
  to: string;
  /** The value to colour by; "unknown" also while the fact is uncertain. */
  level: LevelValue;
  embassy: EmbassyValue;
  ambassadorRecalled: RecalledValue;
  /** Some fact may be changing here, or its order is not recorded: draw hatched. */
  uncertain: boolean;
  /** Each fact's full state (from → to while changing), for the tooltip and the table. */
  facts: DyadFacts;
}

export interface ChangeMarker extends ChangeFacts {
  changeId: number;
  status: ChangeStatus;
  /** First day of the period and its precision, as stored. */
  date: string;
  precision: DatePrecision;
  /** Last day of the period: where the marker's uncertainty ends. */
  end: string;
  evidenceEventIds: number[];
  note: string | null;
}

export interface DyadBand {
  dyad: Dyad;
  from: string;
  to: string;
  segments: BandSegment[];
  markers: ChangeMarker[];
}

function isUncertain(s: FactState<unknown>): boolean {
  return s.kind === 'changing' || s.kind === 'ambiguous';
}

/**
 * Adjacent days with the same standing, down to the change it comes from, are one segment: a
 * reaffirmation or a new change joining an uncertain period starts a new one (same colour), so
 * that a segment's tooltip says exactly what the as-of sentence says for each of its days.
 */
function sameState(a: FactState<unknown>, b: FactState<unknown>): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'unknown':
      return a.recorded === (b as typeof a).recorded && a.changeId === (b as typeof a).changeId;
    case 'known':
      return a.value === (b as typeof a).value && a.changeId === (b as typeof a).changeId;
    case 'changing': {
      const c = b as typeof a;
      return sameList(a.changeIds, c.changeIds) && sameList(a.from, c.from) && sameList(a.to, c.to) && a.within.date === c.within.date && a.within.precision === c.within.precision;
    }
    case 'ambiguous': {
      const c = b as typeof a;
      return sameList(a.changeIds, c.changeIds) && sameList(a.possible, c.possible) && a.within.date === c.within.date && a.within.precision === c.within.precision;
    }
  }
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameFacts(a: DyadFacts, b: DyadFacts): boolean {
  return sameState(a.level, b.level) && sameState(a.embassy, b.embassy) && sameState(a.ambassadorRecalled, b.ambassadorRecalled);
}

const NO_FACTS: DyadFacts = { level: NO_DATA, embassy: NO_DATA, ambassadorRecalled: NO_DATA };

/** Per fact: the settled changes that can still be the last, and the changes in progress. */
class FactSweep {
  private maxStart = '';
  candidates: StandingChange[] = [];
  containing: StandingChange[] = [];

  constructor(private readonly key: FactKey) {}

  enter(c: StandingChange): void {
    this.containing.push(c);
  }

  settle(c: StandingChange): void {
    if (c.precision !== 'day') this.containing = this.containing.filter((x) => x !== c);
    if (c.date > this.maxStart) {
      this.maxStart = c.date;
      this.candidates = this.candidates.filter((x) => endsOnOrAfter(x.date, x.precision, this.maxStart));
    }
    this.candidates.push(c);
  }

  state<V>(): FactState<V> {
    return resolveFact<V>(this.candidates, this.containing, this.key);
  }
}

interface Timed {
  change: StandingChange;
  start: string;
  end: string;
}

export function dyadBand(dyad: Dyad, changes: readonly StandingChange[], from: string, to: string): DyadBand {
  const all: Timed[] = changes.map((change) => ({ change, start: change.date, end: periodEnd(change.date, change.precision) }));
  const inEffect = all.filter((t) => t.change.status === 'in_effect');
  const byStart = [...inEffect].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const byEnd = [...inEffect].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  const sweeps: Record<FactKey, FactSweep> = {
    level: new FactSweep('level'),
    embassy: new FactSweep('embassy'),
    ambassadorRecalled: new FactSweep('ambassadorRecalled'),
  };

  const segments: BandSegment[] = [];
  let open: { from: string; to: string; facts: DyadFacts } | null = null;
  const emit = (start: string, end: string, facts: DyadFacts) => {
    const a = start < from ? from : start;
    const b = end > to ? to : end;
    if (a > b) return;
    if (open && sameFacts(open.facts, facts) && nextDay(open.to) === a) {
      open.to = b;
      return;
    }
    if (open) segments.push(toSegment(open));
    open = { from: a, to: b, facts };
  };

  let facts = NO_FACTS;
  let current = from;
  let i = 0;
  let j = 0;
  while (i < byStart.length || j < byEnd.length) {
    // The next day on which something starts or ends.
    const nextStart = i < byStart.length ? byStart[i]!.start : null;
    const nextEnd = j < byEnd.length ? byEnd[j]!.end : null;
    const day = nextStart !== null && (nextEnd === null || nextStart <= nextEnd) ? nextStart : nextEnd!;
    if (day > to) break;
    if (day > current) emit(current, previousDay(day), facts);
    while (i < byStart.length && byStart[i]!.start === day) {
      const t = byStart[i++]!;
      if (t.end !== t.start) for (const k of FACT_KEYS) if (t.change[k] !== null) sweeps[k].enter(t.change);
    }
    while (j < byEnd.length && byEnd[j]!.end === day) {
      const t = byEnd[j++]!;
      for (const k of FACT_KEYS) if (t.change[k] !== null) sweeps[k].settle(t.change);
    }
    facts = {
      level: sweeps.level.state(),
      embassy: sweeps.embassy.state(),
      ambassadorRecalled: sweeps.ambassadorRecalled.state(),
    };
    if (day > current) current = day;
  }
  emit(current, to, facts);
  if (open) segments.push(toSegment(open));

  const markers = all
    .filter((t) => t.start <= to && t.end >= from)
    .sort((a, b) => (a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.change.id - b.change.id))
    .map(({ change, end }) => ({
      changeId: change.id,
      status: change.status,
      date: change.date,
      precision: change.precision,
      end,
      level: change.level,
      embassy: change.embassy,
      ambassadorRecalled: change.ambassadorRecalled,
      evidenceEventIds: change.evidenceEventIds,
      note: change.note,
    }));

  return { dyad, from, to, segments, markers };
}

function toSegment({ from, to, facts }: { from: string; to: string; facts: DyadFacts }): BandSegment {
  return {
    from,
    to,
    level: factValue(facts.level),
    embassy: factValue(facts.embassy),
    ambassadorRecalled: factValue(facts.ambassadorRecalled),
    uncertain: FACT_KEYS.some((k) => isUncertain(facts[k] as FactState<unknown>)),
    facts,
  };
}
