/**
 * Synthetic actors: governments of the most frequent countries, a few legislatures and
 * international bodies, and a long list of persons, companies and organisations with a
 * nationality. Entities are streamed to the writer one at a time; what the event generator needs
 * later (names for revision snapshots, who belongs to which country) is kept in a compact index.
 */
import { countryName, type CountryCode } from '@/lib/countries';
import type { EntityKind } from '@/lib/vocabulary';
import { aliasesFor, companyName, organisationName, personName, properName } from './names';
import { weightTable, type Rng } from './random';
import { ACTIVITIES, OFFICIAL_TITLES, SECTORS } from './vocabulary';

export interface SynthEntity {
  id: number;
  kind: EntityKind;
  name: string;
  description: string | null;
  countryCode: CountryCode | null;
  opensanctionsId: string | null;
  ofacUid: string | null;
  aliases: string[];
  createdAt: string;
}

/**
 * Who exists, by role in events. Pools hold entity ids in rank order: the event generator draws
 * from them with a Zipf skew, so the first entity of a large pool appears in thousands of events
 * and most appear in one or two.
 */
export interface EntityIndex {
  count: number;
  /** Entity names by id (index 0 unused), for revision snapshots. */
  names: string[];
  governmentOf: Map<CountryCode, number>;
  legislatureOf: Map<CountryCode, number>;
  bodies: number[];
  personsOf: Map<CountryCode, number[]>;
  othersOf: Map<CountryCode, number[]>;
  organisations: number[];
  allPersons: number[];
  allOthers: number[];
}

const INTERNATIONAL_BODIES: readonly { name: string; aliases: string[] }[] = [
  { name: 'League of Tarvonian States', aliases: ['Tarvonian League'] },
  { name: 'Council of Meridian States', aliases: ['Meridian Council'] },
  { name: 'Northern Maritime Union', aliases: ['NMU'] },
  { name: 'Organisation for Ostrovan Cooperation', aliases: ['OOC'] },
  { name: 'Qeshlar Security Forum', aliases: [] },
  { name: 'Assembly of Vesmir Nations', aliases: ['Vesmir Assembly'] },
  { name: 'Zavorian Economic Community', aliases: ['ZEC'] },
  { name: 'Panel of Experts on Drelmar', aliases: [] },
  { name: 'Halvic Development Bank', aliases: ['HDB'] },
  { name: 'Commission for the Brenn Basin', aliases: [] },
  { name: 'Union of Coastal Ştavri States', aliases: ['Stavri Union'] },
  { name: 'Joint Monitoring Mission of Kelvor', aliases: [] },
];

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function opensanctionsId(rng: Rng): string {
  let id = 'NK-';
  for (let i = 0; i < 22; i++) id += BASE62[rng.int(62)];
  return id;
}

function personDescription(rng: Rng): string {
  const forms = [
    () => `Businessman active in the ${rng.pick(SECTORS)} sector.`,
    () => `Former ${rng.pick(OFFICIAL_TITLES)}.`,
    () => `Senior official of the ${properName(rng)} directorate.`,
    () => `Commander of the ${properName(rng, true)} Brigade.`,
    () => `Financier accused of ${rng.pick(ACTIVITIES)}.`,
  ];
  return `${rng.pick(forms)()} Synthetic person (generated test data).`;
}

export interface EntityPlan {
  index: EntityIndex;
  entities: Iterable<SynthEntity>;
}

/**
 * Plans `count` entities (at least enough for one government and a few actors). Iterating
 * `entities` yields them in id order and fills `index` as it goes; the index is complete once
 * the iteration has finished.
 */
export function planEntities(rng: Rng, count: number, countryOrder: readonly CountryCode[], createdAt: string): EntityPlan {
  const total = Math.max(count, 20);
  const governments = Math.min(countryOrder.length, Math.max(5, Math.floor(total * 0.02)));
  const legislatures = Math.min(40, Math.max(2, Math.floor(total * 0.004)));
  const bodies = Math.min(INTERNATIONAL_BODIES.length, Math.max(2, Math.floor(total * 0.002)));
  const index: EntityIndex = {
    count: total,
    names: [''],
    governmentOf: new Map(),
    legislatureOf: new Map(),
    bodies: [],
    personsOf: new Map(),
    othersOf: new Map(),
    organisations: [],
    allPersons: [],
    allOthers: [],
  };
  const kinds = weightTable<'person' | 'company' | 'organisation'>([
    ['person', 55],
    ['company', 33],
    ['organisation', 12],
  ]);
  const aliasCount = weightTable([
    [0, 40],
    [1, 30],
    [2, 20],
    [3, 10],
  ] as const);
  const nationality = (): CountryCode | null =>
    rng.chance(0.04) ? null : countryOrder[rng.zipf(countryOrder.length, 1)]!;

  function* generate(): Generator<SynthEntity> {
    let id = 0;
    const make = (fields: Omit<SynthEntity, 'id' | 'createdAt'>): SynthEntity => {
      id++;
      index.names.push(fields.name);
      return { id, createdAt, ...fields };
    };

    for (let i = 0; i < governments; i++) {
      const code = countryOrder[i]!;
      const country = countryName(code);
      const entity = make({
        kind: 'government',
        name: `Government of ${country}`,
        description: null,
        countryCode: code,
        opensanctionsId: null,
        ofacUid: null,
        aliases: rng.chance(0.6) ? [country] : [],
      });
      index.governmentOf.set(code, entity.id);
      yield entity;
    }
    for (let i = 0; i < legislatures; i++) {
      const code = countryOrder[i]!;
      const entity = make({
        kind: 'legislature',
        name: `Parliament of ${countryName(code)}`,
        description: null,
        countryCode: code,
        opensanctionsId: null,
        ofacUid: null,
        aliases: [],
      });
      index.legislatureOf.set(code, entity.id);
      yield entity;
    }
    for (let i = 0; i < bodies; i++) {
      const body = INTERNATIONAL_BODIES[i]!;
      const entity = make({
        kind: 'international_body',
        name: body.name,
        description: 'Synthetic international body (generated test data).',
        countryCode: null,
        opensanctionsId: null,
        ofacUid: null,
        aliases: body.aliases,
      });
      index.bodies.push(entity.id);
      yield entity;
    }

    while (id < total) {
      const kind = rng.weighted(kinds);
      const name = kind === 'person' ? personName(rng) : kind === 'company' ? companyName(rng) : organisationName(rng);
      const countryCode = nationality();
      const listed = rng.chance(0.45);
      const entity = make({
        kind,
        name,
        description:
          kind === 'person'
            ? rng.chance(0.7)
              ? personDescription(rng)
              : null
            : rng.chance(0.5)
              ? `Synthetic ${kind} in the ${rng.pick(SECTORS)} sector (generated test data).`
              : null,
        countryCode,
        opensanctionsId: listed && rng.chance(0.85) ? opensanctionsId(rng) : null,
        // Far above real OFAC UIDs, so a synthetic one can never be mistaken for a real listing.
        ofacUid: listed && rng.chance(0.6) ? String(9_000_000 + id + 1) : null,
        aliases: aliasesFor(rng, name, kind, rng.weighted(aliasCount)),
      });
      const pools = kind === 'person' ? index.personsOf : index.othersOf;
      if (countryCode) {
        const pool = pools.get(countryCode);
        if (pool) pool.push(entity.id);
        else pools.set(countryCode, [entity.id]);
      }
      (kind === 'person' ? index.allPersons : index.allOthers).push(entity.id);
      if (kind === 'organisation') index.organisations.push(entity.id);
      yield entity;
    }
  }

  return { index, entities: generate() };
}

/**
 * Draws entities the way a tracker sees them. Most draws (60%) go to the pool's head, its first 2%
 * (the regime's own figures and front companies, named again and again), with a Zipf skew. The
 * rest follow the Yule–Simon process over the tail: now and then an entity not seen before,
 * otherwise one already seen, in proportion to how often it has been seen. So a few entities
 * appear in thousands of events and most in one or two. New entities are paced so that the pool
 * runs out near the end of the run, whatever its share of the draws.
 */
const HEAD_DRAWS = 0.6;

export class UsagePool {
  private readonly headSize: number;
  private introduced: number;
  /** Every tail draw so far: a uniform pick from it is a pick weighted by past use. */
  private readonly mentions: number[] = [];

  constructor(private readonly ids: readonly number[]) {
    this.headSize = Math.max(1, Math.floor(ids.length * 0.02));
    this.introduced = this.headSize;
  }

  /** `progress`: the share of the run done so far, in (0, 1]. */
  draw(rng: Rng, progress: number): number | null {
    if (this.ids.length === 0) return null;
    const unused = this.ids.length - this.introduced;
    if ((unused === 0 && this.mentions.length === 0) || rng.chance(HEAD_DRAWS)) return this.ids[rng.zipf(this.headSize, 1)]!;
    const expectedDraws = (this.mentions.length * (1 - progress)) / Math.max(progress, 1e-4) + 1;
    let id: number;
    if (unused > 0 && (this.mentions.length === 0 || rng.chance(Math.max(0.02, unused / expectedDraws)))) {
      id = this.ids[this.introduced++]!;
    } else {
      id = this.mentions[rng.int(this.mentions.length)]!;
    }
    this.mentions.push(id);
    return id;
  }
}
