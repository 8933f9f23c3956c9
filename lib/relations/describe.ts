/**
 * Plain-English words for standings: one fact ("changing in 2018, from unknown to open"), a
 * pending change ("Reported plans, 2023: embassy to open"), and the sentence over many dyads
 * ("As of 1 January 2019: 2 states with an open embassy in Syria, ...").
 */
import { countryName } from '@/lib/countries';
import { formatEventDate } from '@/lib/dates';
import type { FactKey } from './change';
import { EMBASSY_LABELS, LEVEL_LABELS, recalledLabel, UNKNOWN, type DiplomaticLevel, type EmbassyValue, type LevelValue, type RecalledValue } from './scale';
import { periodLabel, type DyadStanding, type FactState, type PendingChange } from './standing';

function valueLabel(key: FactKey, value: unknown): string {
  if (key === 'level') return LEVEL_LABELS[value as LevelValue].toLowerCase();
  if (key === 'embassy') return EMBASSY_LABELS[value as EmbassyValue].toLowerCase();
  return recalledLabel(value as RecalledValue).toLowerCase();
}

function orList(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** "open (since 2018)", "unknown", "changing in 2018, from unknown to open", "open or closed (order within 2018 not recorded)". */
export function describeFact(key: FactKey, state: FactState<unknown>): string {
  switch (state.kind) {
    case 'unknown':
      return 'unknown';
    case 'known':
      return `${valueLabel(key, state.value)} (since ${periodLabel(state)})`;
    case 'changing': {
      const from = orList(state.from.map((v) => valueLabel(key, v)));
      const to = orList(state.to.map((v) => valueLabel(key, v)));
      return `changing in ${periodLabel(state.within)}, from ${from} to ${to}`;
    }
    case 'ambiguous':
      return `${orList(state.possible.map((v) => valueLabel(key, v)))} (order within ${periodLabel(state.within)} not recorded)`;
  }
}

const PENDING_WORDS = { announced: 'Announced', reported: 'Reported plans' } as const;

/** "Reported plans, 2023: embassy to open". */
export function describePending(p: PendingChange): string {
  const parts: string[] = [];
  if (p.embassy !== null) parts.push(p.embassy === UNKNOWN ? 'embassy status unknown' : `embassy to ${p.embassy === 'open' ? 'open' : 'close'}`);
  if (p.level !== null) parts.push(p.level === UNKNOWN ? 'level unknown' : `level to become ${LEVEL_LABELS[p.level].toLowerCase()}`);
  if (p.ambassadorRecalled !== null) {
    parts.push(p.ambassadorRecalled === UNKNOWN ? 'ambassador unknown' : p.ambassadorRecalled ? 'ambassador to be recalled' : 'ambassador to return');
  }
  return `${PENDING_WORDS[p.status]}, ${formatEventDate(p.date, p.precision)}: ${parts.join(', ')}`;
}

// ---------------------------------------------------------------------------------------------
// The sentence over many dyads

type Noun = 'state' | 'organisation' | null;

interface Bucket {
  key: string;
  noun: Noun;
  /** The words after "N state(s)": one for a single dyad, one for several. */
  words: (counterpart: string, n: number) => string;
}

const LEVEL_WORDS: Record<DiplomaticLevel, (c: string) => string> = {
  severed: (c) => `with relations with ${c} severed`,
  no_presence: (c) => `with no diplomatic presence in ${c}`,
  protecting_power: (c) => `represented in ${c} by a protecting power`,
  interests_section: (c) => `with an interests section in ${c}`,
  charge_d_affaires: (c) => `with a chargé d'affaires in ${c}`,
  minister: (c) => `with a minister in ${c}`,
  ambassador: (c) => `with an ambassador in ${c}`,
};

// The order the clauses are read in.
const BUCKETS: Bucket[] = [
  { key: 'embassy:open', noun: 'state', words: (c) => `with an open embassy in ${c}` },
  { key: 'embassy:closed', noun: 'state', words: (c, n) => (n === 1 ? `with its embassy in ${c} closed` : `with their embassies in ${c} closed`) },
  ...(Object.keys(LEVEL_WORDS) as DiplomaticLevel[])
    .reverse()
    .map((l): Bucket => ({ key: `level:${l}`, noun: 'state', words: (c) => LEVEL_WORDS[l](c) })),
  { key: 'member:member', noun: 'organisation', words: (c) => `with ${c} as a member` },
  { key: 'member:suspended', noun: 'organisation', words: (c) => `with ${c} suspended` },
  { key: 'member:not_member', noun: 'organisation', words: (c) => `without ${c} as a member` },
  { key: 'changing', noun: null, words: () => 'changing' },
  { key: 'uncertain', noun: null, words: () => 'uncertain' },
  { key: 'announced', noun: null, words: () => 'with plans announced' },
  { key: 'reported', noun: null, words: () => 'with plans reported' },
];

/** The bucket of a headline fact that is not plainly known. */
function unsettled(state: FactState<unknown>): 'changing' | 'uncertain' | null {
  if (state.kind === 'changing') return 'changing';
  if (state.kind === 'ambiguous') return 'uncertain';
  return null;
}

/**
 * The one bucket a dyad counts in, so that the numbers add up to the number of rows. A state is
 * counted by its embassy, and when that is unknown by its level; an organisation by the
 * counterpart's membership. A headline fact in the middle of an imprecise change counts as
 * changing, one whose order is not recorded as uncertain. Then pending plans (announced before
 * reported); else unknown.
 */
export function summaryBucket(s: DyadStanding): string {
  if (s.subjectKind === 'state') {
    if (s.embassy.kind === 'known') return `embassy:${s.embassy.value}`;
    const embassy = unsettled(s.embassy);
    if (embassy) return embassy;
    if (s.level.kind === 'known') return `level:${s.level.value}`;
  } else if (s.level.kind === 'known') {
    return `member:${s.level.value}`;
  }
  const level = unsettled(s.level);
  if (level) return level;
  if (s.changing) return 'changing';
  if (s.pending.some((p) => p.status === 'announced')) return 'announced';
  if (s.pending.length > 0) return 'reported';
  return UNKNOWN;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * "As of 1 January 2019: 2 states with an open embassy in Syria, 1 organisation with Syria
 * suspended, 1 with plans reported; 3 unknown." Every dyad is counted once (`summaryBucket`).
 */
export function summarizeStandings(counterpart: string, asOf: string, standings: readonly DyadStanding[]): string {
  const name = countryName(counterpart);
  const head = `As of ${formatEventDate(asOf, 'day')}`;
  if (standings.length === 0) return `${head}: no standing with ${name} is recorded.`;
  const counts = new Map<string, number>();
  for (const s of standings) {
    const b = summaryBucket(s);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  const clauses: string[] = [];
  for (const bucket of BUCKETS) {
    const n = counts.get(bucket.key);
    if (!n) continue;
    const count = bucket.noun ? plural(n, bucket.noun) : String(n);
    clauses.push(`${count} ${bucket.words(name, n)}`);
  }
  const unknown = counts.get(UNKNOWN) ?? 0;
  if (clauses.length === 0) {
    return `${head}: ${unknown === 1 ? 'the one recorded standing' : `all ${unknown} recorded standings`} with ${name} ${unknown === 1 ? 'is' : 'are'} unknown.`;
  }
  return `${head}: ${clauses.join(', ')}${unknown > 0 ? `; ${unknown} unknown` : ''}.`;
}
