/**
 * The whole synthetic data set for a seed and a size: tags, entities, then events, each a
 * stream. Pure: the same seed and size give the same values, with no clock, file or database
 * involved, so tests can check the data without building anything.
 */
import { slugify } from '@/lib/slug';
import { Calendar } from './calendar';
import { planEntities, type EntityIndex, type SynthEntity } from './entities';
import { generateEvents, type SynthEvent } from './events';
import { Rng } from './random';
import { generateStandingChanges, type SynthStandingChange } from './standings';
import type { CountryCode } from '@/lib/countries';
import { COUNTRY_HEAD, COUNTRY_TAIL, FIRST_YEAR, LAST_YEAR, TAG_LABELS } from './vocabulary';

export const DEFAULT_SEED = '1';

/** About one actor per five events, as the issue asks. */
export function entityCountFor(events: number): number {
  return Math.max(20, Math.round(events / 5));
}

export interface SynthTag {
  id: number;
  slug: string;
  label: string;
}

export interface SynthData {
  tags: SynthTag[];
  /** Streams the entities in id order; read it before `events()`. */
  entities: Iterable<SynthEntity>;
  /** Names and pools of the entities, complete once `entities` has been read to the end. */
  entityIndex: EntityIndex;
  /** Streams the events in id order (reads the rest of `entities` first if needed). */
  events(): Iterable<SynthEvent>;
  /** Countries, most frequent first. */
  countryOrder: readonly CountryCode[];
  /** Standing changes citing events from `pools` (published events per counterpart); after `events()`. */
  standingChanges(pools: ReadonlyMap<string, readonly number[]>): Iterable<SynthStandingChange>;
}

export function synthesise(seed: string, eventCount: number): SynthData {
  const root = new Rng(`db:synth:${seed}`);
  const countryRng = root.fork('countries');
  const entityRng = root.fork('entities');
  const eventRng = root.fork('events');
  // Forked after the others, so that adding standings left every earlier stream as it was.
  const standingRng = root.fork('standings');
  const countryOrder = [...COUNTRY_HEAD, ...countryRng.shuffle([...COUNTRY_TAIL])];
  const calendar = new Calendar(`${FIRST_YEAR}-01-01`, `${LAST_YEAR}-12-31`);
  // Actors were imported before the first event was recorded.
  const plan = planEntities(entityRng, entityCountFor(eventCount), countryOrder, `${FIRST_YEAR - 1}-12-31T09:00:00.000Z`);
  const entityIterator = plan.entities[Symbol.iterator]();
  let entitiesDone = false;

  return {
    tags: TAG_LABELS.map((label, i) => ({ id: i + 1, slug: slugify(label), label })),
    entities: {
      [Symbol.iterator]: () => ({
        next() {
          const r = entityIterator.next();
          if (r.done) entitiesDone = true;
          return r;
        },
      }),
    },
    entityIndex: plan.index,
    countryOrder,
    standingChanges: (pools) => generateStandingChanges(standingRng, countryOrder, pools),
    events() {
      if (!entitiesDone) {
        while (!entityIterator.next().done);
        entitiesDone = true;
      }
      return generateEvents({ rng: eventRng, count: eventCount, entities: plan.index, countryOrder, calendar });
    },
  };
}
