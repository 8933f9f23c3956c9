/**
 * What the board's components take for a row: a dyad's band and standing from lib/relations and
 * the timeline's events between the two sides. db/queries/relations.ts builds these; the shape is
 * written here so the components can be rendered from hand-made rows in tests.
 */
import type { DatePrecision } from '@/lib/dates';
import type { EventTypeKey } from '@/lib/event-types';
import type { DyadBand } from '@/lib/relations/bands';
import type { Dyad } from '@/lib/relations/change';
import type { SubjectKind } from '@/lib/relations/scale';
import type { DyadStanding } from '@/lib/relations/standing';

export interface BoardEvent {
  id: number;
  date: string;
  precision: DatePrecision;
  type: EventTypeKey;
  title: string;
}

export interface BoardRowView {
  dyad: Dyad;
  subjectKind: SubjectKind;
  subjectName: string;
  region: string;
  band: DyadBand;
  standing: DyadStanding;
  /** The latest events between the two sides in the range (the board keeps a limited number). */
  events: readonly BoardEvent[];
  /** How many there are in all, when more than `events` holds. */
  eventCount?: number;
}
