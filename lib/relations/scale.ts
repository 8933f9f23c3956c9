/**
 * The relations scale (docs/relations-scale.md, docs/decisions/0029-relations-scale.md).
 *
 * A standing is directional: the subject's relation with the counterpart. A state's relation is
 * a diplomatic level (how the subject is represented in the counterpart); an organisation's is
 * a membership level (the counterpart's place in the organisation). Both scales are ordinal,
 * lowest first. "unknown" is a value of its own: it is what the sources say when they do not
 * say, and it is never replaced by a guess.
 */
import { isCountryCode } from '@/lib/countries';

export const UNKNOWN = 'unknown' as const;
export type Unknown = typeof UNKNOWN;

/** Lowest first. The order is for comparison and colour, not arithmetic: see docs/relations-scale.md. */
export const DIPLOMATIC_LEVELS = [
  'severed',
  'no_presence',
  'protecting_power',
  'interests_section',
  'charge_d_affaires',
  'minister',
  'ambassador',
] as const;
export type DiplomaticLevel = (typeof DIPLOMATIC_LEVELS)[number];

/** Lowest first. Readmission is not a level: it is a change to `member` after `suspended`. */
export const MEMBERSHIP_LEVELS = ['not_member', 'suspended', 'member'] as const;
export type MembershipLevel = (typeof MEMBERSHIP_LEVELS)[number];

export type Level = DiplomaticLevel | MembershipLevel;
export type LevelValue = Level | Unknown;

export const LEVELS: readonly Level[] = [...DIPLOMATIC_LEVELS, ...MEMBERSHIP_LEVELS];

/** The subject's embassy (an organisation's mission or office) in the counterpart. */
export const EMBASSY_STATES = ['open', 'closed'] as const;
export type EmbassyState = (typeof EMBASSY_STATES)[number];
export type EmbassyValue = EmbassyState | Unknown;

/** Whether the subject's head of mission has been called home without a change of level. */
export type RecalledValue = boolean | Unknown;

export const CHANGE_STATUSES = ['in_effect', 'announced', 'reported'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export type PendingStatus = Exclude<ChangeStatus, 'in_effect'>;

export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = {
  in_effect: 'In effect',
  announced: 'Announced',
  reported: 'Reported',
};

export type SubjectKind = 'state' | 'organisation';

// Organisation keys are the slugs the actor table uses for bodies (db/seed/seed-data.ts: 'arab-league').
const ORGANISATION_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A subject is a state when it is an ISO 3166-1 alpha-2 code and an organisation when it is a
 * lower-case key; the two forms cannot be confused, so the kind needs no column of its own.
 */
export function subjectKind(subject: string): SubjectKind | null {
  if (isCountryCode(subject)) return 'state';
  // 'sy' is Syria written in lower case, not an organisation: only the canonical form is accepted.
  if (subject.length <= 60 && ORGANISATION_KEY.test(subject) && !isCountryCode(subject.toUpperCase())) return 'organisation';
  return null;
}

export function levelsFor(kind: SubjectKind): readonly Level[] {
  return kind === 'state' ? DIPLOMATIC_LEVELS : MEMBERSHIP_LEVELS;
}

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

export function isDiplomaticLevel(value: string): value is DiplomaticLevel {
  return (DIPLOMATIC_LEVELS as readonly string[]).includes(value);
}

export function isMembershipLevel(value: string): value is MembershipLevel {
  return (MEMBERSHIP_LEVELS as readonly string[]).includes(value);
}

/** True when the level belongs to the subject's scale; "unknown" belongs to both. */
export function isOnScale(kind: SubjectKind, level: LevelValue): boolean {
  if (level === UNKNOWN) return true;
  return kind === 'state' ? isDiplomaticLevel(level) : isMembershipLevel(level);
}

/** Position on its own scale, lowest 0; null for unknown. Never compare ranks across the two scales. */
export function levelRank(level: LevelValue): number | null {
  if (level === UNKNOWN) return null;
  const d = (DIPLOMATIC_LEVELS as readonly string[]).indexOf(level);
  return d >= 0 ? d : (MEMBERSHIP_LEVELS as readonly string[]).indexOf(level);
}

export const LEVEL_LABELS: Record<LevelValue, string> = {
  severed: 'Relations severed',
  no_presence: 'No diplomatic presence',
  protecting_power: 'Protecting power',
  interests_section: 'Interests section',
  charge_d_affaires: "Chargé d'affaires",
  minister: 'Minister (legation)',
  ambassador: 'Ambassador',
  not_member: 'Not a member',
  suspended: 'Suspended',
  member: 'Member',
  unknown: 'Unknown',
};

/** One line each, for tooltips and the table's legend; docs/relations-scale.md has the full text. */
export const LEVEL_DESCRIPTIONS: Record<LevelValue, string> = {
  severed: 'The subject has broken off diplomatic relations with the counterpart, or never established them.',
  no_presence:
    'Relations are not broken off, but the subject has no head of mission accredited to the counterpart and no one acting for it.',
  protecting_power: "A third state represents the subject's interests in the counterpart; the subject has no diplomats of its own there.",
  interests_section:
    "The subject's own diplomats work in the counterpart as an interests section, under the flag of a protecting power.",
  charge_d_affaires: "The subject's mission in the counterpart is headed by a chargé d'affaires (accredited to the foreign minister).",
  minister: "The subject's mission is a legation headed by an envoy or minister; rare since the 1960s.",
  ambassador:
    "The subject's mission is headed by an ambassador (or a high commissioner, nuncio or equivalent) accredited to the head of state.",
  not_member: 'The counterpart is not a member of the organisation: it never joined, left, or was expelled.',
  suspended: 'The counterpart is a member whose participation (seat, vote) is suspended.',
  member: 'The counterpart takes part as a full member.',
  unknown: 'The sources do not say. Never a guess.',
};

export const EMBASSY_LABELS: Record<EmbassyValue, string> = { open: 'Open', closed: 'Closed', unknown: 'Unknown' };

export function recalledLabel(value: RecalledValue): string {
  if (value === UNKNOWN) return 'Unknown';
  return value ? 'Recalled' : 'Not recalled';
}

/**
 * Correlates of War Diplomatic Exchange v2006.1 code (DR_at_1 / DR_at_2: 0 no evidence of
 * diplomatic exchange, 1 chargé d'affaires, 2 minister, 3 ambassador, 9 other) for the level at
 * which the subject is represented in the counterpart. Lossy: see docs/relations-scale.md.
 */
export const COW_DIPLOMATIC_EXCHANGE_CODE: Record<DiplomaticLevel, 0 | 1 | 2 | 3 | 9> = {
  severed: 0,
  no_presence: 0,
  protecting_power: 0,
  interests_section: 9,
  charge_d_affaires: 1,
  minister: 2,
  ambassador: 3,
};

/**
 * Correlates of War IGO v3 state membership code (0 no membership, 1 full membership, 2
 * associate, 3 observer, -9 missing). The IGO data have no suspension: a suspended member is
 * still a member, so it exports as 1 and the suspension lives only in our level column.
 */
export const COW_IGO_CODE: Record<MembershipLevel, 0 | 1> = {
  not_member: 0,
  suspended: 1,
  member: 1,
};

export type CowScheme = 'diplomatic_exchange' | 'igo';

/** The COW-style code of a level and the scheme it comes from; null for unknown (a blank cell, not a guess). */
export function cowCode(level: LevelValue): { scheme: CowScheme; code: number } | null {
  if (level === UNKNOWN) return null;
  if (isDiplomaticLevel(level)) return { scheme: 'diplomatic_exchange', code: COW_DIPLOMATIC_EXCHANGE_CODE[level] };
  return { scheme: 'igo', code: COW_IGO_CODE[level] };
}

/**
 * What a move from one level to another is called, for markers: "readmitted" is a change to
 * member from suspended, "downgraded" a move down the diplomatic scale.
 */
export function describeTransition(from: LevelValue | null, to: LevelValue): string {
  if (to === UNKNOWN) return 'level no longer known';
  if (from === null || from === UNKNOWN) return `now ${LEVEL_LABELS[to].toLowerCase()}`;
  if (from === to) return `still ${LEVEL_LABELS[to].toLowerCase()}`;
  if (isMembershipLevel(to)) {
    if (to === 'member') return from === 'suspended' ? 'readmitted' : 'admitted';
    if (to === 'suspended') return 'suspended';
    return from === 'suspended' || from === 'member' ? 'left or expelled' : 'not a member';
  }
  if (to === 'severed') return 'relations severed';
  const a = levelRank(from)!;
  const b = levelRank(to)!;
  if (from === 'severed') return `relations restored (${LEVEL_LABELS[to].toLowerCase()})`;
  return `${b > a ? 'upgraded' : 'downgraded'} to ${LEVEL_LABELS[to].toLowerCase()}`;
}

/** Every value a level column may hold (the database's check constraint), "unknown" last. */
export const LEVEL_VALUES = [...DIPLOMATIC_LEVELS, ...MEMBERSHIP_LEVELS, UNKNOWN] as const;
export const EMBASSY_VALUES = [...EMBASSY_STATES, UNKNOWN] as const;

/** How `RecalledValue` is stored in a text column (and written in forms and CSV). */
export const RECALLED_VALUES = ['yes', 'no', UNKNOWN] as const;
export type StoredRecalled = (typeof RECALLED_VALUES)[number];

export function recalledToStored(value: RecalledValue): StoredRecalled {
  if (value === UNKNOWN) return UNKNOWN;
  return value ? 'yes' : 'no';
}

export function recalledFromStored(value: StoredRecalled): RecalledValue {
  if (value === UNKNOWN) return UNKNOWN;
  return value === 'yes';
}
