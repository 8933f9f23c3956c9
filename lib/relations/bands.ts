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
import { addDays } from './period';
import { type ChangeStatus, type EmbassyValue, type LevelValue, type RecalledValue } from './scale';
import { factValue, NO_DATA, resolveFact, timed, type DyadFacts, type FactState, type TimedChange } from './standing';

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
function appearance(facts: DyadFacts): string {
  return JSON.stringify([facts.level, facts.embassy, facts.ambassadorRecalled]);
}

const NO_FACTS: DyadFacts = { level: NO_DATA, embassy: NO_DATA, ambassadorRecalled: NO_DATA };

/** Per fact: the settled changes that can still be the last, and the changes in progress. */
class FactSweep {
  private maxStart = '';
  candidates: TimedChange[] = [];
  containing: TimedChange[] = [];

  constructor(private readonly key: FactKey) {}

  enter(t: TimedChange): void {
    this.containing.push(t);
  }

  settle(t: TimedChange): void {
    if (t.end !== t.start) this.containing = this.containing.filter((c) => c !== t);
    if (t.start > this.maxStart) {
      this.maxStart = t.start;
      this.candidates = this.candidates.filter((c) => c.end >= this.maxStart);
    }
    this.candidates.push(t);
  }

  state<V>(): FactState<V> {
    return resolveFact<V>(this.candidates, this.containing, this.key);
  }
}

export function dyadBand(dyad: Dyad, changes: readonly StandingChange[], from: string, to: string): DyadBand {
  const all = changes.map(timed);
  const inEffect = all.filter((t) => t.change.status === 'in_effect');
  const byStart = [...inEffect].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const byEnd = [...inEffect].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  const sweeps: Record<FactKey, FactSweep> = {
    level: new FactSweep('level'),
    embassy: new FactSweep('embassy'),
    ambassadorRecalled: new FactSweep('ambassadorRecalled'),
  };

  const segments: BandSegment[] = [];
  let open: { from: string; to: string; facts: DyadFacts; look: string } | null = null;
  const emit = (start: string, end: string, facts: DyadFacts) => {
    const a = start < from ? from : start;
    const b = end > to ? to : end;
    if (a > b) return;
    const look = appearance(facts);
    if (open && open.look === look && addDays(open.to, 1) === a) {
      open.to = b;
      return;
    }
    if (open) segments.push(toSegment(open));
    open = { from: a, to: b, facts, look };
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
    if (day > current) emit(current, addDays(day, -1), facts);
    while (i < byStart.length && byStart[i]!.start === day) {
      const t = byStart[i++]!;
      if (t.end !== t.start) for (const k of FACT_KEYS) if (t.change[k] !== null) sweeps[k].enter(t);
    }
    while (j < byEnd.length && byEnd[j]!.end === day) {
      const t = byEnd[j++]!;
      for (const k of FACT_KEYS) if (t.change[k] !== null) sweeps[k].settle(t);
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
