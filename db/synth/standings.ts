/**
 * Synthetic standing changes (issue 12): a few thousand dyads over thirty years, so that the
 * relations board and `GET /api/relations` can be measured at scale. Pure and seeded like the
 * rest of db/synth: the same seed, country order and evidence pools give the same changes.
 *
 * The three most frequent countries are counterparts of about 200 subjects each (every other
 * state and a few organisations: the board's worst case), the next forty of sixty each. A dyad's
 * changes walk up and down its scale at distinct dates, mostly to the day, some only to the month
 * or year, most in effect and some announced or reported; each cites one or two published events
 * involving the counterpart (the pools the loader collected).
 */
import type { CountryCode } from '@/lib/countries';
import { DIPLOMATIC_LEVELS, MEMBERSHIP_LEVELS, type ChangeStatus, type EmbassyValue, type LevelValue, type StoredRecalled } from '@/lib/relations/scale';
import type { DatePrecision } from '@/lib/dates';
import type { Rng } from './random';
import { LAST_YEAR } from './vocabulary';

export const STANDING_YEARS = 30;
export const STANDING_FIRST_YEAR = LAST_YEAR - STANDING_YEARS + 1;
/** Counterparts with a full board (every other state), then counterparts with a partial one. */
export const FULL_BOARDS = 3;
export const PARTIAL_BOARDS = 40;
export const PARTIAL_BOARD_SUBJECTS = 60;
const ORGANISATIONS = ['arab-league', 'un', 'oic', 'gcc', 'african-union'] as const;

export interface SynthStandingChange {
  id: number;
  subject: string;
  counterpart: CountryCode;
  date: string;
  precision: DatePrecision;
  status: ChangeStatus;
  level: LevelValue | null;
  embassy: EmbassyValue | null;
  ambassadorRecalled: StoredRecalled | null;
  note: string | null;
  evidenceEventIds: number[];
  createdAt: string;
}

/** The counterparts whose events the loader keeps as evidence pools. */
export function standingCounterparts(countryOrder: readonly CountryCode[]): CountryCode[] {
  return countryOrder.slice(0, FULL_BOARDS + PARTIAL_BOARDS);
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function randomDay(rng: Rng): { year: number; month: number; day: number } {
  const year = STANDING_FIRST_YEAR + rng.int(STANDING_YEARS);
  const month = 1 + rng.int(12);
  return { year, month, day: 1 + rng.int(DAYS_IN_MONTH[month - 1]!) };
}

function dated(rng: Rng): { date: string; precision: DatePrecision } {
  const { year, month, day } = randomDay(rng);
  const r = rng.next();
  if (r < 0.1) return { date: `${year}-01-01`, precision: 'year' };
  if (r < 0.3) return { date: `${year}-${pad(month)}-01`, precision: 'month' };
  return { date: `${year}-${pad(month)}-${pad(day)}`, precision: 'day' };
}

function status(rng: Rng): ChangeStatus {
  const r = rng.next();
  return r < 0.85 ? 'in_effect' : r < 0.95 ? 'announced' : 'reported';
}

/** The next level: a step or two along the scale, now and then a break or unknown. */
function walk(rng: Rng, scale: readonly string[], current: number): number {
  if (rng.chance(0.05)) return 0;
  const step = rng.chance(0.5) ? 1 : 2;
  const next = current + (rng.chance(0.55) ? step : -step);
  return Math.max(0, Math.min(scale.length - 1, next));
}

function changesOfDyad(rng: Rng, subject: string, counterpart: CountryCode, pool: readonly number[], nextId: () => number): SynthStandingChange[] {
  const organisation = !/^[A-Z]{2}$/.test(subject);
  const scale: readonly string[] = organisation ? MEMBERSHIP_LEVELS : DIPLOMATIC_LEVELS;
  const n = 1 + rng.int(8);
  const seen = new Set<string>();
  const dates: { date: string; precision: DatePrecision }[] = [];
  for (let i = 0; i < n * 2 && dates.length < n; i++) {
    const d = dated(rng);
    if (seen.has(d.date)) continue;
    seen.add(d.date);
    dates.push(d);
  }
  dates.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let level = rng.int(scale.length);
  const out: SynthStandingChange[] = [];
  for (const d of dates) {
    level = walk(rng, scale, level);
    const speaksToLevel = rng.chance(0.8);
    const levelValue: LevelValue | null = speaksToLevel ? (rng.chance(0.05) ? 'unknown' : (scale[level] as LevelValue)) : null;
    const embassy: EmbassyValue | null =
      organisation || (!rng.chance(0.6) && speaksToLevel) ? null : rng.chance(0.05) ? 'unknown' : level >= 3 ? 'open' : 'closed';
    const recalled: StoredRecalled | null = !organisation && rng.chance(0.15) ? (rng.chance(0.1) ? 'unknown' : rng.chance(0.5) ? 'yes' : 'no') : null;
    // Every change says something: the level when nothing else was drawn.
    const finalLevel = levelValue ?? (embassy === null && recalled === null ? (scale[level] as LevelValue) : null);
    const evidence = pool.length === 0 ? [] : [...new Set([rng.pick(pool), ...(rng.chance(0.3) ? [rng.pick(pool)] : [])])].sort((a, b) => a - b);
    out.push({
      id: nextId(),
      subject,
      counterpart,
      date: d.date,
      precision: d.precision,
      status: status(rng),
      level: finalLevel,
      embassy,
      ambassadorRecalled: recalled,
      note: rng.chance(0.2) ? `Synthetic change for ${subject} and ${counterpart}.` : null,
      evidenceEventIds: evidence,
      createdAt: `${LAST_YEAR}-12-31T12:00:00.000Z`,
    });
  }
  return out;
}

/**
 * Every synthetic change, dyad by dyad. `pools` holds published events involving each counterpart;
 * a counterpart without any gets no changes (a change needs evidence).
 */
export function* generateStandingChanges(
  rng: Rng,
  countryOrder: readonly CountryCode[],
  pools: ReadonlyMap<string, readonly number[]>,
): Generator<SynthStandingChange> {
  let id = 0;
  const nextId = () => ++id;
  const counterparts = standingCounterparts(countryOrder);
  for (let i = 0; i < counterparts.length; i++) {
    const counterpart = counterparts[i]!;
    const pool = pools.get(counterpart) ?? [];
    if (pool.length === 0) continue;
    const others = countryOrder.filter((c) => c !== counterpart);
    const subjects: string[] =
      i < FULL_BOARDS ? [...others.slice(0, 200 - ORGANISATIONS.length), ...ORGANISATIONS] : rng.sample(others, PARTIAL_BOARD_SUBJECTS);
    for (const subject of subjects) yield* changesOfDyad(rng, subject, counterpart, pool, nextId);
  }
}
