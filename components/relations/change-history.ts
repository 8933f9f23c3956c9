/**
 * A standing change's revisions in the shape the shared history list shows (components/event/
 * history-list.tsx): each version's fields that differ from the version before, before → after.
 */
import type { HistoryEntry } from '@/db/queries/revisions';
import type { StandingChangeHistoryEntry, StandingChangeSnapshot } from '@/db/queries/relations';
import { formatEventDate } from '@/lib/dates';
import type { FieldChange } from '@/lib/event-content';
import { subjectName } from '@/lib/relations/regions';
import { CHANGE_STATUS_LABELS, EMBASSY_LABELS, LEVEL_LABELS, recalledFromStored, recalledLabel } from '@/lib/relations/scale';

const LABELS: Partial<Record<keyof StandingChangeSnapshot, string>> = {
  subject: 'Whose standing',
  counterpart: 'With',
  date: 'Date',
  precision: 'Date precision',
  status: 'Status',
  level: 'Level',
  embassy: 'Embassy',
  ambassadorRecalled: 'Ambassador recalled',
  note: 'Note',
  evidenceEventIds: 'Evidence',
};

function show(key: keyof StandingChangeSnapshot, s: StandingChangeSnapshot): string | null {
  switch (key) {
    case 'subject':
    case 'counterpart':
      return subjectName(s[key]);
    case 'date':
      return formatEventDate(s.date, s.precision);
    case 'status':
      return CHANGE_STATUS_LABELS[s.status];
    case 'level':
      return s.level === null ? '(does not say)' : LEVEL_LABELS[s.level];
    case 'embassy':
      return s.embassy === null ? '(does not say)' : EMBASSY_LABELS[s.embassy];
    case 'ambassadorRecalled':
      return s.ambassadorRecalled === null ? '(does not say)' : recalledLabel(recalledFromStored(s.ambassadorRecalled));
    case 'note':
      return s.note;
    default:
      return String(s[key]);
  }
}

export function standingHistoryEntries(
  history: readonly StandingChangeHistoryEntry[],
  eventTitle: (id: number) => string,
): (HistoryEntry & { restorable: boolean })[] {
  // Newest first: the version before entry i is entry i + 1.
  return history.map((h, i) => {
    const before = history[i + 1]?.snapshot ?? null;
    const changes: FieldChange[] = h.changedFields
      .filter((k) => LABELS[k])
      .map((key): FieldChange => {
        if (key === 'evidenceEventIds') {
          const was = before?.evidenceEventIds ?? [];
          const now = h.snapshot.evidenceEventIds;
          return {
            key,
            label: LABELS[key]!,
            kind: 'items',
            added: now.filter((id) => !was.includes(id)).map(eventTitle),
            removed: was.filter((id) => !now.includes(id)).map(eventTitle),
          };
        }
        return { key, label: LABELS[key]!, kind: 'value', before: before ? show(key, before) : null, after: show(key, h.snapshot) };
      });
    return { id: h.revisionId, action: h.action, version: h.version, actor: h.actor, createdAt: h.createdAt, note: h.note, changes, restorable: h.restorable };
  });
}
