/**
 * The JSON form of standings (`GET /api/relations`): every date written at its precision ("2018",
 * "2018-12" or "2018-12-27") with the precision beside it, every fact with its state, never a
 * guess: an uncertain fact says so and lists what it may be.
 */
import { countryName } from '@/lib/countries';
import { toPartialIso, type DatePrecision } from '@/lib/dates';
import type { Dyad } from './change';
import type { Region } from './regions';
import { recalledToStored, type ChangeStatus, type StoredRecalled, type SubjectKind } from './scale';
import type { DyadStanding, FactState, PendingChange } from './standing';

export interface DatedJson {
  date: string;
  precision: DatePrecision;
}

export type FactJson<V> =
  | { state: 'unknown'; recorded: boolean; changeId: number | null }
  | { state: 'known'; value: V; since: DatedJson; changeId: number }
  | { state: 'changing'; from: (V | 'unknown')[]; to: (V | 'unknown')[]; within: DatedJson; changeIds: number[] }
  | { state: 'ambiguous'; possible: (V | 'unknown')[]; within: DatedJson; changeIds: number[] };

export function dated(date: string, precision: DatePrecision): DatedJson {
  return { date: toPartialIso(date, precision), precision };
}

function factJson<V, W>(s: FactState<V>, map: (v: V | 'unknown') => W | 'unknown'): FactJson<W> {
  switch (s.kind) {
    case 'unknown':
      return { state: 'unknown', recorded: s.recorded, changeId: s.changeId };
    case 'known':
      return { state: 'known', value: map(s.value) as W, since: dated(s.date, s.precision), changeId: s.changeId };
    case 'changing':
      return { state: 'changing', from: s.from.map(map), to: s.to.map(map), within: dated(s.within.date, s.within.precision), changeIds: s.changeIds };
    case 'ambiguous':
      return { state: 'ambiguous', possible: s.possible.map(map), within: dated(s.within.date, s.within.precision), changeIds: s.changeIds };
  }
}

const same = <V>(v: V) => v;
const recalled = (v: boolean | 'unknown'): StoredRecalled => recalledToStored(v);

export interface PendingJson extends DatedJson {
  changeId: number;
  status: Exclude<ChangeStatus, 'in_effect'>;
  level: string | null;
  embassy: string | null;
  ambassadorRecalled: StoredRecalled | null;
  evidenceEventIds: number[];
  note: string | null;
  /** The as-of date lies inside the change's period: it may have been reported after that date. */
  periodContainsDate: boolean;
}

function pendingJson(p: PendingChange): PendingJson {
  return {
    changeId: p.changeId,
    status: p.status,
    ...dated(p.date, p.precision),
    level: p.level,
    embassy: p.embassy,
    ambassadorRecalled: p.ambassadorRecalled === null ? null : recalledToStored(p.ambassadorRecalled),
    evidenceEventIds: p.evidenceEventIds,
    note: p.note,
    periodContainsDate: p.periodContainsDate,
  };
}

export interface StandingJson {
  subject: string;
  subjectName: string;
  subjectKind: SubjectKind;
  region: Region;
  counterpart: string;
  level: FactJson<string>;
  embassy: FactJson<string>;
  ambassadorRecalled: FactJson<StoredRecalled>;
  changing: boolean;
  pending: PendingJson[];
}

export function standingJson(row: { dyad: Dyad; subjectName: string; subjectKind: SubjectKind; region: Region; standing: DyadStanding }): StandingJson {
  const s = row.standing;
  return {
    subject: row.dyad.subject,
    subjectName: row.subjectName,
    subjectKind: row.subjectKind,
    region: row.region,
    counterpart: row.dyad.counterpart,
    level: factJson<string, string>(s.level, same),
    embassy: factJson<string, string>(s.embassy, same),
    ambassadorRecalled: factJson<boolean, StoredRecalled>(s.ambassadorRecalled, recalled),
    changing: s.changing,
    pending: s.pending.map(pendingJson),
  };
}

export interface RelationsJson {
  counterpart: { code: string; name: string };
  asOf: string;
  summary: string;
  standings: StandingJson[];
}

export function relationsJson(answer: {
  counterpart: string;
  asOf: string;
  summary: string;
  rows: { dyad: Dyad; subjectName: string; subjectKind: SubjectKind; region: Region; standing: DyadStanding }[];
}): RelationsJson {
  return {
    counterpart: { code: answer.counterpart, name: countryName(answer.counterpart) },
    asOf: answer.asOf,
    summary: answer.summary,
    standings: answer.rows.map(standingJson),
  };
}
