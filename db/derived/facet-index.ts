/**
 * The facet index (decision 0039): the events that are not deleted, held in memory as compressed
 * bitmaps of event ids (roaring), one per facet value: status, type, country (in any role and per
 * role), tag, legal authority, program, and the date buckets that the date-range rule needs (day,
 * month and year; filter-conditions.ts). Actors, 190,000 of them at a million events, are kept as
 * two compact arrays instead (event → its actors, actor → its events), since a bitmap object per
 * actor would cost more heap than the server has.
 *
 * SQLite stays the only source of truth. The index is built from it in the background, in small
 * steps that let requests through, and is only ever used for the exact state of the database it
 * reflects (`dataVersion`, as the read caches): when the version moved, the events named by
 * revisions written since (every change to an event writes one, in the same transaction;
 * db/mutations) are read again before the index answers; when there are too many, or something it
 * cannot follow happened (revisions went backwards: a restored file), it rebuilds in the background
 * and the plain SQL answers until it is ready. Inside a transaction it never answers.
 */
import type Database from 'better-sqlite3';
// The package is CommonJS whose named exports Node's ESM loader cannot see: take them from the default.
import roaring, { type RoaringBitmap32 as Roaring } from 'roaring';
import { COUNTRY_ROLES } from '@/lib/countries';
import { EVENT_TYPE_KEYS, type EventTypeKey } from '@/lib/event-types';
import { dataVersion } from './read-cache';

const { RoaringBitmap32 } = roaring;
export type Bitmap = Roaring;
export { RoaringBitmap32 };

/** Events read per step of the build; between steps the event loop serves requests. */
const BUILD_STEP = 5_000;
/** More changed events than this since the index's state: rebuild rather than catch up in a request. */
export const CATCH_UP_LIMIT = 500;
/** Changed events whose actors live in the overlay; past this the actor arrays are rebuilt. */
const OVERLAY_LIMIT = 50_000;
/** Ids up to 2^24: an event's sort key, date × 2^24 + id, stays an exact double. */
const MAX_ID = 2 ** 24 - 1;

const STATUS = { none: 0, published: 1, draft: 2 } as const;
const PRECISION = { day: 0, month: 1, year: 2 } as const;

const TYPE_INDEX = new Map<string, number>(EVENT_TYPE_KEYS.map((t, i) => [t, i]));

/** "2020-03-15" as 20200315; null for anything that is not a plain ISO day. */
export function dayNumber(date: string): number | null {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') return null;
  const n = Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
  return Number.isInteger(n) && n > 0 ? n : null;
}

export function dayText(n: number): string {
  const y = Math.floor(n / 10000);
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Values mapped to small integers (authority, program), 0 for none. */
class Dictionary {
  readonly values: string[] = [''];
  private readonly ids = new Map<string, number>();
  id(value: string | null): number {
    if (value === null) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
  find(value: string): number | undefined {
    return this.ids.get(value);
  }
}

/** Bitmaps by key, created on first use. */
class BitmapMap<K> {
  readonly map = new Map<K, Bitmap>();
  of(key: K): Bitmap {
    let b = this.map.get(key);
    if (!b) {
      b = new RoaringBitmap32();
      this.map.set(key, b);
    }
    return b;
  }
  get(key: K): Bitmap | undefined {
    return this.map.get(key);
  }
}

/** Ids per key collected during one build step, added to the bitmaps at its end (addMany is far cheaper than add). */
class Batch<K> {
  private readonly lists = new Map<K, number[]>();
  push(key: K, id: number) {
    let l = this.lists.get(key);
    if (!l) this.lists.set(key, (l = []));
    l.push(id);
  }
  flush(into: BitmapMap<K>) {
    for (const [k, ids] of this.lists) into.of(k).addMany(ids);
    this.lists.clear();
  }
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(a: T, size: number): T {
  if (a.length >= size) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(size, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

interface EventFacts {
  id: number;
  type: string;
  date: string;
  precision: string;
  status: string;
  authority: string | null;
  program: string | null;
}

export class FacetIndex {
  /** The database state the index reflects ("data_version:total_changes"), or null while not built. */
  version: string | null = null;
  /** Bumped whenever the index's content changes: what is derived from it (timeline-index.ts) is kept per state. */
  state = 0;
  /** The last revision whose change the index holds. */
  revision = 0;
  building: Promise<void> | null = null;
  /** How long the last build took, in ms. */
  buildMs = 0;
  error: unknown = null;

  // Per event (by id): status, type, day (yyyymmdd), precision, authority and program ids.
  status = new Uint8Array(0);
  type = new Uint8Array(0);
  day = new Uint32Array(0);
  precision = new Uint8Array(0);
  authorityOf = new Uint16Array(0);
  programOf = new Uint16Array(0);

  readonly published = new RoaringBitmap32();
  readonly drafts = new RoaringBitmap32();
  readonly types = new BitmapMap<number>();
  readonly authorities = new BitmapMap<number>();
  readonly programs = new BitmapMap<number>();
  readonly authorityNames = new Dictionary();
  readonly programNames = new Dictionary();
  /** `any|SY`, `target|SY`, ... */
  readonly countries = new BitmapMap<string>();
  readonly tags = new BitmapMap<number>();
  /** Day-precision events by day (yyyymmdd). */
  readonly days = new BitmapMap<number>();
  /** Day- and month-precision events by month (yyyymm). */
  readonly months = new BitmapMap<number>();
  /** Year-precision events by year. */
  readonly yearOnly = new BitmapMap<number>();
  /** Every event by the year of its date. */
  readonly years = new BitmapMap<number>();

  // Actors: event → actors (CSR), actor → events (CSR), and an overlay for events changed since.
  actorStart = new Uint32Array(1);
  actorList = new Uint32Array(0);
  eventStart = new Uint32Array(1);
  eventList = new Uint32Array(0);
  changed = new Uint8Array(0);
  readonly changedIds = new RoaringBitmap32();
  readonly changedActors = new Map<number, number[]>();
  readonly changedByActor = new Map<number, Set<number>>();

  /**
   * Per status (published, draft), kept with every change: events per actor, and per chart cell
   * (chartKey). A view holding most events is counted as these less the events it leaves out.
   */
  readonly totals = [
    { actors: new Uint32Array(0), chart: new Map<number, number>() },
    { actors: new Uint32Array(0), chart: new Map<number, number>() },
  ];

  /** Live events in timeline order (date, then id, newest first), the first `live` of the array. */
  order = new Uint32Array(0);
  live = 0;

  constructor(readonly sqlite: Database.Database) {}

  get ready(): boolean {
    return this.version !== null;
  }

  /** The event's place in timeline order: larger is newer. */
  key(id: number): number {
    return this.day[id]! * 16777216 + id;
  }

  /** Builds the index in steps, yielding to the event loop between them. */
  build(): Promise<void> {
    if (this.building) return this.building;
    this.building = this.buildSteps()
      .catch((err: unknown) => {
        this.error = err;
        this.version = null;
      })
      .finally(() => {
        this.building = null;
      });
    return this.building;
  }

  /** The same, all at once (tests, scripts). */
  buildNow(): void {
    const steps = this.steps();
    while (!steps.next().done) {
      /* run every step */
    }
  }

  private async buildSteps(): Promise<void> {
    const steps = this.steps();
    while (!steps.next().done) await new Promise((resolve) => setImmediate(resolve));
  }

  private *steps(): Generator<void> {
    const started = performance.now();
    const db = this.sqlite;
    this.version = null;
    this.state++;
    this.reset();
    const fromRevision = (db.prepare('SELECT max(id) FROM revisions').pluck().get() as number | null) ?? 0;
    const maxId = (db.prepare('SELECT max(id) FROM events').pluck().get() as number | null) ?? 0;
    if (maxId > MAX_ID) throw new Error(`facet index: event ids above ${MAX_ID}`);
    this.allocate(maxId + 1);

    const eventRows = db
      .prepare(
        `SELECT id, type, date, date_precision, status, legal_authority, program FROM events
          WHERE id > ? AND id <= ? AND deleted_at IS NULL ORDER BY id`,
      )
      .raw();
    const countryRows = db.prepare('SELECT event_id, country_code, role FROM event_countries WHERE event_id > ? AND event_id <= ?').raw();
    const tagRows = db.prepare('SELECT event_id, tag_id FROM event_tags WHERE event_id > ? AND event_id <= ?').raw();
    const actorRows = db
      .prepare('SELECT event_id, entity_id FROM event_entities WHERE event_id > ? AND event_id <= ? AND first_role = 1 ORDER BY event_id')
      .raw();

    const batches = {
      published: [] as number[],
      drafts: [] as number[],
      types: new Batch<number>(),
      authorities: new Batch<number>(),
      programs: new Batch<number>(),
      days: new Batch<number>(),
      months: new Batch<number>(),
      yearOnly: new Batch<number>(),
      years: new Batch<number>(),
      countries: new Batch<string>(),
      tags: new Batch<number>(),
    };
    let actorList = new Uint32Array(1 << 20);
    let actorCount = 0;
    const actorStart = new Uint32Array(maxId + 2);
    for (let lo = 0; lo < maxId; lo += BUILD_STEP) {
      const hi = lo + BUILD_STEP;
      for (const r of eventRows.iterate(lo, hi) as Iterable<[number, string, string, string, string, string | null, string | null]>) {
        const facts: EventFacts = { id: r[0], type: r[1], date: r[2], precision: r[3], status: r[4], authority: r[5], program: r[6] };
        this.setFacts(facts);
        const id = facts.id;
        (this.status[id] === STATUS.published ? batches.published : batches.drafts).push(id);
        this.bucketKeys(id, (map, key) => (batches[map] as Batch<number>).push(key, id));
      }
      if (batches.published.length > 0) this.published.addMany(batches.published);
      if (batches.drafts.length > 0) this.drafts.addMany(batches.drafts);
      batches.published = [];
      batches.drafts = [];
      for (const name of ['types', 'authorities', 'programs', 'days', 'months', 'yearOnly', 'years'] as const) batches[name].flush(this[name]);
      for (const [eventId, code, role] of countryRows.iterate(lo, hi) as Iterable<[number, string, string]>) {
        batches.countries.push(`any|${code}`, eventId);
        batches.countries.push(`${role}|${code}`, eventId);
      }
      batches.countries.flush(this.countries);
      for (const [eventId, tagId] of tagRows.iterate(lo, hi) as Iterable<[number, number]>) batches.tags.push(tagId, eventId);
      batches.tags.flush(this.tags);
      let next = lo + 1;
      for (const [eventId, entityId] of actorRows.iterate(lo, hi) as Iterable<[number, number]>) {
        while (next <= eventId) actorStart[next++] = actorCount;
        if (actorCount >= actorList.length) actorList = grow(actorList, actorCount * 2);
        actorList[actorCount++] = entityId;
      }
      while (next <= Math.min(hi, maxId + 1)) actorStart[next++] = actorCount;
      yield;
    }
    actorStart[maxId + 1] = actorCount;
    this.actorStart = actorStart;
    this.actorList = actorList.slice(0, actorCount);
    this.invertActors();
    yield;
    this.sortOrder(maxId);
    yield;
    for (let lo = 1; lo <= maxId; lo += BUILD_STEP * 10) {
      for (let id = lo; id < Math.min(lo + BUILD_STEP * 10, maxId + 1); id++) this.account(id, 1);
      yield;
    }
    // Changes committed while the build read: the events their revisions name are read again.
    const version = dataVersion(db);
    this.revision = fromRevision;
    if (!this.catchUp(Infinity)) throw new Error('facet index: revisions went backwards during the build');
    this.version = version;
    this.buildMs = performance.now() - started;
  }

  private reset() {
    for (const b of [this.published, this.drafts, this.changedIds]) b.clear();
    for (const m of [this.types, this.authorities, this.programs, this.countries, this.tags, this.days, this.months, this.yearOnly, this.years]) {
      (m.map as Map<unknown, Bitmap>).clear();
    }
    this.changedActors.clear();
    this.changedByActor.clear();
    for (const t of this.totals) {
      t.actors = new Uint32Array(0);
      t.chart.clear();
    }
    this.live = 0;
  }

  private allocate(size: number) {
    this.status = new Uint8Array(size);
    this.type = new Uint8Array(size);
    this.day = new Uint32Array(size);
    this.precision = new Uint8Array(size);
    this.authorityOf = new Uint16Array(size);
    this.programOf = new Uint16Array(size);
    this.changed = new Uint8Array(size);
  }

  private ensureCapacity(id: number) {
    if (id > MAX_ID) throw new Error(`facet index: event id ${id} above ${MAX_ID}`);
    const size = id + 1;
    this.status = grow(this.status, size);
    this.type = grow(this.type, size);
    this.day = grow(this.day, size);
    this.precision = grow(this.precision, size);
    this.authorityOf = grow(this.authorityOf, size);
    this.programOf = grow(this.programOf, size);
    this.changed = grow(this.changed, size);
  }

  private setFacts(f: EventFacts) {
    const day = dayNumber(f.date);
    const type = TYPE_INDEX.get(f.type);
    const precision = PRECISION[f.precision as keyof typeof PRECISION];
    const status = f.status === 'published' ? STATUS.published : f.status === 'draft' ? STATUS.draft : undefined;
    // The date-range rule relies on a period's date being its first day; anything else the SQL answers.
    const aligned = day !== null && (precision === 0 || (precision === 1 ? day % 100 === 1 : day % 10000 === 101));
    if (day === null || type === undefined || precision === undefined || status === undefined || !aligned) {
      throw new Error(`facet index: event ${f.id} has facts it cannot hold (${f.type}, ${f.date}, ${f.precision}, ${f.status})`);
    }
    this.status[f.id] = status;
    this.type[f.id] = type;
    this.day[f.id] = day;
    this.precision[f.id] = precision;
    this.authorityOf[f.id] = this.authorityNames.id(f.authority);
    this.programOf[f.id] = this.programNames.id(f.program);
  }

  /** The event-level bitmaps an event belongs to, by its stored facts. */
  private bucketKeys(id: number, each: (map: 'types' | 'authorities' | 'programs' | 'days' | 'months' | 'yearOnly' | 'years', key: number) => void) {
    const day = this.day[id]!;
    each('types', this.type[id]!);
    if (this.authorityOf[id]) each('authorities', this.authorityOf[id]);
    if (this.programOf[id]) each('programs', this.programOf[id]);
    const precision = this.precision[id]!;
    if (precision === PRECISION.year) each('yearOnly', Math.floor(day / 10000));
    else each('months', Math.floor(day / 100));
    if (precision === PRECISION.day) each('days', day);
    each('years', Math.floor(day / 10000));
  }

  private invertActors() {
    const list = this.actorList;
    let maxEntity = 0;
    for (let i = 0; i < list.length; i++) if (list[i]! > maxEntity) maxEntity = list[i]!;
    const start = new Uint32Array(maxEntity + 2);
    for (let i = 0; i < list.length; i++) start[list[i]! + 1]!++;
    for (let a = 1; a < start.length; a++) start[a]! += start[a - 1]!;
    const fill = start.slice(0, maxEntity + 1);
    const events = new Uint32Array(list.length);
    const eventStart = this.actorStart;
    for (let e = 0; e + 1 < eventStart.length; e++) {
      for (let i = eventStart[e]!; i < eventStart[e + 1]!; i++) events[fill[list[i]!]!++] = e;
    }
    this.eventStart = start;
    this.eventList = events;
  }

  /** The cell of the chart's counts an event falls in: (month index × 2 + year-only) × types + type. */
  chartKey(id: number): number {
    const day = this.day[id]!;
    const month = Math.floor(day / 10000) * 12 + (Math.floor(day / 100) % 100) - 1;
    return (month * 2 + (this.precision[id] === PRECISION.year ? 1 : 0)) * EVENT_TYPE_KEYS.length + this.type[id]!;
  }

  /** Adds a live event to (1) or takes it from (-1) the totals of its status. */
  private account(id: number, sign: 1 | -1) {
    const status = id < this.status.length ? this.status[id]! : STATUS.none;
    if (status === STATUS.none) return;
    const t = this.totals[status === STATUS.published ? 0 : 1]!;
    const add = (a: number) => {
      if (a >= t.actors.length) t.actors = grow(t.actors, a + 1);
      t.actors[a]! += sign;
    };
    if (this.changed[id]) for (const a of this.changedActors.get(id) ?? []) add(a);
    else if (id + 1 < this.actorStart.length) for (let i = this.actorStart[id]!, end = this.actorStart[id + 1]!; i < end; i++) add(this.actorList[i]!);
    const key = this.chartKey(id);
    t.chart.set(key, (t.chart.get(key) ?? 0) + sign);
  }

  private sortOrder(maxId: number) {
    const keys = new Float64Array(this.published.size + this.drafts.size);
    let n = 0;
    for (let id = 1; id <= maxId; id++) if (this.status[id]) keys[n++] = this.key(id);
    keys.sort();
    const order = new Uint32Array(Math.max(16, Math.ceil(n * 1.05)));
    for (let i = 0; i < n; i++) order[i] = keys[n - 1 - i]! % 16777216;
    this.order = order;
    this.live = n;
  }

  // ------------------------------------------------------------------------------------------
  // Keeping current.

  /**
   * Whether the index reflects what this connection sees now, catching up on a few changed events
   * if need be. False when it cannot answer (not built, in a transaction, too far behind: then a
   * rebuild starts in the background).
   */
  current(): boolean {
    if (!this.ready || this.building) return false;
    if (this.sqlite.inTransaction) return false;
    const version = dataVersion(this.sqlite);
    if (version === this.version) return true;
    // Another connection committed (the first part of the version is SQLite's data_version) and
    // wrote no revision: a change the index cannot follow (rows written by another program, an
    // older version of the app, a hand repair), so it rebuilds and the SQL answers meanwhile.
    const external = this.version !== null && version.split(':')[0] !== this.version.split(':')[0];
    let ok = false;
    try {
      ok = this.catchUp(CATCH_UP_LIMIT, external);
    } catch (err) {
      this.error = err;
    }
    if (!ok) {
      this.version = null;
      void this.build();
      return false;
    }
    this.version = version;
    return true;
  }

  private catchUpStatements: { max: Database.Statement; changed: Database.Statement } | null = null;

  /**
   * Reads again the events changed since `revision`; false when there are more than `limit`,
   * revisions went backwards, or another connection's commit (`external`) wrote none.
   */
  private catchUp(limit: number, external = false): boolean {
    const s = (this.catchUpStatements ??= {
      max: this.sqlite.prepare('SELECT max(id) FROM revisions').pluck(),
      changed: this.sqlite.prepare(`SELECT DISTINCT record_id FROM revisions WHERE id > ? AND record_type = 'event' LIMIT ?`).pluck(),
    });
    const max = (s.max.get() as number | null) ?? 0;
    if (max < this.revision) return false;
    if (max === this.revision) return !external;
    const ids = s.changed.all(this.revision, Number.isFinite(limit) ? limit + 1 : -1) as number[];
    if (ids.length > limit) return false;
    if (this.changedActors.size + ids.length > OVERLAY_LIMIT) return false;
    this.refresh(ids);
    this.revision = max;
    return true;
  }

  private refreshStatements: Record<'event' | 'countries' | 'tags' | 'actors', Database.Statement> | null = null;

  /** Reads these events again from SQLite and puts them where they now belong. */
  refresh(ids: readonly number[]): void {
    this.state++;
    const s = (this.refreshStatements ??= {
      event: this.sqlite.prepare(
        'SELECT id, type, date, date_precision, status, legal_authority, program FROM events WHERE id = ? AND deleted_at IS NULL',
      ).raw(),
      countries: this.sqlite.prepare('SELECT country_code, role FROM event_countries WHERE event_id = ?').raw(),
      tags: this.sqlite.prepare('SELECT tag_id FROM event_tags WHERE event_id = ?').pluck(),
      actors: this.sqlite.prepare('SELECT DISTINCT entity_id FROM event_entities WHERE event_id = ?').pluck(),
    });
    for (const id of ids) {
      this.account(id, -1);
      this.remove(id);
      const r = s.event.get(id) as [number, string, string, string, string, string | null, string | null] | undefined;
      const actors = r ? (s.actors.all(id) as number[]) : [];
      this.setActors(id, actors);
      if (!r) continue;
      this.ensureCapacity(id);
      this.setFacts({ id, type: r[1], date: r[2], precision: r[3], status: r[4], authority: r[5], program: r[6] });
      this.account(id, 1);
      (this.status[id] === STATUS.published ? this.published : this.drafts).add(id);
      this.bucketKeys(id, (map, key) => (this[map] as BitmapMap<number>).of(key).add(id));
      for (const [code, role] of s.countries.all(id) as [string, string][]) {
        this.countries.of(`any|${code}`).add(id);
        this.countries.of(`${role}|${code}`).add(id);
      }
      for (const tag of s.tags.all(id) as number[]) this.tags.of(tag).add(id);
      this.insertInOrder(id);
    }
  }

  private remove(id: number) {
    if (id < this.status.length && this.status[id] !== STATUS.none) {
      this.removeFromOrder(id);
      this.published.remove(id);
      this.drafts.remove(id);
      this.bucketKeys(id, (map, key) => (this[map] as BitmapMap<number>).get(key)?.remove(id));
      this.status[id] = STATUS.none;
    }
    // The build reads the countries and tags of deleted events too (reads always intersect with
    // the live events): a restored event must not keep old ones.
    for (const b of this.countries.map.values()) b.remove(id);
    for (const b of this.tags.map.values()) b.remove(id);
  }

  private setActors(id: number, actors: number[]) {
    if (id < this.changed.length && this.changed[id]) {
      for (const a of this.changedActors.get(id) ?? []) this.changedByActor.get(a)?.delete(id);
    }
    this.ensureCapacity(id);
    this.changed[id] = 1;
    this.changedIds.add(id);
    this.changedActors.set(id, actors);
    for (const a of actors) {
      let set = this.changedByActor.get(a);
      if (!set) this.changedByActor.set(a, (set = new Set()));
      set.add(id);
    }
  }

  /** The actors of an event (each once). */
  actorsOf(id: number): ArrayLike<number> {
    if (this.changed[id]) return this.changedActors.get(id) ?? [];
    if (id + 1 >= this.actorStart.length) return [];
    return this.actorList.subarray(this.actorStart[id], this.actorStart[id + 1]);
  }

  /** The live events of an actor, as a new bitmap. */
  actorEvents(actor: number): Bitmap {
    const b =
      actor + 1 < this.eventStart.length
        ? new RoaringBitmap32(this.eventList.subarray(this.eventStart[actor], this.eventStart[actor + 1]))
        : new RoaringBitmap32();
    if (this.changedIds.size > 0) {
      b.andNotInPlace(this.changedIds);
      const extra = this.changedByActor.get(actor);
      if (extra) b.addMany([...extra]);
    }
    return b;
  }

  /** Position in `order` of the first event older than `key` (keys fall along the array). */
  positionAfter(key: number): number {
    let lo = 0;
    let hi = this.live;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.key(this.order[mid]!) >= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private removeFromOrder(id: number) {
    const at = this.positionAfter(this.key(id) + 0.5);
    // positionAfter(key + 0.5) is the position of the event with `key` itself (keys are distinct).
    if (this.order[at] !== id) return;
    this.order.copyWithin(at, at + 1, this.live);
    this.live--;
  }

  private insertInOrder(id: number) {
    if (this.live + 1 > this.order.length) this.order = grow(this.order, this.live + 1024);
    const at = this.positionAfter(this.key(id));
    this.order.copyWithin(at + 1, at, this.live);
    this.order[at] = id;
    this.live++;
  }
}

export { EVENT_TYPE_KEYS, COUNTRY_ROLES };
export type { EventTypeKey };

// ---------------------------------------------------------------------------------------------
// Which index serves which connection.

/**
 * On globalThis, like the connection (db/index.ts) and the integrity check: instrumentation-node.ts
 * builds the index in its own bundle, and each route's bundle has its own copy of this module, so a
 * map local to the module would leave every route without the index (the SQL answering).
 */
const registry = globalThis as unknown as { __trackerFacetIndexes?: WeakMap<object, FacetIndex> };
const indexes = (registry.__trackerFacetIndexes ??= new WeakMap<object, FacetIndex>());

/**
 * Attaches an index to a Drizzle database object (the app's connection, a benchmark's): reads
 * through that object may use it. A transaction's object is another one, and never does.
 */
export function attachFacetIndex(db: object, index: FacetIndex): void {
  indexes.set(db, index);
}

export function detachFacetIndex(db: object): void {
  indexes.delete(db);
}

/** The index of this database object when it reflects the current state, else null (use SQL). */
export function currentFacetIndex(db: object): FacetIndex | null {
  const index = indexes.get(db);
  return index && index.current() ? index : null;
}

/**
 * Waits until the index of this database object answers (built and current), starting a build if
 * none runs: a reader at scale waits for the index rather than run the plain SQL on the one event
 * loop (seconds at a million events, holding every other request; docs/performance.md). Returns at
 * once when there is no index (a test, FACET_INDEX=0) or its build failed (the SQL answers).
 */
export async function untilFacetIndexAnswers(db: object): Promise<void> {
  const index = indexes.get(db);
  // A write may land between the build and the read: then once more, then the SQL.
  for (let tries = 0; index && tries < 3; tries++) {
    if (index.current()) return;
    if (index.error && !index.building) return;
    await index.build();
  }
}

export interface FacetIndexStatus {
  state: 'off' | 'building' | 'ready' | 'failed';
  /** Live events in the index once built. */
  events?: number;
  /** How long the last build took. */
  buildMs?: number;
}

/** What /api/health reports of the index of this database object. */
export function facetIndexStatus(db: object): FacetIndexStatus {
  const index = indexes.get(db);
  if (!index) return { state: 'off' };
  if (index.ready) return { state: 'ready', events: index.live, buildMs: Math.round(index.buildMs) };
  return { state: index.error ? 'failed' : 'building' };
}

/** Whether the app builds and uses the index (FACET_INDEX=0 turns it off). */
export function facetIndexEnabled(): boolean {
  return process.env.FACET_INDEX !== '0';
}

/**
 * Starts building the index of the app's connection in the background (the SQL answers until it
 * is ready) and attaches it; returns it, or null when turned off.
 */
export function startFacetIndex(connection: { sqlite: Database.Database; db: object }, log: (message: string) => void = () => {}): FacetIndex | null {
  if (!facetIndexEnabled()) return null;
  const index = new FacetIndex(connection.sqlite);
  attachFacetIndex(connection.db, index);
  setImmediate(() => {
    void index.build().then(() => {
      if (index.ready) log(`Facet index ready: ${index.live} events in ${Math.round(index.buildMs)} ms.`);
      else log(`Facet index not built (${index.error instanceof Error ? index.error.message : String(index.error)}); the SQL answers.`);
    });
  });
  return index;
}
