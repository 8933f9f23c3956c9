/**
 * Export, then import: over arbitrary events (titles, summaries, tags, source titles and URLs,
 * actor names and kinds, within what validation accepts), the file the export writes reads back
 * as "no change" in the database it came from, and recreates the same events, actors and kinds in
 * an empty one. Values holding "; ", backslashes, brackets, quotes, line breaks and formula
 * starters once broke this (issue 10, items 7 and 13).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { applyImport, planImport } from './import';
import { createEntity } from '@/db/mutations/entities';
import { createEvent } from '@/db/mutations/events';
import { exportRows } from '@/db/queries/export';
import { createTestDb, TEST_ACTOR } from '@/db/testing/test-db';
import { createEventCsvStream } from '@/db/exports/csv';
import { readCsvUpload, type CsvRow } from '@/lib/csv/import';
import { EMPTY_FILTERS } from '@/lib/filters';
import { nameKey } from '@/lib/text/normalise';
import { entityInputSchema } from '@/lib/validation/entity';
import { eventInputSchema, sourceInputSchema, sourceUrlSchema, tagLabelSchema } from '@/lib/validation/event';
import { ENTITY_KINDS, ENTITY_ROLES } from '@/lib/vocabulary';
import { csvHostileText } from '@/lib/testing/csv-text';

/** One-line text as a person could type it: control characters become spaces; the schema has the last word. */
const oneLine = csvHostileText.map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' '));
const multiLine = csvHostileText.map((s) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ' '));

const accepted = <T>(arb: fc.Arbitrary<T>, check: (value: T) => boolean) => arb.filter(check);
const title = accepted(oneLine.map((s) => `${s} x1`), (s) => eventInputSchema.in.shape.title.safeParse(s).success);
const tag = accepted(oneLine.map((s) => `${s}t`), (s) => tagLabelSchema.safeParse(s).success);
const sourceTitle = accepted(oneLine.map((s) => `${s}s`), (s) => sourceInputSchema.shape.title.safeParse(s).success);
const url = fc
  .tuple(fc.constantFrom('https://example.test/', 'http://example.test/a;b/', 'https://x.test/?q='), oneLine)
  .map(([start, rest]) => {
    try {
      return new URL(start + rest).href;
    } catch {
      return start;
    }
  })
  .filter((u) => sourceUrlSchema.safeParse(u).success);
const actorName = accepted(oneLine.map((s) => `${s} a`), (s) => entityInputSchema.safeParse({ kind: 'person', name: s }).success);

const event = fc.record({
  title,
  summary: multiLine,
  date: fc.constantFrom('2023-03-28', '2021-06', '2011'),
  type: fc.constantFrom('designation', 'statement', 'normalisation'),
  legalAuthority: fc.option(oneLine, { nil: null }),
  program: fc.option(fc.constantFrom('SYRIA-CAESAR', 'SDGT', 'X-1'), { nil: null }),
  countries: fc.uniqueArray(fc.record({ code: fc.constantFrom('SY', 'US', 'TR'), role: fc.constantFrom('actor', 'target', 'location') }), {
    maxLength: 3,
    selector: (c) => `${c.code}:${c.role}`,
  }),
  tags: fc.array(tag, { maxLength: 4 }),
  sources: fc.array(fc.record({ title: sourceTitle, url: fc.option(url, { nil: null }) }), { maxLength: 3 }),
  actors: fc.array(fc.record({ index: fc.nat(), role: fc.constantFrom(...ENTITY_ROLES) }), { maxLength: 4 }),
});

const world = fc.record({
  actors: fc.uniqueArray(fc.record({ name: actorName, kind: fc.constantFrom(...ENTITY_KINDS) }), {
    maxLength: 4,
    // Names are matched ignoring case (and whitespace the schema collapses), so two actors must differ beyond that.
    // Names that read alike are one actor to the import (and refused as a second one when created).
    selector: (a) => nameKey(entityInputSchema.parse({ kind: a.kind, name: a.name }).name),
  }),
  events: fc.array(event, { minLength: 1, maxLength: 4 }),
});

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

function build(conn: Connection, w: World) {
  const ids = w.actors.map((a) => createEntity(conn.db, entityInputSchema.parse(a), TEST_ACTOR).id);
  let built = 0;
  for (const e of w.events) {
    const parsed = eventInputSchema.safeParse({
      ...e,
      status: 'published',
      sources: e.sources.map((s) => ({ ...s, publisher: null, publishedDate: null, excerpt: null })),
      actors: ids.length === 0 ? [] : e.actors.map((a) => ({ entityId: ids[a.index % ids.length]!, role: a.role })),
    });
    // Some combinations are refused as a whole (two tags with one slug are merged, not refused); skip those.
    if (!parsed.success) continue;
    createEvent(conn.db, parsed.data, TEST_ACTOR);
    built++;
  }
  return built;
}

async function exportFile(conn: Connection): Promise<Uint8Array> {
  const stream = createEventCsvStream(exportRows(conn.db, EMPTY_FILTERS, { includeDrafts: false }), { bom: true, origin: 'https://t.example' });
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function rowsOf(file: Uint8Array): CsvRow[] {
  const read = readCsvUpload(file);
  if (!read.ok) throw new Error(read.error);
  return read.rows;
}

/** The exported cells that describe content (not ids or times), one string per event, sorted. */
function contentOf(file: Uint8Array): string[] {
  const skip = new Set(['id', 'permalink', 'created_at', 'updated_at']);
  return rowsOf(file)
    .map((r) => JSON.stringify(Object.entries(r.cells).filter(([k]) => !skip.has(k))))
    .sort();
}

const kindsOf = (conn: Connection) =>
  (conn.sqlite.prepare('SELECT name, kind FROM entities ORDER BY name, kind').all() as { name: string; kind: string }[]).map((e) => `${e.name}: ${e.kind}`);

const counts = { runs: 0, events: 0 };
afterAll(() => console.log(`round trip: ${counts.runs} fuzzed databases, ${counts.events} events`));

describe('export, then import', () => {
  it('changes nothing in the database the file came from, and recreates the same events and actors in an empty one', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const source = createTestDb();
        const target = createTestDb();
        try {
          const built = build(source, w);
          fc.pre(built > 0);
          counts.runs++;
          counts.events += built;
          const file = await exportFile(source);

          const plan = planImport(source.db, rowsOf(file), 'events.csv');
          const problems = plan.rows.flatMap((r) => r.errors.map((e) => `line ${r.line} ${e.column}: ${e.message}`));
          expect(problems).toEqual([]);
          expect(plan.rows.map((r) => [r.action, r.changes])).toEqual(plan.rows.map(() => ['unchanged', []]));
          expect(plan.newActors).toEqual([]);
          expect(plan.newTags).toEqual([]);

          // Into an empty database: the same rows without their ids are new events.
          const fresh = rowsOf(file).map((r) => ({ ...r, cells: { ...r.cells, id: '' } }));
          const freshPlan = planImport(target.db, fresh, 'events.csv');
          expect(freshPlan.rows.flatMap((r) => r.errors.map((e) => `line ${r.line} ${e.column}: ${e.message}`))).toEqual([]);
          expect(freshPlan.counts.create).toBe(built);
          applyImport(target.db, fresh, 'events.csv', freshPlan.digest, TEST_ACTOR);
          expect(contentOf(await exportFile(target))).toEqual(contentOf(file));
          // Actors come back with their kinds (only those some event involves are in the file).
          const involved = new Set(kindsOf(target));
          expect(kindsOf(source).filter((k) => involved.has(k)).sort()).toEqual([...involved].sort());
        } finally {
          source.sqlite.close();
          target.sqlite.close();
        }
      }),
      { numRuns: 60 },
    );
  }, 240_000);
});
