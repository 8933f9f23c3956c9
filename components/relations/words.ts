/**
 * The board's words for a change, a segment and a row's standing, built on lib/relations/describe:
 * one wording for the tooltip, the table, the dyad page and the print.
 */
import { formatEventDate } from '@/lib/dates';
import type { BandSegment, ChangeMarker } from '@/lib/relations/bands';
import { FACT_KEYS, factLabel, type ChangeFacts, type FactKey } from '@/lib/relations/change';
import { describeFact, describePending } from '@/lib/relations/describe';
import { CHANGE_STATUS_LABELS, type SubjectKind } from '@/lib/relations/scale';
import type { DyadFacts, DyadStanding } from '@/lib/relations/standing';

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "embassy open, level unknown": only the facts the change speaks to. */
export function changeFactsText(facts: ChangeFacts): string {
  const parts: string[] = [];
  for (const key of FACT_KEYS) {
    const v = facts[key];
    if (v === null) continue;
    parts.push(key === 'level' ? `level ${factLabel(key, v)}` : factLabel(key, v));
  }
  return parts.join(', ');
}

/** "2018 (known to the year)". */
export function changeDateText(m: Pick<ChangeMarker, 'date' | 'precision'>): string {
  const date = formatEventDate(m.date, m.precision);
  return m.precision === 'day' ? date : `${date} (known to the ${m.precision})`;
}

/** "In effect, 2018 (known to the year): embassy open". */
export function changeText(m: Pick<ChangeMarker, 'date' | 'precision' | 'status'> & ChangeFacts): string {
  return `${CHANGE_STATUS_LABELS[m.status]}, ${changeDateText(m)}: ${changeFactsText(m) || 'no fact recorded'}`;
}

export function factName(key: FactKey, kind: SubjectKind): string {
  if (key === 'level') return kind === 'organisation' ? 'Membership' : 'Level';
  return key === 'embassy' ? 'Embassy' : 'Ambassador';
}

/** The facts worth a line for this kind of subject: an organisation's embassy only when recorded. */
export function factsToShow(facts: DyadFacts, kind: SubjectKind): FactKey[] {
  if (kind === 'state') return [...FACT_KEYS];
  return FACT_KEYS.filter((k) => k === 'level' || facts[k].kind !== 'unknown' || facts[k].recorded);
}

/** One line per fact: "Embassy: open (since 2018)", "Level: Unknown", "Embassy: changing in 2018, from unknown to open". */
export function standingLines(s: Pick<DyadStanding, 'level' | 'embassy' | 'ambassadorRecalled'>, kind: SubjectKind): { key: FactKey; label: string; text: string }[] {
  return factsToShow(s, kind).map((key) => ({ key, label: factName(key, kind), text: capitalise(describeFact(key, s[key])) }));
}

/** "Reported plans, 2023: embassy to open", oldest first. */
export function pendingLines(s: Pick<DyadStanding, 'pending'>): string[] {
  return s.pending.map(describePending);
}

/** What a segment says, for its tooltip: "1 Jan 2012 – 30 Dec 2018: level unknown; embassy closed (since 2012)". */
export function segmentText(seg: BandSegment, kind: SubjectKind): string {
  const span = `${formatEventDate(seg.from, 'day')} to ${formatEventDate(seg.to, 'day')}`;
  const facts = factsToShow(seg.facts, kind).map((k) => `${factName(k, kind).toLowerCase()} ${describeFact(k, seg.facts[k])}`);
  return `${span}${seg.uncertain ? ' (uncertain)' : ''}: ${facts.join('; ')}`;
}
