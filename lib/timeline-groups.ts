/**
 * Year and month headings for a newest-first list. Computed from the previous item, so a list
 * that grows page by page gets the same headings as one rendered at once.
 */
import { monthName, type DatePrecision } from './dates';

interface Dated {
  date: string;
  datePrecision: DatePrecision;
}

export interface Headings {
  /** "2023" when this item starts a new year. */
  year?: string;
  /** "March" (or "Month not recorded") when this item starts a new month group. */
  month?: string;
  /** A stable id for the month group, for aria-labelledby and anchors. */
  groupId: string;
}

function monthKey(item: Dated): string {
  return item.datePrecision === 'year' ? 'year-only' : item.date.slice(5, 7);
}

export function headingsFor(item: Dated, previous: Dated | undefined): Headings {
  const year = item.date.slice(0, 4);
  const key = monthKey(item);
  const groupId = `g-${year}-${key}`;
  const newYear = !previous || previous.date.slice(0, 4) !== year;
  const newMonth = newYear || monthKey(previous!) !== key;
  return {
    year: newYear ? year : undefined,
    month: newMonth ? (key === 'year-only' ? `Month not recorded` : monthName(Number(key))) : undefined,
    groupId,
  };
}
