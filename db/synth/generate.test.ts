import { describe, expect, it } from 'vitest';
import { isCountryCode } from '@/lib/countries';
import { toPartialIso } from '@/lib/dates';
import { slugify } from '@/lib/slug';
import { entityInputSchema } from '@/lib/validation/entity';
import { eventInputSchema } from '@/lib/validation/event';
import type { SynthEntity } from './entities';
import type { SynthEvent } from './events';
import { entityCountFor, synthesise } from './generate';
import { stripDiacritics } from './names';
import { FIRST_YEAR, LAST_YEAR, TAG_LABELS } from './vocabulary';

const N = 2_000;

function generate(seed: string, n = N) {
  const data = synthesise(seed, n);
  const entities: SynthEntity[] = [...data.entities];
  const events: SynthEvent[] = [...data.events()];
  return { data, entities, events };
}

const { data, entities, events } = generate('test');

function share<T>(items: T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}

function countBy<T>(items: T[], key: (item: T) => string | number): Map<string | number, number> {
  const counts = new Map<string | number, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const ranked = (counts: Map<string | number, number>) => [...counts.entries()].sort((a, b) => b[1] - a[1]);

describe('determinism', () => {
  it('gives the same rows for the same seed and size', () => {
    const again = generate('test');
    expect(again.entities).toEqual(entities);
    expect(again.events).toEqual(events);
  });

  it('gives different rows for a different seed', () => {
    const other = generate('other');
    const sameTitles = other.events.filter((e, i) => e.title === events[i]!.title).length;
    expect(sameTitles).toBeLessThan(N / 50);
    expect(other.entities.filter((e, i) => e.name === entities[i]!.name).length).toBeLessThan(entities.length / 2);
  });
});

describe('shape of the data at N = 2,000', () => {
  it('has N events with ids 1..N and about N/5 entities', () => {
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(entities).toHaveLength(entityCountFor(N));
    expect(entityCountFor(1_000_000)).toBe(200_000);
    expect(new Set(events.map((e) => e.externalId)).size).toBe(N);
  });

  it('skews types: designations and statements lead, authorities, removals and isolation moves are rarer', () => {
    const types = ranked(countBy(events, (e) => e.type));
    expect(types.slice(0, 2).map(([t]) => t).sort()).toEqual(['designation', 'statement']);
    const count = new Map(types);
    for (const rare of ['authority', 'removal', 'isolation']) {
      expect(count.get(rare)!).toBeGreaterThan(0);
      expect(count.get(rare)!).toBeLessThan(count.get('designation')! / 3);
    }
    expect(types).toHaveLength(8);
  });

  it('skews countries: Syria first, the usual suspects near the top, and a long tail', () => {
    const targets = countBy(
      events.flatMap((e) => e.countries.filter((c) => c.role === 'target')),
      (c) => c.code,
    );
    const order = ranked(targets).map(([code]) => code);
    expect(order[0]).toBe('SY');
    expect(order.slice(0, 12)).toEqual(expect.arrayContaining(['RU', 'IR', 'KP', 'US']));
    expect(targets.size).toBeGreaterThan(100);
    const actors = ranked(countBy(events.flatMap((e) => e.countries.filter((c) => c.role === 'actor')), (c) => c.code));
    expect(actors[0]![0]).toBe('US');
    expect([...targets.keys()].every((c) => isCountryCode(String(c)))).toBe(true);
  });

  it('spreads events over fifteen years, with more in recent years', () => {
    const years = countBy(events, (e) => Number(e.date.slice(0, 4)));
    expect(Math.min(...(years.keys() as Iterable<number>))).toBe(FIRST_YEAR);
    expect(Math.max(...(years.keys() as Iterable<number>))).toBe(LAST_YEAR);
    const sum = (from: number, to: number) => {
      let n = 0;
      for (let y = from; y <= to; y++) n += years.get(y) ?? 0;
      return n;
    };
    expect(sum(LAST_YEAR - 2, LAST_YEAR)).toBeGreaterThan(2 * sum(FIRST_YEAR, FIRST_YEAR + 2));
  });

  it('mixes date precisions (mostly day), with some effective dates', () => {
    expect(share(events, (e) => e.datePrecision === 'day')).toBeGreaterThan(0.75);
    expect(share(events, (e) => e.datePrecision === 'month')).toBeGreaterThan(0.05);
    expect(share(events, (e) => e.datePrecision === 'year')).toBeGreaterThan(0.01);
    expect(share(events, (e) => e.datePrecision === 'year')).toBeLessThan(0.1);
    const withEffective = events.filter((e) => e.effectiveDate);
    expect(withEffective.length).toBeGreaterThan(N / 50);
    expect(withEffective.every((e) => e.effectiveDate! >= e.date)).toBe(true);
    expect(events.every((e) => e.endDate === null || e.endDate >= e.date)).toBe(true);
  });

  it('has about 2% drafts and 1% soft-deleted events', () => {
    expect(share(events, (e) => e.status === 'draft')).toBeGreaterThan(0.005);
    expect(share(events, (e) => e.status === 'draft')).toBeLessThan(0.04);
    const deleted = events.filter((e) => e.deletedAt);
    expect(deleted.length / N).toBeGreaterThan(0.002);
    expect(deleted.length / N).toBeLessThan(0.025);
    expect(deleted.every((e) => e.deletedAt! > e.createdAt && e.version === 2)).toBe(true);
  });

  it('gives designations an authority and a program, consistent with each other', () => {
    const designations = events.filter((e) => e.type === 'designation');
    expect(share(designations, (e) => e.legalAuthority !== null && e.program !== null)).toBeGreaterThan(0.8);
    const authorities = events.filter((e) => e.type === 'authority');
    expect(authorities.every((e) => e.legalAuthority !== null)).toBe(true);
    const caesar = designations.filter((e) => e.program === 'SYRIA-CAESAR');
    expect(caesar.length).toBeGreaterThan(0);
    expect(caesar.every((e) => e.legalAuthority === 'Caesar Syria Civilian Protection Act of 2019')).toBe(true);
    expect(caesar.every((e) => e.countries.some((c) => c.code === 'SY' && c.role === 'target'))).toBe(true);
    expect(share(events.filter((e) => e.type === 'statement'), (e) => e.program !== null)).toBe(0);
  });

  it('cites 1-3 sources on example domains and tags 0-4 from a skewed vocabulary of about sixty', () => {
    expect(events.every((e) => e.sources.length >= 1 && e.sources.length <= 3)).toBe(true);
    const urls = events.flatMap((e) => e.sources.map((s) => s.url)).filter((u): u is string => u !== null);
    expect(urls.every((u) => /^https:\/\/[a-z.]+\.example\.(org|com|net)\//.test(u))).toBe(true);
    expect(events.every((e) => e.tagIds.length <= 4)).toBe(true);
    expect(TAG_LABELS.length).toBeGreaterThanOrEqual(55);
    expect(new Set(TAG_LABELS.map((label) => slugify(label))).size).toBe(TAG_LABELS.length);
    const tagUse = ranked(countBy(events.flatMap((e) => e.tagIds), (t) => t));
    expect(tagUse[0]![1]).toBeGreaterThan(5 * tagUse[tagUse.length - 1]![1]);
  });

  it('links some events, always to an earlier one', () => {
    const linked = events.filter((e) => e.links.length > 0);
    expect(linked.length / N).toBeGreaterThan(0.05);
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const e of linked) {
      for (const l of e.links) {
        expect(l.toEventId).toBeLessThan(e.id);
        expect(byId.get(l.toEventId)!.date <= e.date).toBe(true);
      }
    }
    const kinds = new Set(linked.flatMap((e) => e.links.map((l) => l.kind)));
    expect(kinds).toEqual(new Set(['implements', 'responds_to', 'follows_up', 'related', 'amends', 'reverses']));
    const implemented = linked.flatMap((e) => e.links.filter((l) => l.kind === 'implements'));
    expect(implemented.every((l) => byId.get(l.toEventId)!.type === 'authority')).toBe(true);
  });

  it('skews entity usage: some entities in many events, most in one or two', () => {
    const usage = countBy(
      events.flatMap((e) => e.actors),
      (a) => a.entityId,
    );
    const counts = [...usage.values()].sort((a, b) => b - a);
    expect(counts[0]).toBeGreaterThan(N / 10);
    expect(share(counts, (c) => c <= 2)).toBeGreaterThan(0.5);
  });

  it('gives entities 0-3 aliases, spelling variants that fold differently, and some sanctions ids', () => {
    const aliasCounts = countBy(entities, (e) => e.aliases.length);
    expect([...aliasCounts.keys()].sort()).toEqual([0, 1, 2, 3]);
    const accented = entities.filter((e) => e.name !== stripDiacritics(e.name));
    expect(accented.length).toBeGreaterThan(entities.length / 20);
    expect(accented.length).toBeLessThan(entities.length / 2);
    expect(accented.some((e) => e.aliases.includes(stripDiacritics(e.name)))).toBe(true);
    expect(entities.some((e) => /ğ/.test(e.name))).toBe(true);
    expect(entities.some((e) => /é/.test(e.name))).toBe(true);
    expect(share(entities, (e) => e.opensanctionsId !== null)).toBeGreaterThan(0.2);
    expect(share(entities, (e) => e.ofacUid !== null)).toBeGreaterThan(0.1);
    const kinds = new Set(entities.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['government', 'legislature', 'international_body', 'person', 'company', 'organisation']));
  });

  it('varies its text: thousands of distinct words, some rare, some common, shared prefixes', () => {
    const words = countBy(
      events.flatMap((e) => `${e.title} ${e.summary} ${e.details ?? ''}`.toLowerCase().split(/[^\p{L}\p{N}]+/u)),
      (w) => w,
    );
    words.delete('');
    expect(words.size).toBeGreaterThan(2_000);
    const once = [...words.values()].filter((c) => c === 1).length;
    expect(once).toBeGreaterThan(500);
    expect(words.get('sanctions')!).toBeGreaterThan(N / 10);
    const prefixes = countBy([...words.keys()].map(String).filter((w) => w.length >= 4), (w) => w.slice(0, 3));
    expect(ranked(prefixes)[0]![1]).toBeGreaterThan(20);
  });
});

describe('every generated row passes the app’s own validation', () => {
  it('accepts a sample of events unchanged', () => {
    for (const e of events.filter((_, i) => i % 10 === 0)) {
      const raw = {
        type: e.type,
        title: e.title,
        summary: e.summary,
        details: e.details,
        date: toPartialIso(e.date, e.datePrecision),
        datePrecision: e.datePrecision,
        effectiveDate: e.effectiveDate,
        effectiveDatePrecision: e.effectiveDatePrecision,
        endDate: e.endDate,
        endDatePrecision: e.endDatePrecision,
        status: e.status,
        legalAuthority: e.legalAuthority,
        program: e.program,
        countries: e.countries,
        actors: e.actors,
        tags: e.tagIds.map((id) => data.tags[id - 1]!.label),
        sources: e.sources,
        links: e.links,
      };
      const parsed = eventInputSchema.safeParse(raw);
      expect(parsed.error?.issues ?? [], `event ${e.id}`).toEqual([]);
      // Parsing normalises; a generated row must already be in normal form.
      const { date: _date, tags: _tags, ...rest } = raw;
      expect(parsed.data).toMatchObject({ ...rest, date: e.date, tags: raw.tags });
    }
  });

  it('accepts a sample of entities unchanged', () => {
    for (const e of entities.filter((_, i) => i % 5 === 0)) {
      const raw = {
        kind: e.kind,
        name: e.name,
        description: e.description,
        countryCode: e.countryCode,
        aliases: e.aliases,
        opensanctionsId: e.opensanctionsId,
        ofacUid: e.ofacUid,
        // Synthetic actors are public through their published events, not on purpose.
        madePublic: false,
      };
      const parsed = entityInputSchema.safeParse(raw);
      expect(parsed.error?.issues ?? [], `entity ${e.id}`).toEqual([]);
      expect(parsed.data).toEqual(raw);
    }
  });
});
