import type { StandingChangeRecord } from '@/db/queries/relations';
import { toPartialIso } from '@/lib/dates';
import { EMPTY_STANDING_FORM, type StandingFormValues } from '@/lib/relations/form';
import { recalledToStored } from '@/lib/relations/scale';

/** The form's values for editing a recorded change: the date as precisely as it was recorded. */
export function formValuesOf(c: StandingChangeRecord, returnTo: string): StandingFormValues {
  return {
    id: String(c.id),
    version: String(c.version),
    subject: c.dyad.subject,
    counterpart: c.dyad.counterpart,
    date: toPartialIso(c.date, c.precision),
    status: c.status,
    level: c.level ?? '',
    embassy: c.embassy ?? '',
    ambassadorRecalled: c.ambassadorRecalled === null ? '' : recalledToStored(c.ambassadorRecalled),
    evidence: c.evidenceEventIds.map(String),
    note: c.note ?? '',
    returnTo,
  };
}

/** A blank form for a new change, with what the page already knows filled in. */
export function newChangeValues(over: Partial<StandingFormValues>): StandingFormValues {
  return { ...EMPTY_STANDING_FORM, ...over };
}
