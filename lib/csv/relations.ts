/**
 * The relations export's two files (`GET /api/relations/export?rows=years|changes`), column by
 * column: dyad-year rows in the shape of the Correlates of War and Diplometrics data, and the
 * recorded changes themselves. Unknown is written as "unknown", never as a guessed code; a COW
 * code is blank when the level is unknown.
 */
import { toPartialIso, type DatePrecision } from '@/lib/dates';
import type { DyadYearRow } from '@/lib/relations/dyad-years';
import { subjectName } from '@/lib/relations/regions';
import { recalledToStored, type ChangeStatus, type EmbassyValue, type LevelValue, type StoredRecalled } from '@/lib/relations/scale';
import { MULTI_VALUE_SEPARATOR } from './cells';
import type { CsvCell, CsvColumn } from './encode';

export const DYAD_YEAR_COLUMNS = [
  { key: 'subject', kind: 'text' },
  { key: 'subject_name', kind: 'text' },
  { key: 'counterpart', kind: 'text' },
  { key: 'year', kind: 'number' },
  { key: 'level', kind: 'text' },
  { key: 'cow_code', kind: 'number' },
  { key: 'cow_scheme', kind: 'text' },
  { key: 'embassy_open', kind: 'text' },
  { key: 'ambassador_recalled', kind: 'text' },
  { key: 'uncertain', kind: 'text' },
  { key: 'change_ids', kind: 'text' },
  { key: 'evidence_event_ids', kind: 'text' },
] as const satisfies readonly CsvColumn[];

export type DyadYearCsvRecord = Record<(typeof DYAD_YEAR_COLUMNS)[number]['key'], CsvCell>;

const ids = (list: readonly number[]) => list.join(MULTI_VALUE_SEPARATOR);

const EMBASSY_OPEN: Record<EmbassyValue, string> = { open: 'yes', closed: 'no', unknown: 'unknown' };

export function dyadYearRecord(row: DyadYearRow): DyadYearCsvRecord {
  return {
    subject: row.subject,
    subject_name: subjectName(row.subject),
    counterpart: row.counterpart,
    year: row.year,
    level: row.level,
    cow_code: row.cowCode,
    cow_scheme: row.cowScheme,
    embassy_open: EMBASSY_OPEN[row.embassy],
    ambassador_recalled: recalledToStored(row.ambassadorRecalled),
    uncertain: row.uncertain ? 'yes' : 'no',
    change_ids: ids(row.changeIds),
    evidence_event_ids: ids(row.evidenceEventIds),
  };
}

export const CHANGE_COLUMNS = [
  { key: 'id', kind: 'number' },
  { key: 'subject', kind: 'text' },
  { key: 'subject_name', kind: 'text' },
  { key: 'counterpart', kind: 'text' },
  { key: 'date', kind: 'text' },
  { key: 'date_precision', kind: 'text' },
  { key: 'status', kind: 'text' },
  { key: 'level', kind: 'text' },
  { key: 'embassy', kind: 'text' },
  { key: 'ambassador_recalled', kind: 'text' },
  { key: 'evidence_event_ids', kind: 'text' },
  { key: 'note', kind: 'text' },
] as const satisfies readonly CsvColumn[];

export type ChangeCsvRecord = Record<(typeof CHANGE_COLUMNS)[number]['key'], CsvCell>;

export interface ChangeCsvRow {
  id: number;
  subject: string;
  counterpart: string;
  date: string;
  precision: DatePrecision;
  status: ChangeStatus;
  level: LevelValue | null;
  embassy: EmbassyValue | null;
  ambassadorRecalled: StoredRecalled | null;
  evidenceEventIds: number[];
  note: string | null;
}

/** A blank cell is "this change does not say"; "unknown" is "the sources do not say". */
export function changeRecord(row: ChangeCsvRow): ChangeCsvRecord {
  return {
    id: row.id,
    subject: row.subject,
    subject_name: subjectName(row.subject),
    counterpart: row.counterpart,
    date: toPartialIso(row.date, row.precision),
    date_precision: row.precision,
    status: row.status,
    level: row.level,
    embassy: row.embassy,
    ambassador_recalled: row.ambassadorRecalled,
    evidence_event_ids: ids(row.evidenceEventIds),
    note: row.note,
  };
}
