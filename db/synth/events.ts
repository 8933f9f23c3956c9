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

export function* generateEvents(options: EventGeneratorOptions): Generator<SynthEvent> {
  const { rng, count, entities, countryOrder, calendar } = options;
  /** Event dates as day numbers, to keep links pointing at earlier events without a query. */
  const dates = new Int32Array(count + 1);
  const recentByType = new Map<EventTypeKey, number[]>();
  const lastAuthorityByProgram = new Map<string, number>();
  // Made-up places shared by all events: each name recurs, so it is a mid-frequency search term.
  const places = Array.from({ length: Math.min(5000, 300 + Math.floor(count / 100)) }, () => properName(rng, true));
  const pools = new Map<string, UsagePool>();
  let progress = 0;

  const pickCountry = (exclude?: CountryCode): CountryCode => {
    for (;;) {
      const c = countryOrder[rng.zipf(countryOrder.length, 1.05)]!;
      if (c !== exclude) return c;
    }
  };
  /** An entity of the country (now and then one of anywhere), persons or companies and organisations. */
  const draw = (kind: 'person' | 'other', country: CountryCode): number | null => {
    const local = (kind === 'person' ? entities.personsOf : entities.othersOf).get(country);
    // Countries with few entities share the global pool: tiny pools would run dry and repeat.
    const useLocal = local !== undefined && local.length >= 25 && rng.chance(0.9);
    const key = useLocal ? `${kind}:${country}` : kind;
    let pool = pools.get(key);
    if (!pool) {
      pool = new UsagePool(useLocal ? local : kind === 'person' ? entities.allPersons : entities.allOthers);
      pools.set(key, pool);
    }
    return pool.draw(rng, progress);
  };
  const person = (country: CountryCode) => draw('person', country);
  const targetEntity = (country: CountryCode) => draw(rng.chance(0.5) ? 'person' : 'other', country);
  const regimeFor = (target: CountryCode): Regime => {
    const specific = REGIMES.filter((r) => r.targets.includes(target));
    if (specific.length > 0 && rng.chance(0.85)) return rng.pick(specific);
    return rng.weighted(THEMATIC);
  };
  const recent = (types: EventTypeKey[], id: number): number | null => {
    const list = recentByType.get(rng.pick(types));
    if (!list || list.length === 0) return null;
    const to = list[rng.int(list.length)]!;
    return to !== id && dates[to]! <= dates[id]! ? to : null;
  };

  for (let id = 1; id <= count; id++) {
    progress = id / count;
    const type = rng.weighted(TYPES);

    // When it was recorded (ids follow recording order) and when it happened.
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
    dates[id] = precision === 'day' ? day : dayNumber(date);

    // Who and where.
    const countries: SynthEvent['countries'] = [];
    const actors: SynthEvent['actors'] = [];
    const addActor = (entityId: number | null | undefined, role: EntityRole) => pushActor(actors, entityId, role);
    const addCountry = (code: CountryCode, role: CountryRole) => pushCountry(countries, code, role);
    let legalAuthority: string | null = null;
    let program: string | null = null;
    let issuerCountry: CountryCode;
    let targetCountry: CountryCode;
    /** The regime the text talks about: the event's own, or one in the news for other types. */
    let textRegime: Regime = REGIMES[0]!;
    const subjectIds: number[] = [];
    let speakerId: number | null = null;
    let issuerEntity: number | null = null;

    if (type === 'designation' || type === 'removal' || type === 'authority') {
      targetCountry = pickCountry();
      const regime = regimeFor(targetCountry);
      textRegime = regime;
      issuerCountry = regime.issuer;
      if (targetCountry === issuerCountry) targetCountry = pickCountry(issuerCountry);
      issuerEntity = entities.governmentOf.get(issuerCountry) ?? null;
      addCountry(issuerCountry, 'actor');
      addCountry(targetCountry, 'target');
      if (type === 'authority') {
        legalAuthority = regime.authority;
        if (rng.chance(0.6)) program = regime.program;
        addActor(issuerEntity, 'issuer');
        if (rng.chance(0.4)) speakerId = person(issuerCountry);
        addActor(speakerId, 'signatory');
        if (rng.chance(0.15)) addActor(entities.legislatureOf.get(issuerCountry), 'participant');
      } else {
        const carries = type === 'designation' ? 0.9 : 0.6;
        if (rng.chance(carries)) {
          legalAuthority = regime.authority;
          program = regime.program;
        } else if (rng.chance(0.5)) {
          legalAuthority = regime.authority;
        }
        addActor(issuerEntity, 'issuer');
        const n = type === 'designation' ? rng.weighted(TARGET_COUNT) : rng.chance(0.7) ? 1 : 2;
        for (let k = 0; k < n; k++) {
          const e = targetEntity(targetCountry);
          if (e && !subjectIds.includes(e)) subjectIds.push(e);
        }
        for (const e of subjectIds) addActor(e, type === 'designation' ? 'target' : 'subject');
        if (rng.chance(0.12)) addCountry(pickCountry(targetCountry), 'location');
      }
    } else {
      issuerCountry = pickCountry();
      targetCountry = pickCountry(issuerCountry);
      textRegime = rng.pick(REGIMES);
      addCountry(issuerCountry, 'actor');
      if (type !== 'advocacy' || rng.chance(0.6)) addCountry(targetCountry, 'target');
      if (type === 'normalisation' || type === 'isolation') {
        issuerEntity =
          type === 'isolation' && entities.bodies.length > 0 && rng.chance(0.3)
            ? rng.pick(entities.bodies)
            : (entities.governmentOf.get(issuerCountry) ?? null);
        addActor(issuerEntity, 'issuer');
        addActor(entities.governmentOf.get(targetCountry), type === 'isolation' ? 'target' : 'participant');
        if (rng.chance(0.5)) speakerId = person(issuerCountry);
        addActor(speakerId, 'participant');
        if (rng.chance(0.5)) addCountry(rng.chance(0.7) ? targetCountry : issuerCountry, 'location');
      } else if (type === 'statement') {
        speakerId = person(issuerCountry);
        addActor(speakerId, 'speaker');
        if (rng.chance(0.6)) addActor(entities.governmentOf.get(issuerCountry), 'issuer');
        if (rng.chance(0.3)) {
          const e = targetEntity(targetCountry);
          if (e) subjectIds.push(e);
          addActor(e, 'subject');
        }
        if (rng.chance(0.05)) legalAuthority = textRegime.authority;
      } else if (type === 'legislative') {
        issuerEntity = entities.legislatureOf.get(issuerCountry) ?? entities.governmentOf.get(issuerCountry) ?? null;
        addActor(issuerEntity, 'issuer');
        const n = rng.between(1, 3);
        for (let k = 0; k < n; k++) addActor(person(issuerCountry), 'signatory');
        speakerId = actors.find((a) => a.role === 'signatory')?.entityId ?? null;
        if (rng.chance(0.4)) addActor(entities.governmentOf.get(issuerCountry), 'addressee');
        if (rng.chance(0.2)) {
          legalAuthority = textRegime.authority;
          program = rng.chance(0.5) ? textRegime.program : null;
        }
      } else {
        const orgs = entities.organisations;
        issuerEntity = orgs.length > 0 ? orgs[rng.zipf(orgs.length, 1)]! : null;
        addActor(issuerEntity, 'issuer');
        const n = rng.between(0, 4);
        for (let k = 0; k < n; k++) addActor(person(pickCountry()), 'signatory');
        speakerId = actors.find((a) => a.role === 'signatory')?.entityId ?? null;
        addActor(entities.governmentOf.get(issuerCountry), 'addressee');
      }
    }

    // The words.
    const names = entities.names;
    const subjectNames = subjectIds.map((e) => names[e]!);
    const slots: Slots = {
      issuer: countryName(issuerCountry),
      target: countryName(targetCountry),
      subject:
        subjectNames[0] ??
        (issuerEntity && (type === 'legislative' || type === 'advocacy') ? names[issuerEntity]! : countryName(targetCountry)),
      subjects: subjectNames.length > 0 ? subjectNames : [countryName(targetCountry)],
      speaker: speakerId ? names[speakerId]! : `${properName(rng)} ${properName(rng, true)}`,
      office: rng.pick(OFFICIAL_TITLES),
      place: rng.pick(places),
      sector: rng.pick(SECTORS),
      activity: rng.pick(ACTIVITIES),
      topic: rng.pick(TOPICS),
      qualifier: rng.pick(QUALIFIERS),
      authority: legalAuthority ?? textRegime.authority,
      program: program ?? textRegime.program,
      number: rng.between(2, 99) + (rng.chance(0.3) ? rng.int(9000) : 0),
      year: date.slice(0, 4),
    };
    const { title, summary, details } = eventText(rng, type, slots);

    // Dates around the event.
    let effectiveDate: string | null = null;
    let endDate: string | null = null;
    const effectiveRate = type === 'authority' ? 0.7 : type === 'removal' ? 0.3 : type === 'designation' ? 0.15 : 0;
    if (rng.chance(effectiveRate)) effectiveDate = calendar.isoDay(day + rng.between(0, 90));
    const endRate = type === 'removal' ? 0.1 : type === 'authority' ? 0.05 : type === 'isolation' ? 0.05 : 0;
    if (rng.chance(endRate)) endDate = calendar.isoDay(day + rng.between(90, 5 * 365));

    // Tags: a Zipf skew over the whole vocabulary, with the type's own tags more likely.
    const tagIds: number[] = [];
    const tagCount = rng.weighted(TAG_COUNT);
    for (let k = 0; k < tagCount * 2 && tagIds.length < tagCount; k++) {
      const tagId = rng.chance(0.4) ? rng.pick(TYPE_TAG_IDS[type]) : rng.zipf(TAG_LABELS.length, 1) + 1;
      if (!tagIds.includes(tagId)) tagIds.push(tagId);
    }

    // Sources: outlets on example domains, published on or shortly after the event.
    const sources: SynthSource[] = [];
    const sourceCount = rng.weighted(SOURCE_COUNT);
    for (let k = 0; k < sourceCount; k++) {
      const publisher = rng.pick(PUBLISHERS);
      const headline =
        k === 0 && rng.chance(0.6)
          ? title
          : sourceHeadline(rng, slots);
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
      });
    }

    // Links to earlier events of a fitting type.
    const links: SynthEvent['links'] = [];
    const addLink = (to: number | null | undefined, kind: LinkKind) => pushLink(links, dates, id, to, kind);
    if (type === 'designation' || type === 'removal') {
      if (program && rng.chance(0.25)) addLink(lastAuthorityByProgram.get(program), 'implements');
      if (type === 'removal' && rng.chance(0.25)) addLink(recent(['designation'], id), 'reverses');
      if (rng.chance(0.08)) addLink(recent([type], id), 'follows_up');
    } else if (type === 'authority') {
      if (rng.chance(0.15)) addLink(recent(['authority'], id), 'amends');
    } else if (type === 'statement' || type === 'legislative' || type === 'advocacy') {
      if (rng.chance(0.3)) addLink(recent(['designation', 'normalisation', 'isolation', 'authority', 'removal'], id), 'responds_to');
      if (rng.chance(0.05)) addLink(recent([type], id), 'follows_up');
    } else {
      if (rng.chance(0.15)) addLink(recent([type], id), 'follows_up');
      if (rng.chance(0.1)) addLink(recent(['normalisation', 'isolation', 'statement'], id), 'related');
    }
    if (rng.chance(0.03)) addLink(recent(['statement', 'designation'], id), 'related');

    const recentList = recentByType.get(type);
    if (!recentList) recentByType.set(type, [id]);
    else if (recentList.length < RECENT) recentList.push(id);
    else recentList[id % RECENT] = id;
    if (type === 'authority' && program) lastAuthorityByProgram.set(program, id);

    // Recording and history.
    const createdAt = timestamp(calendar, entryDay, rng);
    const status: EventStatus = rng.chance(DRAFT_RATE) ? 'draft' : 'published';
    const deletedAt = rng.chance(DELETED_RATE)
      ? timestamp(calendar, Math.min(calendar.last, Math.max(entryDay, day) + rng.between(1, 200)), rng)
      : null;
    const deletedAfterCreation = deletedAt !== null && deletedAt > createdAt ? deletedAt : null;

    yield {
      id,
      externalId: `synth:${id}`,
      type,
      title,
      summary,
      details,
      date,
      datePrecision: precision,
      effectiveDate,
      effectiveDatePrecision: effectiveDate ? 'day' : null,
      endDate,
      endDatePrecision: endDate ? 'day' : null,
      status,
      legalAuthority,
      program,
      createdAt,
      updatedAt: deletedAfterCreation ?? createdAt,
      version: deletedAfterCreation ? 2 : 1,
      deletedAt: deletedAfterCreation,
      countries,
      actors,
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
