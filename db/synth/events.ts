/**
 * Synthetic events, generated one at a time in id order from a seeded PRNG. Each event is
 * consistent in itself: its type decides who takes part and in which role, which legal
 * authority and program it carries, its countries, tags and text; its sources cite it on dates
 * around it; its links point to earlier events of a fitting type.
 */
import { countryName, type CountryCode, type CountryRole } from '@/lib/countries';
import type { DatePrecision } from '@/lib/dates';
import type { EventTypeKey } from '@/lib/event-types';
import type { EntityRole, EventStatus, LinkKind } from '@/lib/vocabulary';
import type { EventRow, SourceRow } from '../schema';
import { dayNumber, growthQuantile, timestamp, type Calendar } from './calendar';
import { UsagePool, type EntityIndex } from './entities';
import { properName, urlSlug } from './names';
import { weightTable, type Rng } from './random';
import { detailSentence, eventText, sourceHeadline, type Slots } from './text';
import {
  ACTIVITIES,
  OFFICIAL_TITLES,
  PUBLISHERS,
  QUALIFIERS,
  REGIMES,
  SECTORS,
  TAG_LABELS,
  TOPICS,
  TYPE_TAGS,
  TYPE_WEIGHTS,
  type Regime,
} from './vocabulary';

/** A source as the `sources` table holds it, less what the bulk insert adds (ids, order). */
export type SynthSource = Omit<SourceRow, 'id' | 'eventId' | 'position'>;

/** An event row as the bulk insert writes it (scripts write no user ids), with its relations. */
export type SynthEvent = Omit<EventRow, 'externalId' | 'createdBy' | 'updatedBy'> & {
  externalId: string;
  countries: { code: CountryCode; role: CountryRole }[];
  actors: { entityId: number; role: EntityRole }[];
  /** 1-based positions in TAG_LABELS, which are also the tag ids in a fresh database. */
  tagIds: number[];
  sources: SynthSource[];
  links: { toEventId: number; kind: LinkKind }[];
};

export interface EventGeneratorOptions {
  rng: Rng;
  count: number;
  entities: EntityIndex;
  countryOrder: readonly CountryCode[];
  calendar: Calendar;
}

/** Four times as many events in the last year as in the first. */
const GROWTH = Math.log(4);
/** Share of events recorded long after they happened (backfill), rather than within days. */
const BACKFILL = 0.15;
const BACKFILL_MEAN_LAG_DAYS = 700;
const DRAFT_RATE = 0.02;
const DELETED_RATE = 0.01;
const RECENT = 256;

/** Thematic regimes (terrorism, human rights, cyber…), for targets no country regime covers; US ones weigh more. */
const THEMATIC = weightTable<Regime>(REGIMES.filter((r) => r.targets.length === 0).map((r) => [r, r.issuer === 'US' ? 2 : 1]));

const PRECISION = weightTable<DatePrecision>([
  ['day', 85],
  ['month', 11],
  ['year', 4],
]);
const TARGET_COUNT = weightTable([
  [1, 45],
  [2, 22],
  [3, 14],
  [4, 8],
  [5, 6],
  [8, 3],
  [12, 2],
] as const);
const TAG_COUNT = weightTable([
  [0, 15],
  [1, 30],
  [2, 30],
  [3, 15],
  [4, 10],
] as const);
const SOURCE_COUNT = weightTable([
  [1, 60],
  [2, 30],
  [3, 10],
] as const);
const TYPES = weightTable(TYPE_WEIGHTS);
const TAG_INDEX = new Map(TAG_LABELS.map((label, i) => [label, i + 1]));
const TYPE_TAG_IDS = Object.fromEntries(
  Object.entries(TYPE_TAGS).map(([type, labels]) => [type, labels.map((l) => TAG_INDEX.get(l)!)]),
) as Record<EventTypeKey, number[]>;

/** What the generator remembers across events, and the draws every section of an event uses. */
class EventGenerator {
  /** Event dates as day numbers, to keep links pointing at earlier events without a query. */
  readonly dates: Int32Array;
  readonly recentByType = new Map<EventTypeKey, number[]>();
  readonly lastAuthorityByProgram = new Map<string, number>();
  /** Made-up places shared by all events: each name recurs, so it is a mid-frequency search term. */
  readonly places: string[];
  private readonly pools = new Map<string, UsagePool>();
  /** How far through the events we are (0-1): usage pools favour some entities early, others late. */
  progress = 0;

  constructor(readonly options: EventGeneratorOptions) {
    this.dates = new Int32Array(options.count + 1);
    this.places = Array.from({ length: Math.min(5000, 300 + Math.floor(options.count / 100)) }, () => properName(options.rng, true));
  }

  get rng(): Rng {
    return this.options.rng;
  }

  get entities(): EntityIndex {
    return this.options.entities;
  }

  pickCountry(exclude?: CountryCode): CountryCode {
    const { countryOrder } = this.options;
    for (;;) {
      const c = countryOrder[this.rng.zipf(countryOrder.length, 1.05)]!;
      if (c !== exclude) return c;
    }
  }

  /** An entity of the country (now and then one of anywhere), persons or companies and organisations. */
  private draw(kind: 'person' | 'other', country: CountryCode): number | null {
    const { rng, entities } = this;
    const local = (kind === 'person' ? entities.personsOf : entities.othersOf).get(country);
    // Countries with few entities share the global pool: tiny pools would run dry and repeat.
    const useLocal = local !== undefined && local.length >= 25 && rng.chance(0.9);
    const key = useLocal ? `${kind}:${country}` : kind;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new UsagePool(useLocal ? local : kind === 'person' ? entities.allPersons : entities.allOthers);
      this.pools.set(key, pool);
    }
    return pool.draw(rng, this.progress);
  }

  person(country: CountryCode): number | null {
    return this.draw('person', country);
  }

  targetEntity(country: CountryCode): number | null {
    return this.draw(this.rng.chance(0.5) ? 'person' : 'other', country);
  }

  regimeFor(target: CountryCode): Regime {
    const specific = REGIMES.filter((r) => r.targets.includes(target));
    if (specific.length > 0 && this.rng.chance(0.85)) return this.rng.pick(specific);
    return this.rng.weighted(THEMATIC);
  }

  /** A recent event of one of these types, dated no later than event `id`; null when there is none. */
  recent(types: EventTypeKey[], id: number): number | null {
    const list = this.recentByType.get(this.rng.pick(types));
    if (!list || list.length === 0) return null;
    const to = list[this.rng.int(list.length)]!;
    return to !== id && this.dates[to]! <= this.dates[id]! ? to : null;
  }

  /** Keeps the event among the recent ones of its type (a bounded ring), and an authority by its program. */
  remember(id: number, type: EventTypeKey, program: string | null): void {
    const recentList = this.recentByType.get(type);
    if (!recentList) this.recentByType.set(type, [id]);
    else if (recentList.length < RECENT) recentList.push(id);
    else recentList[id % RECENT] = id;
    if (type === 'authority' && program) this.lastAuthorityByProgram.set(program, id);
  }
}

interface EventDating {
  /** The day it was recorded (ids follow recording order). */
  entryDay: number;
  /** The day it happened. */
  day: number;
  precision: DatePrecision;
  /** The stored date: the first day of its period. */
  date: string;
}

/** When the event was recorded, and when it happened: mostly days before, sometimes months or years. */
function dateEvent(g: EventGenerator, id: number): EventDating {
  const { rng } = g;
  const { count, calendar } = g.options;
  const entryX = growthQuantile((id - 0.5) / count, GROWTH);
  const entryDay = calendar.first + Math.floor(entryX * calendar.span);
  let day: number;
  if (rng.chance(BACKFILL)) {
    // Months or years late; a lag reaching before the period is redrawn within it (no pile-up on day one).
    const lag = Math.floor(rng.exponential(BACKFILL_MEAN_LAG_DAYS));
    day = entryDay - lag >= calendar.first ? entryDay - lag : calendar.first + rng.int(entryDay - calendar.first + 1);
  } else {
    day = entryDay - Math.min(60, Math.floor(rng.exponential(4)));
  }
  const weekday = calendar.weekday(day);
  if ((weekday === 0 || weekday === 6) && rng.chance(0.8)) day -= weekday === 6 ? 1 : 2;
  day = calendar.clamp(day);
  const precision = rng.weighted(PRECISION);
  const iso = calendar.isoDay(day);
  const date = precision === 'year' ? `${iso.slice(0, 4)}-01-01` : precision === 'month' ? `${iso.slice(0, 7)}-01` : iso;
  // Links compare stored dates (the start of the period), as the timeline orders them.
  g.dates[id] = precision === 'day' ? day : dayNumber(date);
  return { entryDay, day, precision, date };
}

/** Who takes part and where, and the legal basis: what the type of the event decides. */
interface Participants {
  countries: SynthEvent['countries'];
  actors: SynthEvent['actors'];
  legalAuthority: string | null;
  program: string | null;
  issuerCountry: CountryCode;
  targetCountry: CountryCode;
  /** The regime the text talks about: the event's own, or one in the news for other types. */
  textRegime: Regime;
  subjectIds: number[];
  speakerId: number | null;
  issuerEntity: number | null;
}

function newParticipants(issuerCountry: CountryCode, targetCountry: CountryCode, textRegime: Regime): Participants {
  return {
    countries: [],
    actors: [],
    legalAuthority: null,
    program: null,
    issuerCountry,
    targetCountry,
    textRegime,
    subjectIds: [],
    speakerId: null,
    issuerEntity: null,
  };
}

const addActor = (p: Participants, entityId: number | null | undefined, role: EntityRole) => pushActor(p.actors, entityId, role);
const addCountry = (p: Participants, code: CountryCode, role: CountryRole) => pushCountry(p.countries, code, role);

/** A designation, a removal or a new authority: a regime's issuer acts on a target country. */
function sanctionParticipants(g: EventGenerator, type: 'designation' | 'removal' | 'authority'): Participants {
  const { rng, entities } = g;
  let targetCountry = g.pickCountry();
  const regime = g.regimeFor(targetCountry);
  const issuerCountry = regime.issuer;
  if (targetCountry === issuerCountry) targetCountry = g.pickCountry(issuerCountry);
  const p = newParticipants(issuerCountry, targetCountry, regime);
  p.issuerEntity = entities.governmentOf.get(issuerCountry) ?? null;
  addCountry(p, issuerCountry, 'actor');
  addCountry(p, targetCountry, 'target');
  if (type === 'authority') {
    p.legalAuthority = regime.authority;
    if (rng.chance(0.6)) p.program = regime.program;
    addActor(p, p.issuerEntity, 'issuer');
    if (rng.chance(0.4)) p.speakerId = g.person(issuerCountry);
    addActor(p, p.speakerId, 'signatory');
    if (rng.chance(0.15)) addActor(p, entities.legislatureOf.get(issuerCountry), 'participant');
    return p;
  }
  const carries = type === 'designation' ? 0.9 : 0.6;
  if (rng.chance(carries)) {
    p.legalAuthority = regime.authority;
    p.program = regime.program;
  } else if (rng.chance(0.5)) {
    p.legalAuthority = regime.authority;
  }
  addActor(p, p.issuerEntity, 'issuer');
  const n = type === 'designation' ? rng.weighted(TARGET_COUNT) : rng.chance(0.7) ? 1 : 2;
  for (let k = 0; k < n; k++) {
    const e = g.targetEntity(targetCountry);
    if (e && !p.subjectIds.includes(e)) p.subjectIds.push(e);
  }
  for (const e of p.subjectIds) addActor(p, e, type === 'designation' ? 'target' : 'subject');
  if (rng.chance(0.12)) addCountry(p, g.pickCountry(targetCountry), 'location');
  return p;
}

/** Diplomacy, statements, legislation and advocacy: one country speaks or acts towards another. */
function otherParticipants(g: EventGenerator, type: Exclude<EventTypeKey, 'designation' | 'removal' | 'authority'>): Participants {
  const { rng, entities } = g;
  const issuerCountry = g.pickCountry();
  const targetCountry = g.pickCountry(issuerCountry);
  const p = newParticipants(issuerCountry, targetCountry, rng.pick(REGIMES));
  addCountry(p, issuerCountry, 'actor');
  if (type !== 'advocacy' || rng.chance(0.6)) addCountry(p, targetCountry, 'target');
  if (type === 'normalisation' || type === 'isolation') {
    p.issuerEntity =
      type === 'isolation' && entities.bodies.length > 0 && rng.chance(0.3)
        ? rng.pick(entities.bodies)
        : (entities.governmentOf.get(issuerCountry) ?? null);
    addActor(p, p.issuerEntity, 'issuer');
    addActor(p, entities.governmentOf.get(targetCountry), type === 'isolation' ? 'target' : 'participant');
    if (rng.chance(0.5)) p.speakerId = g.person(issuerCountry);
    addActor(p, p.speakerId, 'participant');
    if (rng.chance(0.5)) addCountry(p, rng.chance(0.7) ? targetCountry : issuerCountry, 'location');
  } else if (type === 'statement') {
    p.speakerId = g.person(issuerCountry);
    addActor(p, p.speakerId, 'speaker');
    if (rng.chance(0.6)) addActor(p, entities.governmentOf.get(issuerCountry), 'issuer');
    if (rng.chance(0.3)) {
      const e = g.targetEntity(targetCountry);
      if (e) p.subjectIds.push(e);
      addActor(p, e, 'subject');
    }
    if (rng.chance(0.05)) p.legalAuthority = p.textRegime.authority;
  } else if (type === 'legislative') {
    p.issuerEntity = entities.legislatureOf.get(issuerCountry) ?? entities.governmentOf.get(issuerCountry) ?? null;
    addActor(p, p.issuerEntity, 'issuer');
    const n = rng.between(1, 3);
    for (let k = 0; k < n; k++) addActor(p, g.person(issuerCountry), 'signatory');
    p.speakerId = p.actors.find((a) => a.role === 'signatory')?.entityId ?? null;
    if (rng.chance(0.4)) addActor(p, entities.governmentOf.get(issuerCountry), 'addressee');
    if (rng.chance(0.2)) {
      p.legalAuthority = p.textRegime.authority;
      p.program = rng.chance(0.5) ? p.textRegime.program : null;
    }
  } else {
    const orgs = entities.organisations;
    p.issuerEntity = orgs.length > 0 ? orgs[rng.zipf(orgs.length, 1)]! : null;
    addActor(p, p.issuerEntity, 'issuer');
    const n = rng.between(0, 4);
    for (let k = 0; k < n; k++) addActor(p, g.person(g.pickCountry()), 'signatory');
    p.speakerId = p.actors.find((a) => a.role === 'signatory')?.entityId ?? null;
    addActor(p, entities.governmentOf.get(issuerCountry), 'addressee');
  }
  return p;
}

function isSanction(type: EventTypeKey): type is 'designation' | 'removal' | 'authority' {
  return type === 'designation' || type === 'removal' || type === 'authority';
}

/** The words the text templates fill in, from who takes part. */
function textSlots(g: EventGenerator, type: EventTypeKey, p: Participants, date: string): Slots {
  const { rng } = g;
  const names = g.entities.names;
  const subjectNames = p.subjectIds.map((e) => names[e]!);
  return {
    issuer: countryName(p.issuerCountry),
    target: countryName(p.targetCountry),
    subject:
      subjectNames[0] ??
      (p.issuerEntity && (type === 'legislative' || type === 'advocacy') ? names[p.issuerEntity]! : countryName(p.targetCountry)),
    subjects: subjectNames.length > 0 ? subjectNames : [countryName(p.targetCountry)],
    speaker: p.speakerId ? names[p.speakerId]! : `${properName(rng)} ${properName(rng, true)}`,
    office: rng.pick(OFFICIAL_TITLES),
    place: rng.pick(g.places),
    sector: rng.pick(SECTORS),
    activity: rng.pick(ACTIVITIES),
    topic: rng.pick(TOPICS),
    qualifier: rng.pick(QUALIFIERS),
    authority: p.legalAuthority ?? p.textRegime.authority,
    program: p.program ?? p.textRegime.program,
    number: rng.between(2, 99) + (rng.chance(0.3) ? rng.int(9000) : 0),
    year: date.slice(0, 4),
  };
}

/** When a measure takes effect and when it ends, for the types that have such dates. */
function datesAround(g: EventGenerator, type: EventTypeKey, day: number): { effectiveDate: string | null; endDate: string | null } {
  const { rng } = g;
  const { calendar } = g.options;
  let effectiveDate: string | null = null;
  let endDate: string | null = null;
  const effectiveRate = type === 'authority' ? 0.7 : type === 'removal' ? 0.3 : type === 'designation' ? 0.15 : 0;
  if (rng.chance(effectiveRate)) effectiveDate = calendar.isoDay(day + rng.between(0, 90));
  const endRate = type === 'removal' ? 0.1 : type === 'authority' ? 0.05 : type === 'isolation' ? 0.05 : 0;
  if (rng.chance(endRate)) endDate = calendar.isoDay(day + rng.between(90, 5 * 365));
  return { effectiveDate, endDate };
}

/** Tags: a Zipf skew over the whole vocabulary, with the type's own tags more likely. */
function pickTags(g: EventGenerator, type: EventTypeKey): number[] {
  const { rng } = g;
  const tagIds: number[] = [];
  const tagCount = rng.weighted(TAG_COUNT);
  for (let k = 0; k < tagCount * 2 && tagIds.length < tagCount; k++) {
    const tagId = rng.chance(0.4) ? rng.pick(TYPE_TAG_IDS[type]) : rng.zipf(TAG_LABELS.length, 1) + 1;
    if (!tagIds.includes(tagId)) tagIds.push(tagId);
  }
  return tagIds;
}

/** Sources: outlets on example domains, published on or shortly after the event. */
function citeSources(g: EventGenerator, id: number, title: string, slots: Slots, when: EventDating): SynthSource[] {
  const { rng } = g;
  const { calendar } = g.options;
  const { day, date, precision } = when;
  const sources: SynthSource[] = [];
  const sourceCount = rng.weighted(SOURCE_COUNT);
  for (let k = 0; k < sourceCount; k++) {
    const publisher = rng.pick(PUBLISHERS);
    const headline = k === 0 && rng.chance(0.6) ? title : sourceHeadline(rng, slots);
    const pubDay =
      precision === 'day'
        ? day + rng.between(0, 3)
        : dayNumber(date) + rng.int(precision === 'month' ? daysInMonth(date) : 365);
    const pubIso = calendar.isoDay(Math.min(pubDay, calendar.last + 30));
    sources.push({
      url: rng.chance(0.95)
        ? `https://${publisher.host}/${publisher.section}/${pubIso.slice(0, 4)}/${pubIso.slice(5, 7)}/${urlSlug(headline, 8)}-${id}${k > 0 ? `-${k}` : ''}`
        : null,
      title: headline,
      publisher: rng.chance(0.95) ? publisher.name : null,
      publishedDate: rng.chance(0.92) ? pubIso : null,
      excerpt: rng.chance(0.85) ? detailSentence(rng, slots) : null,
      note: null,
    });
  }
  return sources;
}

/** Links to earlier events of a fitting type. */
function linkEarlier(g: EventGenerator, id: number, type: EventTypeKey, program: string | null): SynthEvent['links'] {
  const { rng } = g;
  const links: SynthEvent['links'] = [];
  const addLink = (to: number | null | undefined, kind: LinkKind) => pushLink(links, g.dates, id, to, kind);
  if (type === 'designation' || type === 'removal') {
    if (program && rng.chance(0.25)) addLink(g.lastAuthorityByProgram.get(program), 'implements');
    if (type === 'removal' && rng.chance(0.25)) addLink(g.recent(['designation'], id), 'reverses');
    if (rng.chance(0.08)) addLink(g.recent([type], id), 'follows_up');
  } else if (type === 'authority') {
    if (rng.chance(0.15)) addLink(g.recent(['authority'], id), 'amends');
  } else if (type === 'statement' || type === 'legislative' || type === 'advocacy') {
    if (rng.chance(0.3)) addLink(g.recent(['designation', 'normalisation', 'isolation', 'authority', 'removal'], id), 'responds_to');
    if (rng.chance(0.05)) addLink(g.recent([type], id), 'follows_up');
  } else {
    if (rng.chance(0.15)) addLink(g.recent([type], id), 'follows_up');
    if (rng.chance(0.1)) addLink(g.recent(['normalisation', 'isolation', 'statement'], id), 'related');
  }
  if (rng.chance(0.03)) addLink(g.recent(['statement', 'designation'], id), 'related');
  return links;
}

/** Recording and history: when it was created, whether it is a draft, whether it was deleted since. */
function recordEvent(g: EventGenerator, when: EventDating) {
  const { rng } = g;
  const { calendar } = g.options;
  const createdAt = timestamp(calendar, when.entryDay, rng);
  const status: EventStatus = rng.chance(DRAFT_RATE) ? 'draft' : 'published';
  const deletedAt = rng.chance(DELETED_RATE)
    ? timestamp(calendar, Math.min(calendar.last, Math.max(when.entryDay, when.day) + rng.between(1, 200)), rng)
    : null;
  const deletedAfterCreation = deletedAt !== null && deletedAt > createdAt ? deletedAt : null;
  return {
    status,
    createdAt,
    updatedAt: deletedAfterCreation ?? createdAt,
    version: deletedAfterCreation ? 2 : 1,
    deletedAt: deletedAfterCreation,
  };
}

export function* generateEvents(options: EventGeneratorOptions): Generator<SynthEvent> {
  const g = new EventGenerator(options);
  const { rng, count } = options;
  for (let id = 1; id <= count; id++) {
    g.progress = id / count;
    const type = rng.weighted(TYPES);
    const when = dateEvent(g, id);
    const who = isSanction(type) ? sanctionParticipants(g, type) : otherParticipants(g, type);
    const slots = textSlots(g, type, who, when.date);
    const { title, summary, details } = eventText(rng, type, slots);
    const { effectiveDate, endDate } = datesAround(g, type, when.day);
    const tagIds = pickTags(g, type);
    const sources = citeSources(g, id, title, slots, when);
    const links = linkEarlier(g, id, type, who.program);
    g.remember(id, type, who.program);
    const recorded = recordEvent(g, when);
    yield {
      id,
      externalId: `synth:${id}`,
      type,
      title,
      summary,
      details,
      date: when.date,
      datePrecision: when.precision,
      effectiveDate,
      effectiveDatePrecision: effectiveDate ? 'day' : null,
      endDate,
      endDatePrecision: endDate ? 'day' : null,
      status: recorded.status,
      legalAuthority: who.legalAuthority,
      program: who.program,
      createdAt: recorded.createdAt,
      updatedAt: recorded.updatedAt,
      version: recorded.version,
      deletedAt: recorded.deletedAt,
      countries: who.countries,
      actors: who.actors,
      tagIds,
      sources,
      links,
    };
  }
}

function pushActor(actors: SynthEvent['actors'], entityId: number | null | undefined, role: EntityRole): void {
  if (entityId && !actors.some((a) => a.entityId === entityId && a.role === role)) actors.push({ entityId, role });
}

function pushCountry(countries: SynthEvent['countries'], code: CountryCode, role: CountryRole): void {
  if (!countries.some((c) => c.code === code && c.role === role)) countries.push({ code, role });
}

/** A link to an earlier event (by stored date), once per target and kind. */
function pushLink(
  links: SynthEvent['links'],
  dates: Int32Array,
  from: number,
  to: number | null | undefined,
  kind: LinkKind,
): void {
  if (to && to !== from && dates[to]! <= dates[from]! && !links.some((l) => l.toEventId === to && l.kind === kind)) {
    links.push({ toEventId: to, kind });
  }
}

function daysInMonth(isoDay: string): number {
  return new Date(Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)), 0)).getUTCDate();
}
