import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { seedDatabase } from '@/db/seed/seed';
import { createTestDb, makeEvent } from '@/db/testing/test-db';
import { encodeEventCsv } from '@/lib/csv/columns';
import { createEventCsvStream, toCsvRecord } from '../exports/csv';
import { summaryToExportRow } from '../testing/export-row';
import { parseFilters } from '@/lib/filters';
import { exportEvents, exportRows } from './export';
import { resolveFilters } from './filter-lookups';
import { listTimeline } from './timeline';
import { seedTimelineFixture } from '@/db/testing/timeline-fixture';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
  seedDatabase(conn.db);
  seedTimelineFixture(conn);
});
afterEach(() => conn.sqlite.close());

const PUBLIC = { includeDrafts: false };

function filtersOf(query: string) {
  const resolved = resolveFilters(conn.db, parseFilters(new URLSearchParams(query)), PUBLIC);
  expect(resolved.issues).toEqual([]);
  return resolved.filters;
}

/** Every page of the JSON API's list for these filters, in order. */
function allPages(query: string) {
  const filters = { ...filtersOf(query), sort: 'date' as const };
  const items = [];
  let position = null;
  for (;;) {
    const page = listTimeline(conn.db, filters, { ...PUBLIC, position, limit: 3 });
    items.push(...page.items);
    if (!page.nextCursor) break;
    const last = page.items.at(-1)!;
    position = { kind: 'date' as const, cursor: { date: last.date, id: last.id } };
  }
  return items;
}

async function exportedCsv(query: string, batchSize = 4): Promise<Record<string, string>[]> {
  const stream = createEventCsvStream(exportRows(conn.db, filtersOf(query), PUBLIC, batchSize), { bom: true, origin: 'https://t.example' });
  return parse(await new Response(stream).text(), { columns: true, bom: true }) as Record<string, string>[];
}

const COMBINATIONS = [
  '',
  'type=designation',
  'country=SY&role=target',
  'from=2020&to=2023',
  'q=qadd',
  'q=erdogan',
  'authority=Caesar+Syria+Civilian+Protection+Act+of+2019&type=designation',
  'tag=caesar-act&from=2023',
  'type=normalisation&type=isolation&country=AE',
  'q=no-such-word-anywhere',
];

describe('the CSV export holds exactly the filtered view', () => {
  it.each(COMBINATIONS)('matches the JSON API row for row for %j', async (query) => {
    const api = allPages(query);
    const csv = await exportedCsv(query);
    const expected = parse(encodeEventCsv(api.map((e) => toCsvRecord(summaryToExportRow(e), 'https://t.example')), { header: true }), {
      columns: true,
    }) as Record<string, string>[];
    expect(csv).toEqual(expected);
    expect(csv.map((r) => Number(r.id))).toEqual(api.map((e) => e.id));
  });

  it('exports every event, not just the first page, in timeline order across batch boundaries', async () => {
    const all = await exportedCsv('', 2);
    expect(all.length).toBeGreaterThan(16);
    expect(all.map((r) => Number(r.id))).toEqual(allPages('').map((e) => e.id));
  });

  it('never exports drafts or deleted events', async () => {
    const draft = makeEvent(conn.db, { title: 'A draft about Qaddour', status: 'draft' });
    const deleted = makeEvent(conn.db, { title: 'A deleted event about Qaddour' });
    conn.sqlite.prepare(`UPDATE events SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?`).run(deleted.id);
    const ids = (await exportedCsv('q=qaddour')).map((r) => Number(r.id));
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(deleted.id);
  });

  it('reads the seeded designation back with its actors, countries, tags and sources', async () => {
    const rows = await exportedCsv('q=%22Samer+Kamal%22');
    const row = rows.find((r) => r.title === 'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad' && r.date === '2023-03-28');
    expect(row).toMatchObject({
      date_precision: 'day',
      type: 'designation',
      countries: 'US (actor); SY (target)',
      legal_authority: 'Caesar Syria Civilian Protection Act of 2019',
      program: 'SYRIA-CAESAR',
      status: 'published',
    });
    expect(row!.actors).toContain('Samer Kamal al-Assad (target, person)');
  });
});

describe('the JSON export', () => {
  it('yields the same events as the list, in batches', () => {
    const filters = filtersOf('country=SY');
    const exported = [...exportEvents(conn.db, filters, PUBLIC)].flat();
    expect(exported.map((e) => e.id)).toEqual(allPages('country=SY').map((e) => e.id));
  });
});
